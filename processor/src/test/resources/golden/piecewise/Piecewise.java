package golden;

import io.github.chainrule.Differentiable;

/** Returns at the end of both branches; only x is differentiated, y and n are data. */
public final class Piecewise {

  private Piecewise() {}

  @Differentiable(wrt = "x")
  public static double piecewise(double x, double y, int n) {
    if (n > 0) {
      return x * y + n;
    } else {
      return Math.exp(x) - y;
    }
  }
}
