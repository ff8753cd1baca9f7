package io.github.chainrule.example;

import static java.lang.Math.exp;

import io.github.chainrule.Differentiable;

/**
 * Two nonlinear regression models from NIST's Statistical Reference Datasets (StRD), each a
 * method returning the model's prediction at every x as a {@code double[]}. Chainrule generates
 * {@code kirby2Jacobian} and {@code mgh17Jacobian}: the derivative of every prediction with
 * respect to every parameter b, which is what a Levenberg–Marquardt optimiser needs
 * ({@link CurveFitting}).
 */
public final class NistModels {

  private NistModels() {}

  /**
   * Kirby2, a rational model: y = (b1 + b2·x + b3·x²) / (1 + b4·x + b5·x²). NIST's data are
   * observations from a study of scanning electron microscope line-width standards.
   */
  @Differentiable(wrt = "b")
  public static double[] kirby2(double[] b, double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      y[i] = (b[0] + b[1] * xi + b[2] * xi * xi) / (1 + b[3] * xi + b[4] * xi * xi);
    }
    return y;
  }

  /**
   * MGH17 (Osborne 1), a sum of exponentials: y = b1 + b2·e^(−b4·x) + b3·e^(−b5·x). Rated
   * difficult: the two exponentials are nearly interchangeable.
   */
  @Differentiable(wrt = "b")
  public static double[] mgh17(double[] b, double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = b[0] + b[1] * exp(-x[i] * b[3]) + b[2] * exp(-x[i] * b[4]);
    }
    return y;
  }
}
