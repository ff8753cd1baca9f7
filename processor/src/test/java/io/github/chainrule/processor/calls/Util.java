package io.github.chainrule.processor.calls;

import io.github.chainrule.Differentiable;

/** Shares its simple name with {@code other.Util}: both generated classes are UtilGradient. */
final class Util {

  private Util() {}

  @Differentiable
  static double f(double x) {
    return Math.atan(x);
  }
}
