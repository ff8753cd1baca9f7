package io.github.chainrule.processor.behaviour;

import io.github.chainrule.Differentiable;

/**
 * Loops that reverse mode treats in each of its ways: reversed inside the loop itself when the
 * rest of the method only adds up what the loop sums (fused), rerun iteration by iteration in the
 * reverse sweep when the iterations are independent but the result is not linear in the sum, and
 * taped as usual when an iteration reads what an earlier one wrote or the code before the loop
 * needs a value the loop changes.
 */
final class LoopStrategies {

  private LoopStrategies() {}

  /** Fused: the result adds the sum with a factor 0.5. */
  @Differentiable
  static double halfSumOfSquares(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
    }
    return 0.5 * s - 1.0;
  }

  /** Fused: the result divides the sum by a length nothing changes. */
  @Differentiable
  static double meanSquare(double[] x) {
    int n = x.length;
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += x[i] * x[i];
    }
    return s / n;
  }

  /**
   * Gaussian bumps around the points of {@code data} (d coordinates each), with a per-point
   * scratch array written in full before it is read: fused, the scratch taped for one point at a
   * time.
   */
  @Differentiable(wrt = "w")
  static double bumps(double[] w, double[] data, int d) {
    double[] diff = new double[d];
    int points = data.length / d;
    double total = 0;
    for (int p = 0; p < points; p++) {
      for (int j = 0; j < d; j++) {
        diff[j] = data[p * d + j] - w[j];
      }
      double sq = 0;
      for (int j = 0; j < d; j++) {
        sq += diff[j] * diff[j];
      }
      total += Math.exp(-sq);
    }
    return total;
  }

  /** The same loop under a logarithm: not linear in the sum, so each point is rerun instead. */
  @Differentiable(wrt = "w")
  static double logBumps(double[] w, double[] data, int d) {
    double[] diff = new double[d];
    int points = data.length / d;
    double total = 0;
    for (int p = 0; p < points; p++) {
      for (int j = 0; j < d; j++) {
        diff[j] = data[p * d + j] - w[j];
      }
      double sq = 0;
      for (int j = 0; j < d; j++) {
        sq += diff[j] * diff[j];
      }
      total += Math.exp(-sq);
    }
    return Math.log(total);
  }

  /**
   * A scratch array rewritten in full for each point, then updated in place: the updates need no
   * saves of their own (the full rewrite's saves restore every element), under a logarithm so
   * that each point is rerun.
   */
  @Differentiable(wrt = "w")
  static double shearedBumps(double[] w, double[] data, int d) {
    double[] diff = new double[d];
    int points = data.length / d;
    double total = 0;
    for (int p = 0; p < points; p++) {
      for (int j = 0; j < d; j++) {
        diff[j] = data[p * d + j] - w[j];
      }
      for (int j = 1; j < d; j++) {
        diff[j] += w[j - 1] * w[j];
        diff[j - 1] -= 0.5 * w[j];
      }
      double sq = 0;
      for (int j = 0; j < d; j++) {
        sq += diff[j] * diff[j];
      }
      total += Math.exp(-sq);
    }
    return Math.log(total);
  }

  /** The same, summed straight into the result: reversed in place. */
  @Differentiable(wrt = "w")
  static double shearedBumpsSum(double[] w, double[] data, int d) {
    double[] diff = new double[d];
    int points = data.length / d;
    double total = 0;
    for (int p = 0; p < points; p++) {
      for (int j = 0; j < d; j++) {
        diff[j] = data[p * d + j] - w[j];
      }
      for (int j = 1; j < d; j++) {
        diff[j] += w[j - 1] * w[j];
        diff[j - 1] -= 0.5 * w[j];
      }
      double sq = 0;
      for (int j = 0; j < d; j++) {
        sq += diff[j] * diff[j];
      }
      total += Math.exp(-sq);
    }
    return total;
  }

  /**
   * As {@link #shearedBumps}, but a product reads the scratch between its rewrite and its
   * updates: the updates must save what they overwrite.
   */
  @Differentiable(wrt = "w")
  static double shearedBumpsReadBetween(double[] w, double[] data, int d) {
    double[] diff = new double[d];
    int points = data.length / d;
    double total = 0;
    for (int p = 0; p < points; p++) {
      for (int j = 0; j < d; j++) {
        diff[j] = data[p * d + j] - w[j];
      }
      double first = diff[0] * diff[1];
      for (int j = 1; j < d; j++) {
        diff[j] += w[j - 1] * w[j];
        diff[j - 1] -= 0.5 * w[j];
      }
      double sq = first;
      for (int j = 0; j < d; j++) {
        sq += diff[j] * diff[j];
      }
      total += Math.exp(-sq);
    }
    return Math.log(total);
  }

  /**
   * Half of |y|² + Σ s with s = sin(x) and y = (I + L)s, L strictly lower triangular, stored
   * column by column in {@code lower} (as the mixture model's Q): the reverse sweep of the inner
   * loop adds to one element of s's adjoint, which already holds the sum's part, in every
   * iteration; it is kept in a local meanwhile.
   */
  @Differentiable
  static double triangularSquares(double[] x, double[] lower) {
    int d = x.length;
    double[] s = new double[d];
    double[] y = new double[d];
    for (int i = 0; i < d; i++) {
      s[i] = Math.sin(x[i]);
      y[i] = s[i];
    }
    int l = 0;
    for (int i = 0; i < d; i++) {
      for (int j = i + 1; j < d; j++) {
        y[j] += lower[l] * s[i];
        l++;
      }
    }
    double sum = 0;
    for (int j = 0; j < d; j++) {
      sum += y[j] * y[j] + s[j];
    }
    return 0.5 * sum;
  }

  /** The code before the loop reads the sum's first value: taped as usual. */
  @Differentiable
  static double sumReadBeforeTheLoop(double[] p) {
    double z = p[0];
    double before = Math.log10(1 + z * z);
    for (int i = 0; i < p.length; i++) {
      z += p[1];
    }
    return before + 0.1 * z;
  }

  /** An iteration reads the previous one's value: taped as usual. */
  @Differentiable
  static double recurrence(double[] x) {
    double s = 1;
    for (int i = 0; i < x.length; i++) {
      s = s * Math.sin(x[i]) + 0.5;
    }
    return s;
  }

  /**
   * Fused, each gradient entry written by the iteration of its own index (the next entry's part
   * carried): the loop assigns the entries it reaches, the last one is zeroed behind it.
   */
  @Differentiable
  static double neighbours(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double t = x[i + 1] - x[i] * x[i];
      s += t * t;
    }
    return s;
  }

  /** log Σ exp(v[c]), shifted by the maximum. */
  @Differentiable
  static double logSumExp(double[] v) {
    double mx = v[0];
    for (int c = 1; c < v.length; c++) {
      mx = Math.max(mx, v[c]);
    }
    double sum = 0;
    for (int c = 0; c < v.length; c++) {
      sum += Math.exp(v[c] - mx);
    }
    return Math.log(sum) + mx;
  }

  /**
   * Fused with a call: the sum of the points' log-sum-exp over three centres, whose pullback in
   * the loop gives the value as well (the call is made once per point).
   */
  @Differentiable(wrt = "w")
  static double mixture(double[] w, double[] data) {
    double[] terms = new double[w.length];
    double s = 0;
    for (int p = 0; p < data.length; p++) {
      for (int c = 0; c < w.length; c++) {
        double diff = data[p] - w[c];
        terms[c] = -diff * diff;
      }
      s += logSumExp(terms);
    }
    return -s;
  }

  /**
   * Loops bounded by the length of the array they fill: counted loops (element stores leave the
   * length alone), so replayed by their index rather than taped with a trip count.
   */
  @Differentiable
  static double filledByLength(double[] x) {
    double[] h = new double[x.length];
    for (int i = 0; i < h.length; i++) {
      h[i] = Math.sin(x[i]) * 2;
    }
    double s = 0;
    for (int i = 0; i < h.length; i++) {
      s = s * 0.5 + h[i] * h[i];
    }
    return s;
  }
}
