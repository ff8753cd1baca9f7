package io.github.chainrule.example;

import io.github.chainrule.Differentiable;

/**
 * The running example of the README: f(x) = x⁴ + 3x² + 2x, with f(2) = 32, f'(2) = 46 and
 * f''(2) = 54.
 *
 * <p>Compiling this class makes the Chainrule processor write {@code SeedPolynomialGradient}
 * next to it, with {@code fJvp} (forward mode), {@code fGradient} and {@code fValueAndGradient}
 * (reverse mode), and {@code fHessian} and {@code fHvp} (forward over reverse mode).
 */
public final class SeedPolynomial {

  private SeedPolynomial() {}

  @Differentiable
  public static double f(double x) {
    return x * x * x * x + 3 * x * x + 2 * x;
  }

  /** The derivative worked out by hand, to check the generated one against: 4x³ + 6x + 2. */
  public static double derivativeByHand(double x) {
    return 4 * x * x * x + 6 * x + 2;
  }

  /** The second derivative worked out by hand: 12x² + 6. */
  public static double secondDerivativeByHand(double x) {
    return 12 * x * x + 6;
  }
}
