package io.github.chainrule.processor.diag;

/**
 * Thrown by a pipeline stage that meets something it cannot handle at a known place; the shell
 * turns it into a positioned compile error. Only for user-facing problems: a bug in Chainrule is
 * any other exception, reported as an internal error.
 */
public final class DifferentiationError extends RuntimeException {

  private final transient Diagnostic diagnostic;

  public DifferentiationError(Diagnostic diagnostic) {
    super(diagnostic.text(), null, false, false);
    this.diagnostic = diagnostic;
  }

  public Diagnostic diagnostic() {
    return diagnostic;
  }
}
