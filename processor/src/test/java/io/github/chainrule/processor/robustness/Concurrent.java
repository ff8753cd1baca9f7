package io.github.chainrule.processor.robustness;

import io.github.chainrule.Differentiable;

/**
 * Loop methods whose reverse mode uses tapes, trip counts and branch flags, for
 * {@link ConcurrencyTest}. Compiled by the processor with the other test sources; their
 * derivatives are in {@code ConcurrentGradient}.
 */
final class Concurrent {

  private Concurrent() {}

  @Differentiable
  static double rosenbrock(double[] x) {
    double sum = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      sum += 100 * a * a + b * b;
    }
    return sum;
  }

  /** A while loop with branches inside a loop over the array, an int the derivative reads. */
  @Differentiable
  static double relax(double[] x, double rate) {
    double s = 0;
    int k = 1;
    for (int i = 0; i < x.length; i++) {
      double v = x[i];
      int steps = 0;
      while (steps < 4 && Math.abs(v) < 50) {
        if (v > 1) {
          v = v * rate - 0.5;
        } else if (v < -1) {
          v = -v * rate + Math.sin(v);
        } else {
          v = v * v + rate * k;
        }
        steps++;
      }
      if (v > 20) {
        break;
      }
      s = s * 0.5 + v * k;
      k = k % 3 + 1;
    }
    return s;
  }

  /** Early return from nested loops over a local copy written in place. */
  @Differentiable
  static double smooth(double[] x, double w) {
    double[] y = x.clone();
    for (int r = 0; r < 3; r++) {
      for (int i = 1; i < y.length; i++) {
        y[i] = (1 - w) * y[i] + w * Math.tanh(y[i - 1]);
        if (y[i] > 40) {
          return y[i];
        }
      }
    }
    double s = 0;
    for (double v : y) {
      s += v * v;
    }
    return s;
  }
}
