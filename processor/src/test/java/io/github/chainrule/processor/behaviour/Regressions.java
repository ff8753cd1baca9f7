package io.github.chainrule.processor.behaviour;

import static java.lang.Math.*;
import static java.lang.StrictMath.sin;

import io.github.chainrule.Differentiable;

/** Methods that once produced wrong or uncompilable derivatives; each stays as a regression test. */
final class Regressions {

  private Regressions() {}

  /** A declaration whose first value is never read. */
  @Differentiable
  static double overwrittenBeforeRead(double x) {
    double a = x;
    a = x * 3;
    return a;
  }

  /** An adjoint that is reset before anything reads it. */
  @Differentiable
  static double constantResult(double x) {
    double a = x * x;
    double b = a * a;
    a = 4;
    return a + b;
  }

  /** A local declared inside a branch, read only by the forward sweep. */
  @Differentiable
  static double branchAssignments(double x, double y) {
    double r;
    if (x > y) {
      double t = x * y;
      r = t + 1;
    } else {
      r = -x;
    }
    return r * y;
  }

  /** A local declared after an early return. */
  @Differentiable
  static double declaredAfterEarlyReturn(double x) {
    if (x > 1) {
      return x;
    }
    double v = x * 3;
    return v + x;
  }

  /** atan2's partials square their arguments: in double, never in int. */
  @Differentiable
  static double atan2WithLargeIntArguments(double x, int n) {
    return Math.atan2(x, 50000) + Math.atan2(n, x);
  }

  @Differentiable
  static double powToTheZero(double x, int n) {
    return Math.pow(x, 0) + Math.pow(x, n);
  }

  /** A single-static-import (StrictMath.sin) shadows the on-demand import of Math.*. */
  @Differentiable
  static double strictSineByImport(double x) {
    return sin(x) + cos(x);
  }

  /** An active array declared inside a branch: its declaration moves to the top in reverse mode. */
  @Differentiable
  static double arrayInABranch(double x, boolean b) {
    if (b) {
      double[] z = new double[2];
      z[0] = x * x;
      z[1] = Math.sin(x);
      return z[0] * z[1];
    }
    return x;
  }
}
