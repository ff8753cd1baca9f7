package io.github.chainrule.processor.behaviour;

import static java.lang.Math.PI;
import static java.lang.Math.cos;
import static java.lang.StrictMath.exp;

import io.github.chainrule.Differentiable;

/** Single-name static imports, one of them from StrictMath. */
final class SingleStaticImports {

  private SingleStaticImports() {}

  @Differentiable
  static double singles(double x) {
    return cos(PI * x) * exp(x);
  }
}
