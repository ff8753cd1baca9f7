package io.github.chainrule.processor.behaviour;

import io.github.chainrule.Differentiable;

/** The running example: f(x) = x⁴ + 3x² + 2x, with f(2) = 32, f'(2) = 46, f''(2) = 54. */
final class SeedPolynomial {

  private SeedPolynomial() {}

  @Differentiable
  static double f(double x) {
    return x * x * x * x + 3 * x * x + 2 * x;
  }
}
