package io.github.chainrule.processor.behaviour;

import io.github.chainrule.Differentiable;

/** Fixtures for the calling contract of the generated methods. */
final class Contract {

  private Contract() {}

  /** Three active inputs with an inactive int between them. */
  @Differentiable
  static double threeActive(double x, int n, double y, double z) {
    return x * y * n + Math.sin(z) * y + Math.exp(x * z);
  }

  @Differentiable
  static double single(double x) {
    return Math.log(1 + x * x);
  }
}
