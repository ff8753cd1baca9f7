package io.github.chainrule.processor.calls;

import io.github.chainrule.Differentiable;

/**
 * A two-layer perceptron with tanh hidden units and a logistic loss, its weights flattened into
 * one array (W1, h × d row-major; b1, h; w2, h; b2, 1). Only the weights are differentiated: the
 * data (d values per sample) and the labels are inactive. The loss calls a per-sample helper,
 * and a helper of another class for weight decay.
 */
final class Mlp {

  private Mlp() {}

  static int size(int d, int h) {
    return h * d + 2 * h + 1;
  }

  @Differentiable(wrt = "w")
  static double sampleLoss(double[] w, double[] data, int row, int d, int h, int label) {
    double z = w[h * d + 2 * h];
    for (int j = 0; j < h; j++) {
      double a = w[h * d + j];
      for (int k = 0; k < d; k++) {
        a += w[j * d + k] * data[row * d + k];
      }
      z += w[h * d + h + j] * Math.tanh(a);
    }
    // log(1 + e^z), without overflow.
    double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    return softplus - label * z;
  }

  @Differentiable(wrt = "w")
  static double loss(double[] w, double[] data, int[] labels, int d, int h, double decay) {
    double total = 0;
    for (int s = 0; s < labels.length; s++) {
      total += sampleLoss(w, data, s, d, h, labels[s]);
    }
    return total / labels.length + decay * Shapes.dot(w, w);
  }
}
