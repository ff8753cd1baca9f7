package io.github.chainrule.processor.calls;

import io.github.chainrule.Differentiable;
import io.github.chainrule.processor.calls.other.Activations;

/**
 * A loss calling helpers of two other classes and of its own class: nested calls inside an
 * expression, calls inside a counted loop and a while loop (on a loop-carried value), a call on a
 * local array written in the loop, a call on a parameter array passed twice, a call in a branch
 * condition and in both branches.
 */
final class TwoClassLoss {

  private TwoClassLoss() {}

  @Differentiable
  static double local(double u, double v) {
    return Math.log(1 + u * u) * v;
  }

  @Differentiable
  static double loss(double x, double y, double[] w) {
    double s = Shapes.sq(Shapes.h(x) * y);
    double[] z = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      double a = Activations.smooth(w[i] * x + y);
      s += a * a + local(w[i], y);
      z[i] = Activations.mix(a, w[i], i);
    }
    s += Shapes.dot(w, w) * Math.cos(y) + Shapes.bump(x, 0.3) + Shapes.dot(z, w);
    double p = 1;
    int k = 0;
    while (k < 3) {
      p = 0.5 * p + Shapes.h(p * x);
      k++;
    }
    if (Shapes.h(x) > 0) {
      s += Shapes.sq(p - y);
    } else {
      s -= local(p, x);
    }
    return s + p;
  }
}
