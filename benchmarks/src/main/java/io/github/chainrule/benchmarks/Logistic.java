package io.github.chainrule.benchmarks;

import io.github.chainrule.Differentiable;

/**
 * The mean logistic-regression loss over a fixed data set: a doubly nested loop where only the
 * weights are active; the data matrix and the labels are inactive.
 */
public final class Logistic {

  private Logistic() {}

  /**
   * (1/rows) Σ_r log(1 + exp(−s_r · wᵀx_r)) with s_r = 2·y_r − 1 ∈ {−1, +1}; {@code x} holds
   * {@code y.length} rows of {@code w.length} features, row-major.
   */
  @Differentiable(wrt = "w")
  public static double loss(double[] w, double[] x, int[] y) {
    int d = w.length;
    int rows = y.length;
    double s = 0;
    for (int r = 0; r < rows; r++) {
      double z = 0;
      for (int j = 0; j < d; j++) {
        z += x[r * d + j] * w[j];
      }
      double m = (2 * y[r] - 1) * z;
      s += Math.log(1 + Math.exp(-m));
    }
    return s / rows;
  }

  /**
   * The value and gradient as a person would write them: per row, one pass for the margin and one
   * pass to add the row into the gradient. Writes {@code gradient[0..w.length)}.
   */
  public static double valueAndGradientByHand(
      double[] w, double[] x, int[] y, double[] gradient) {
    int d = w.length;
    int rows = y.length;
    for (int j = 0; j < d; j++) {
      gradient[j] = 0;
    }
    double s = 0;
    for (int r = 0; r < rows; r++) {
      int off = r * d;
      double z = 0;
      for (int j = 0; j < d; j++) {
        z += x[off + j] * w[j];
      }
      double sign = 2 * y[r] - 1;
      double e = Math.exp(-sign * z);
      s += Math.log(1 + e);
      double c = -sign * e / (1 + e) / rows;
      for (int j = 0; j < d; j++) {
        gradient[j] += c * x[off + j];
      }
    }
    return s / rows;
  }
}
