package io.github.chainrule.processor.ir;

/**
 * Where an IR node came from in the user's source: the line (for comments in generated code), the
 * character range (to place diagnostics on the exact tree) and the first line of source text.
 */
public record SourcePos(long line, long start, long end, String text) {

  /** The position of generated code that has no source of its own. */
  public static final SourcePos NONE = new SourcePos(-1, -1, -1, "");

  public boolean isKnown() {
    return line >= 0;
  }
}
