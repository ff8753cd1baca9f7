package io.github.chainrule.processor.diag;

import io.github.chainrule.processor.ir.SourcePos;
import java.util.ArrayList;
import java.util.List;

/** Collects the diagnostics of one method while the pipeline runs; the shell reports them. */
public final class Diagnostics {

  private final List<Diagnostic> all = new ArrayList<>();

  public void error(SourcePos pos, Message message, Object... args) {
    all.add(Diagnostic.at(pos, message, args));
  }

  public void errorOnMethod(Message message, Object... args) {
    all.add(Diagnostic.onMethod(message, args));
  }

  public void add(Diagnostic diagnostic) {
    all.add(diagnostic);
  }

  public boolean hasErrors() {
    return !all.isEmpty();
  }

  public List<Diagnostic> all() {
    return List.copyOf(all);
  }
}
