package golden;

import io.github.chainrule.Differentiable;

/** The seed example: f(x) = x^4 + 3x^2 + 2x, so f'(2) = 46. */
final class Polynomial {

  private Polynomial() {}

  @Differentiable
  static double f(double x) {
    return x * x * x * x + 3 * x * x + 2 * x;
  }
}
