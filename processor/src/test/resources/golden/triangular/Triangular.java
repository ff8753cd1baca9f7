package golden;

import io.github.chainrule.Differentiable;

/**
 * A strictly lower-triangular matrix plus the identity times a centred vector, as in the Gaussian
 * mixture model: in the reverse sweep of the inner loop every iteration adds to one element of the
 * centred vector's adjoint, which the loop accumulates in a local.
 */
public final class Triangular {

  private Triangular() {}

  @Differentiable
  public static double squaredNorm(double[] x, double[] mean, double[] lower) {
    int d = x.length;
    double[] xc = new double[d];
    double[] y = new double[d];
    for (int i = 0; i < d; i++) {
      xc[i] = x[i] - mean[i];
      y[i] = xc[i];
    }
    int l = 0;
    for (int i = 0; i < d; i++) {
      for (int j = i + 1; j < d; j++) {
        y[j] += lower[l] * xc[i];
        l++;
      }
    }
    double sum = 0;
    for (int j = 0; j < d; j++) {
      sum += y[j] * y[j];
    }
    return sum;
  }
}
