package io.github.chainrule.benchmarks;

import io.github.chainrule.Differentiable;

/**
 * A two-layer perceptron with tanh hidden units and a linear output, mean squared error over a
 * batch. Weights flattened: W1[hidden·in] (row j = hidden unit j), b1[hidden], W2[hidden], b2.
 */
public final class Mlp {

  private Mlp() {}

  static int size(int in, int hidden) {
    return hidden * in + hidden + hidden + 1;
  }

  @Differentiable(wrt = "w")
  public static double loss(double[] w, double[] x, double[] y, int in, int hidden) {
    int rows = y.length;
    int b1 = hidden * in;
    int w2 = b1 + hidden;
    int b2 = w2 + hidden;
    double s = 0;
    for (int r = 0; r < rows; r++) {
      double out = w[b2];
      for (int j = 0; j < hidden; j++) {
        double z = w[b1 + j];
        for (int i = 0; i < in; i++) {
          z += w[j * in + i] * x[r * in + i];
        }
        out += w[w2 + j] * Math.tanh(z);
      }
      double e = out - y[r];
      s += e * e;
    }
    return 0.5 * s / rows;
  }

  /** Value and gradient by hand (backpropagation, one pass per row). */
  public static double valueAndGradientByHand(double[] w, double[] x, double[] y, int in,
      int hidden, double[] gradient) {
    int rows = y.length;
    int b1 = hidden * in;
    int w2 = b1 + hidden;
    int b2 = w2 + hidden;
    java.util.Arrays.fill(gradient, 0, b2 + 1, 0.0);
    double[] h = new double[hidden];
    double s = 0;
    double scale = 1.0 / rows;
    for (int r = 0; r < rows; r++) {
      int xo = r * in;
      double out = w[b2];
      for (int j = 0; j < hidden; j++) {
        double z = w[b1 + j];
        for (int i = 0; i < in; i++) {
          z += w[j * in + i] * x[xo + i];
        }
        h[j] = Math.tanh(z);
        out += w[w2 + j] * h[j];
      }
      double e = out - y[r];
      s += e * e;
      double eb = e * scale;
      gradient[b2] += eb;
      for (int j = 0; j < hidden; j++) {
        gradient[w2 + j] += eb * h[j];
        double zb = eb * w[w2 + j] * (1 - h[j] * h[j]);
        gradient[b1 + j] += zb;
        int wo = j * in;
        for (int i = 0; i < in; i++) {
          gradient[wo + i] += zb * x[xo + i];
        }
      }
    }
    return 0.5 * s / rows;
  }
}
