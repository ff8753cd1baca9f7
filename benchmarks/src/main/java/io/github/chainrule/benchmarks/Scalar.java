package io.github.chainrule.benchmarks;

import io.github.chainrule.Differentiable;

/** Loop-free scalar functions: their reverse mode should allocate nothing at all. */
public final class Scalar {

  private Scalar() {}

  /** The seed polynomial x⁴ + 3x² + 2x. */
  @Differentiable
  public static double poly(double x) {
    return x * x * x * x + 3 * x * x + 2 * x;
  }

  /** A three-input function with sin, exp and sqrt. */
  @Differentiable
  public static double trig(double x, double y, double z) {
    return Math.sin(x) * Math.exp(y) + Math.sqrt(x * x + y * y + z * z);
  }

  /** poly and its derivative 4x³ + 6x + 2, written by hand into {@code gradient[0]}. */
  public static double polyValueAndGradientByHand(double x, double[] gradient) {
    double x2 = x * x;
    gradient[0] = 4 * x2 * x + 6 * x + 2;
    return x2 * x2 + 3 * x2 + 2 * x;
  }

  /** trig and its gradient (∂x, ∂y, ∂z), written by hand into {@code gradient[0..3)}. */
  public static double trigValueAndGradientByHand(
      double x, double y, double z, double[] gradient) {
    double sx = Math.sin(x);
    double ey = Math.exp(y);
    double r = Math.sqrt(x * x + y * y + z * z);
    gradient[0] = Math.cos(x) * ey + x / r;
    gradient[1] = sx * ey + y / r;
    gradient[2] = z / r;
    return sx * ey + r;
  }
}
