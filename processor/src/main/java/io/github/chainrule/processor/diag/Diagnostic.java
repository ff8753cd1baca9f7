package io.github.chainrule.processor.diag;

import io.github.chainrule.processor.ir.SourcePos;

/**
 * One error found in a method: the message and where it belongs. A {@link SourcePos#NONE}
 * position means "the method declaration".
 */
public record Diagnostic(Message message, SourcePos pos, String text) {

  public static Diagnostic at(SourcePos pos, Message message, Object... args) {
    return new Diagnostic(message, pos, message.format(args));
  }

  public static Diagnostic onMethod(Message message, Object... args) {
    return at(SourcePos.NONE, message, args);
  }
}
