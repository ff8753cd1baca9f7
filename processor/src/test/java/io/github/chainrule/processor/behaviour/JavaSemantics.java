package io.github.chainrule.processor.behaviour;

import io.github.chainrule.Differentiable;

/**
 * Fixtures where Java's own rules decide the value: literal forms, {@code var}, casts, integer
 * remainder, nested blocks, else-if chains, Math overloads on int and long arguments, and branch
 * conditions on values the branch then overwrites.
 */
final class JavaSemantics {

  private JavaSemantics() {}

  @Differentiable
  static double literalForms(double x) {
    var a = x * 2;
    var k = 0x10 + 1_000;
    long m = 5L;
    return a * 0x1p-2 + 1_000.5 * x + 2e3 * x + k * x + m * x + 1e-9 * x + .5 * x + 3. * x
        + 0x1.8p1 * x;
  }

  @Differentiable
  static double casts(double x, int n) {
    int i = (int) x;
    double d = (double) n / 2;
    double e = (double) (n / 2);
    return x * i + d * x + e * x * x + (long) (x * 3) + (double) x * x;
  }

  @Differentiable
  static double remainder(double x, int n) {
    int k = n % 3;
    k %= 2;
    return x * k + (n % 4) * x * x;
  }

  @Differentiable
  static double elseIfChainThenFallThrough(double x) {
    if (x < 0) return -x; else if (x < 1) return x * x;
    return 2 * x;
  }

  @Differentiable
  static double nestedBlocks(double x) {
    double s = 0;
    {
      double t = x * x;
      s = s + t * x;
    }
    {
      double t = Math.sin(x);
      s = s * t;
    }
    {
      if (x > 0) {
        return s * x;
      }
    }
    return s;
  }

  /** Math overloads chosen by javac for int and long arguments. */
  @Differentiable
  static double mathOnIntegers(double x, int n, long m) {
    return Math.max(n, x) + Math.min(x, 2) + Math.abs(n) * x + Math.hypot(n, x)
        + Math.fma(x, n, m) + Math.max(n, m) * x + Math.abs(m) * x * x + Math.pow(x, n)
        + Math.pow(n + 3, x);
  }

  /** The branch overwrites the value its condition read; reverse mode must replay the choice. */
  @Differentiable
  static double conditionOnOverwritten(double x) {
    double s = x * 1.5;
    if (s > 1) {
      s = s * s;
    } else {
      s = -s * x;
    }
    if (s > 2) {
      s = s * x;
    }
    return s;
  }

  /** An integer division whose result nothing uses: it must still throw where the original does. */
  @Differentiable
  static double unusedIntegerDivision(double x, int n) {
    int k = 10 / n;
    return x * 2;
  }
}
