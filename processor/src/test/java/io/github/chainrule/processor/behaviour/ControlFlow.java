package io.github.chainrule.processor.behaviour;

import io.github.chainrule.Differentiable;

/**
 * Fixtures for the control-flow issue: every statement form of the body language, each in a small
 * method whose derivative the tests check in both modes.
 */
final class ControlFlow {

  private ControlFlow() {}

  @Differentiable
  static double ifElseChain(double x, double y) {
    double r;
    if (x > 1) {
      r = x * y;
    } else if (x > -1) {
      r = Math.sin(x) + y * y;
    } else {
      r = Math.exp(x) * y;
    }
    return r * x;
  }

  @Differentiable
  static double power(double x, int n) {
    double p = 1;
    for (int i = 0; i < n; i++) {
      p *= x;
    }
    return p;
  }

  @Differentiable
  static double downwardLoop(double[] x) {
    double s = 0;
    for (int i = x.length - 1; i >= 0; i--) {
      s = s * 0.5 + x[i] * x[i];
    }
    return s;
  }

  @Differentiable
  static double enhancedFor(double[] x) {
    double s = 0;
    for (double v : x) {
      s += Math.sin(v) * v;
    }
    return s;
  }

  @Differentiable
  static double whileBreak(double x) {
    double s = x;
    int k = 0;
    while (true) {
      s = Math.sqrt(s * s + 1) * 0.9;
      k++;
      if (k >= 7) {
        break;
      }
    }
    return s * x;
  }

  @Differentiable
  static double doWhile(double x, int n) {
    double s = 0;
    int k = 0;
    do {
      s += Math.cos(s + x);
      k++;
    } while (k < n);
    return s;
  }

  @Differentiable
  static double labelledContinue(double[] x) {
    double s = 0;
    outer:
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        if (j > i) {
          continue outer;
        }
        if ((i + j) % 3 == 2) {
          continue;
        }
        s += x[i] * Math.tanh(x[j]);
      }
    }
    return s;
  }

  @Differentiable
  static double earlyReturnInLoop(double[] x, double t) {
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        if (x[i] * x[j] > t) {
          return x[i] * x[j] * t;
        }
      }
    }
    return t * t;
  }

  @Differentiable(wrt = "x")
  static double matrixVector(double[] a, double[] x) {
    int n = x.length;
    double s = 0;
    for (int i = 0; i < n; i++) {
      double row = 0;
      for (int j = 0; j < n; j++) {
        row += a[i * n + j] * x[j];
      }
      s += row * row;
    }
    return s;
  }

  @Differentiable
  static double integerArithmetic(double x, int n, long big, boolean flag) {
    int m = n % 5;
    m = (m << 2) | 1;
    m ^= 3;
    m >>= 1;
    long l = big * 3 + m;
    l >>>= 1;
    int k = (int) (x * 4);
    k--;
    int idx = Math.floorMod(k, 3) + Math.abs(-2) + Math.max(1, m);
    double scale = flag && !(n < 0) ? 1.5 : -0.5;
    double r = x * scale + (double) l / 1024 + idx * x;
    return r * r + (k & 1) * x;
  }

  @Differentiable
  static double prefixProducts(double[] x) {
    double[] p = new double[x.length];
    p[0] = x[0];
    for (int i = 1; i < x.length; i++) {
      p[i] = p[i - 1] * x[i];
    }
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += p[i];
    }
    return s;
  }

  @Differentiable
  static double squareInPlace(double[] x) {
    double[] y = x.clone();
    for (int i = 0; i < y.length; i++) {
      y[i] *= y[i];
      y[i] += Math.sin(y[i]);
      y[i]--;
    }
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += y[i] * (i + 1);
    }
    return s;
  }

  @Differentiable
  static double initialiser(double x, double y) {
    double[] v = {x, y, x * y, 2};
    int[] weights = {3, 1, 4, 1};
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      s += weights[i] * v[i] * v[i];
    }
    return s;
  }

  @Differentiable
  static double gather(double[] x, int[] index) {
    double s = 0;
    for (int k = 0; k < index.length; k++) {
      s += x[index[k]] * (k + 1);
    }
    return s;
  }

  @Differentiable
  static double accumulator(double x, int n) {
    double s = x;
    for (int i = 0; i < n; i++) {
      s = s * Math.sin(s) + x;
    }
    return s;
  }

  /** Newton's iteration for √a, run to tolerance: the loop's trip count depends on a. */
  @Differentiable
  static double newtonSqrt(double a) {
    double r = a > 1 ? a : 1;
    while (Math.abs(r * r - a) > 1e-15 * a) {
      r = 0.5 * (r + a / r);
    }
    return r;
  }

  /** Log-sum-exp through a temporary array, shifted by the maximum for stability. */
  @Differentiable
  static double logSumExp(double[] x) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      m = Math.max(m, v);
    }
    double[] e = new double[x.length];
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      e[i] = Math.exp(x[i] - m);
      sum += e[i];
    }
    return m + Math.log(sum);
  }

  /** Softmax cross-entropy of class {@code label}: −log(softmax(x)[label]). */
  @Differentiable
  static double softmaxCrossEntropy(double[] x, int label) {
    double m = x[0];
    for (int i = 1; i < x.length; i++) {
      if (x[i] > m) {
        m = x[i];
      }
    }
    double[] p = new double[x.length];
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      p[i] = Math.exp(x[i] - m);
      sum += p[i];
    }
    for (int i = 0; i < x.length; i++) {
      p[i] /= sum;
    }
    return -Math.log(p[label]);
  }

  /** Mean logistic loss over an inactive data matrix (rows × features, row-major). */
  @Differentiable(wrt = "w")
  static double logisticLoss(double[] w, double[] data, int[] labels) {
    int features = w.length;
    int rows = labels.length;
    double loss = 0;
    for (int r = 0; r < rows; r++) {
      double z = 0;
      for (int j = 0; j < features; j++) {
        z += w[j] * data[r * features + j];
      }
      // log(1 + exp(-y z)) with y in {-1, +1}, written stably.
      double margin = labels[r] == 1 ? z : -z;
      loss += margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
    }
    return loss / rows;
  }

  /** The extended Rosenbrock function. */
  @Differentiable
  static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double t = x[i + 1] - x[i] * x[i];
      double u = 1 - x[i];
      s += 100 * t * t + u * u;
    }
    return s;
  }

  static int bucket(int i) {
    return (i * 7 + 3) % 4;
  }

  /** Inactive code is kept as written: a helper call, Math.round, integer work. */
  @Differentiable
  static double inactiveHelpers(double x, int n) {
    int b = bucket(n);
    long rounded = Math.round(n * 0.75);
    double w = Math.floorDiv(n, 2) + b + rounded;
    return w * x * x;
  }

  /** Element overwrites inside a while loop, read again by later iterations. */
  @Differentiable
  static double smoothing(double[] x, int sweeps) {
    double[] y = x.clone();
    int s = 0;
    while (s < sweeps) {
      for (int i = 1; i < y.length - 1; i++) {
        y[i] = 0.25 * y[i - 1] + 0.5 * y[i] * y[i] + 0.25 * y[i + 1];
      }
      s++;
    }
    double total = 0;
    for (double v : y) {
      total += v;
    }
    return total;
  }

  @Differentiable
  static double forWithBreakAndContinue(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] < -2) {
        break;
      }
      if (i % 2 == 1) {
        continue;
      }
      s += x[i] * x[i] * x[i];
    }
    return s;
  }
}
