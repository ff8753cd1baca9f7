package io.github.chainrule.processor.calls;

import io.github.chainrule.Differentiable;

/** Callers of the custom-derivative functions, in loops and expressions, from another class. */
final class SpecialUse {

  private SpecialUse() {}

  @Differentiable
  static double erfSum(double[] xs, double s) {
    double t = 0;
    for (int i = 0; i < xs.length; i++) {
      t += Special.erf(s * xs[i]) * xs[i];
    }
    return t;
  }

  /** A logistic negative log-likelihood plus a few other custom functions. */
  @Differentiable(wrt = "z")
  static double nll(double[] z, int[] labels) {
    double t = 0;
    for (int i = 0; i < z.length; i++) {
      t += Special.softplus(z[i]) - labels[i] * z[i];
    }
    return t + Special.lgamma(1 + z[0] * z[0]) + Special.logAddExp(z[0], Special.intPower(z[1], 3))
        + Special.selfExp(Special.selfExp(z[1]) * 0.1);
  }
}
