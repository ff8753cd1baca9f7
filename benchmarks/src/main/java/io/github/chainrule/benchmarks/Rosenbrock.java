package io.github.chainrule.benchmarks;

import io.github.chainrule.Differentiable;

/** The extended Rosenbrock function, a loop over an active array with a running sum. */
public final class Rosenbrock {

  private Rosenbrock() {}

  /** f(x) = Σ_{i<n-1} 100 (x[i+1] − x[i]²)² + (1 − x[i])². */
  @Differentiable
  public static double f(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double t = x[i + 1] - x[i] * x[i];
      double u = 1 - x[i];
      s += 100 * t * t + u * u;
    }
    return s;
  }

  /**
   * The value and gradient as a person would write them: one fused loop, no tape, each gradient
   * entry written once (term i contributes to entries i and i+1; the part for i+1 is carried in a
   * local to the next iteration). Writes {@code gradient[0..x.length)}.
   */
  public static double valueAndGradientByHand(double[] x, double[] gradient) {
    int n = x.length;
    double s = 0;
    double carry = 0; // ∂(term i−1)/∂x[i], added when entry i is written
    for (int i = 0; i < n - 1; i++) {
      double xi = x[i];
      double t = x[i + 1] - xi * xi;
      double u = 1 - xi;
      s += 100 * t * t + u * u;
      gradient[i] = carry - 400 * t * xi - 2 * u;
      carry = 200 * t;
    }
    if (n > 0) {
      gradient[n - 1] = carry;
    }
    return s;
  }
}
