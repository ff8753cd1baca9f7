package io.github.chainrule.processor.behaviour;

import static java.lang.Math.*;

import io.github.chainrule.Differentiable;

/** Math functions and constants by simple name, through {@code import static java.lang.Math.*}. */
final class StaticMathImports {

  private StaticMathImports() {}

  @Differentiable
  static double everything(double x, double y) {
    return sin(x) * exp(-y) + pow(x, 2) * hypot(x, y) + PI * x + E * y + abs(min(x, y))
        + sqrt(max(x * x, 0.5)) + atan2(y, x) + log1p(x * x) + tanh(y) * cbrt(x);
  }
}
