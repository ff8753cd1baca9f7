package io.github.chainrule.processor.calls;

import io.github.chainrule.Differentiable;

/** Static differentiable methods of an interface, and of a static nested class. */
interface Kernels {

  @Differentiable
  static double gauss(double x) {
    return Math.exp(-x * x);
  }

  /** Nested in an interface: implicitly static. */
  final class Powers {
    private Powers() {}

    @Differentiable
    static double pow(double x, int p) {
      return Math.pow(x, p);
    }
  }
}
