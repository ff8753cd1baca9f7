package golden;

import io.github.chainrule.Differentiable;

/** Two inputs, a local that is reassigned from its own value, and a ternary. */
final class Blend {

  private Blend() {}

  @Differentiable
  static double blend(double x, double y) {
    double s = x * y;
    s = s * Math.sin(s) + y;
    return s > 1 ? s / x : s * s;
  }
}
