package io.github.chainrule.processor.calls;

import io.github.chainrule.Differentiable;

/** Helpers called from other classes: scalars, an array pair, a method with a restricted wrt. */
final class Shapes {

  private Shapes() {}

  @Differentiable
  static double sq(double x) {
    return x * x;
  }

  @Differentiable
  static double h(double x) {
    return Math.sin(x) + 0.25 * x * x;
  }

  @Differentiable
  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** A bump centred on mu; mu is not differentiated. */
  @Differentiable(wrt = "x")
  static double bump(double x, double mu) {
    return Math.exp(-(x - mu) * (x - mu));
  }
}
