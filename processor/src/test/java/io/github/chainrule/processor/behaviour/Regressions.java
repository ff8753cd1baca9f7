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

  // Found by the fuzzer (FUZZING.md).

  /** An inactive parameter assigned a differentiated value gets a tangent. */
  @Differentiable(wrt = {"a"})
  static double inactiveParameterAssigned(double x, double[] a) {
    x -= a[1];
    return x;
  }

  /** An element write whose index reads the same array. */
  @Differentiable
  static double selfIndexedWrite(double z) {
    double[] w = new double[4];
    w[(int) (2 * Math.abs(Math.sin(w[0])))] -= z;
    return w[1];
  }

  /** A value recomputed in the reverse loop reads x, which is overwritten after the loop. */
  @Differentiable
  static double recomputedAfterOverwrite(double z, double x) {
    double d1 = z;
    for (int i = 0; i < 1; i++) {
      d1 *= z + x;
    }
    x++;
    return d1;
  }

  /** An inner loop recomputes from the outer loop's counter, which the outer update overwrites. */
  @Differentiable
  static double outerCounterReadByInnerLoop(double x, int n) {
    double s = 0;
    int i = 0;
    while (i < n) {
      for (int j = 0; j < 2; j++) {
        s += Math.fma(x, (double) i, x);
      }
      i += 2;
    }
    return s;
  }

  @Differentiable
  static double atan2AtTheOrigin(double x) {
    return Math.atan2(x - x, x - x);
  }

  /**
   * A sum loop whose sum is overwritten after it, the overwritten value reaching the result only
   * through a loop: the loop's sum does not reach the result (fuzz seed 101, program 3546).
   */
  @Differentiable
  static double sumOverwrittenAfterTheLoop(double y, double[] a) {
    double d1 = y;
    for (int i = a.length - 1; i >= 0; i--) {
      d1 += a[0];
    }
    d1 = y;
    double[] w = new double[1];
    for (int i = 0; i < w.length; i++) {
      w[i] = d1;
    }
    return d1 + w[0];
  }

  /**
   * A loop reversed in place adds to z's adjoint before the rest is reversed; the later
   * {@code z /= z} must not take those contributions as its own (fuzz seed 201, program 122).
   */
  @Differentiable
  static double readThenReassignedAfterTheLoop(double[] a, double z) {
    double d1 = z;
    for (int i = 0; i < a.length; i++) {
      d1 += z;
    }
    z /= z;
    return d1;
  }

  /**
   * An inner loop rerun point by point in the reverse sweep reads a counter the enclosing loop
   * advances: its reruns must see each outer iteration's value (fuzz seed 202, program 4207).
   */
  @Differentiable(wrt = {"x", "a"})
  static double rerunReadsTheOuterCounter(double x, double[] a) {
    double d2 = x;
    int c3 = 0;
    while (c3 < 2) {
      c3++;
      for (double v : a) {
        int c7 = 0;
        while (c7 < 1) {
          c7++;
          d2 += a[c3 % a.length];
        }
      }
    }
    return d2;
  }

  /**
   * A long beyond int's range, overwritten in a loop the reverse sweep replays with a tape: saved
   * as two ints (once a compile error; fuzz seed 201, program 3818, had a long temporary).
   */
  @Differentiable
  static double longOverwrittenInALoop(double x) {
    long m = 3_000_000_000L;
    double s = x;
    int c = 0;
    while (c < 3) {
      c++;
      m = m * 3 + 1;
      s = s * x / m;
    }
    do {
      c--;
      s /= 1 + 3L * 3L;
    } while (c > 1);
    return s;
  }
}
