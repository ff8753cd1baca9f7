package io.github.chainrule.processor.behaviour;

import io.github.chainrule.Differentiable;

/** Differentiable methods at three nesting depths. */
final class Outer {

  private Outer() {}

  @Differentiable
  static double outer(double x) {
    return x * Inner.SCALE;
  }

  static final class Inner {

    static final double SCALE = 3.0;

    private Inner() {}

    @Differentiable
    static double inner(double x) {
      return Math.exp(SCALE * x);
    }

    static final class Deeper {

      private Deeper() {}

      @Differentiable
      public static double deeper(double x, double y) {
        return x / y + SCALE;
      }
    }
  }
}
