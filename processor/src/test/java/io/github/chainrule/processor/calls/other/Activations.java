package io.github.chainrule.processor.calls.other;

import io.github.chainrule.Differentiable;

/** Helpers in another package of the same compilation. */
public final class Activations {

  private Activations() {}

  @Differentiable
  public static double smooth(double x) {
    return x / Math.sqrt(1 + x * x);
  }

  /** Which formula depends on an int argument that carries no derivative. */
  @Differentiable
  public static double mix(double a, double b, int k) {
    return k % 2 == 0 ? a * Math.cos(b) : b * Math.sin(a);
  }
}
