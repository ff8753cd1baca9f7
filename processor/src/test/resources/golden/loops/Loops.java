package golden;

import io.github.chainrule.Differentiable;

/**
 * Loops over a double[] parameter. A counted loop (the extended Rosenbrock function), whose
 * reverse sweep recomputes each iteration instead of taping it; and a while loop that may leave
 * early, whose reverse sweep replays its trip count and branch decisions from tapes.
 */
public final class Loops {

  private Loops() {}

  @Differentiable
  public static double rosenbrock(double[] x) {
    double sum = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      sum += 100 * a * a + b * b;
    }
    return sum;
  }

  @Differentiable
  public static double discounted(double[] x, double rate) {
    double s = 0;
    int i = 0;
    while (i < x.length) {
      if (x[i] < 0) {
        break;
      }
      s = s * rate + Math.sqrt(x[i]);
      i++;
    }
    return s;
  }
}
