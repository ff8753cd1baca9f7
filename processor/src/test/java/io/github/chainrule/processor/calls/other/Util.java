package io.github.chainrule.processor.calls.other;

import io.github.chainrule.Differentiable;

/** Shares its simple name with {@code calls.Util}. */
public final class Util {

  private Util() {}

  @Differentiable
  public static double f(double x) {
    return Math.cosh(x);
  }
}
