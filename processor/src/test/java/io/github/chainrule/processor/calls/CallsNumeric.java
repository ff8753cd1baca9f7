package io.github.chainrule.processor.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Numerics for the calls tests (a small local counterpart of the behaviour tests' helper):
 * central finite differences of values and of gradients, tolerance checks whose messages name
 * what was compared and where, the forward/reverse dot-product test, Hessian symmetry.
 */
final class CallsNumeric {

  /** A function of the flattened active inputs (inactive ones fixed by the lambda). */
  @FunctionalInterface
  interface Fn {
    double at(double[] x);
  }

  /** Forward mode: the directional derivative at x along d. */
  @FunctionalInterface
  interface Jvp {
    double at(double[] x, double[] d);
  }

  /** Reverse mode: the gradient at x. */
  @FunctionalInterface
  interface Grad {
    double[] at(double[] x);
  }

  /** The Hessian at x. */
  @FunctionalInterface
  interface Hess {
    double[][] at(double[] x);
  }

  static final double FD_RTOL = 1e-6;
  static final double FD_ATOL = 1e-7;
  static final double DOT_RTOL = 1e-12;
  static final double EXACT_RTOL = 1e-12;

  private CallsNumeric() {}

  static double step(double x) {
    return 1e-6 * Math.max(1.0, Math.abs(x));
  }

  static double[] p(double... x) {
    return x;
  }

  /** {@code x[from..to)} as a new array. */
  static double[] slice(double[] x, int from, int to) {
    return Arrays.copyOfRange(x, from, to);
  }

  static double[] concat(double[] a, double[] b) {
    double[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  static String point(double... x) {
    return Arrays.stream(x).mapToObj(Double::toString).collect(Collectors.joining(", ", "(", ")"));
  }

  static double[] centralDifference(Fn f, double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double h = step(x[i]);
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[i] = x[i] + h;
      minus[i] = x[i] - h;
      g[i] = (f.at(plus) - f.at(minus)) / (plus[i] - minus[i]);
    }
    return g;
  }

  static void assertClose(String what, double[] at, double expected, double actual, double rtol,
      double atol) {
    double tolerance = rtol * Math.abs(expected) + atol;
    boolean ok = Double.compare(expected, actual) == 0
        || Math.abs(expected - actual) <= tolerance;
    if (!ok) {
      fail(String.format("%s at %s: expected %s but was %s (|difference| %.3g, tolerance %.3g)",
          what, point(at), expected, actual, Math.abs(expected - actual), tolerance));
    }
  }

  static void assertArrayClose(String what, double[] at, double[] expected, double[] actual,
      double rtol, double atol) {
    assertEquals(expected.length, actual.length,
        () -> what + " at " + point(at) + ": length of " + Arrays.toString(actual));
    for (int i = 0; i < expected.length; i++) {
      assertClose(what + "[" + i + "]", at, expected[i], actual[i], rtol, atol);
    }
  }

  /** A closed form written in the test against generated code. */
  static void assertExact(String what, double[] at, double expected, double actual) {
    assertClose(what, at, expected, actual, EXACT_RTOL, 1e-13);
  }

  static void assertArrayExact(String what, double[] at, double[] expected, double[] actual) {
    assertArrayClose(what, at, expected, actual, EXACT_RTOL, 1e-13);
  }

  /** {@code gradient} against central differences of f, with the quotient's roundoff allowed. */
  static void assertMatchesFiniteDifferences(String what, Fn f, double[] x, double[] gradient) {
    double[] fd = centralDifference(f, x);
    double value = Math.abs(f.at(x.clone()));
    assertEquals(x.length, gradient.length, what + ": gradient length");
    for (int i = 0; i < x.length; i++) {
      double roundoff = 8 * Math.ulp(Math.max(value, Double.MIN_NORMAL)) / step(x[i]);
      assertClose(what + " vs central difference [" + i + "]", x, fd[i], gradient[i], FD_RTOL,
          FD_ATOL + roundoff);
    }
  }

  /** The gradient assembled from forward mode, one unit direction per coordinate. */
  static double[] gradientByForwardMode(Jvp jvp, double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double[] d = new double[x.length];
      d[i] = 1;
      g[i] = jvp.at(x.clone(), d);
    }
    return g;
  }

  /** w·J·d computed both ways, for random d: forward and reverse mode must agree to rounding. */
  static void assertDotProduct(String what, Jvp jvp, Grad grad, double[] x, long seed,
      int directions) {
    Random random = new Random(seed);
    double[] g = grad.at(x.clone());
    for (int k = 0; k < directions; k++) {
      double[] d = new double[x.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = 2 * random.nextDouble() - 1;
      }
      double forward = jvp.at(x.clone(), d.clone());
      double reverse = 0;
      double scale = 0;
      double largest = 0;
      for (int i = 0; i < d.length; i++) {
        reverse += g[i] * d[i];
        scale += Math.abs(g[i] * d[i]);
        largest = Math.max(largest, Math.abs(d[i]));
      }
      double tolerance = DOT_RTOL * (scale + largest);
      if (!(Math.abs(forward - reverse) <= tolerance)) {
        fail(String.format("%s dot-product test at %s, d = %s: jvp = %s but gradient·d = %s"
                + " (|difference| %.3g, tolerance %.3g)", what, point(x), point(d), forward,
            reverse, Math.abs(forward - reverse), tolerance));
      }
    }
  }

  /**
   * Both modes against central differences, forward against reverse (unit directions and the
   * dot-product test).
   */
  static void assertBothModes(String what, Fn f, Jvp jvp, Grad grad, double[] x) {
    double[] reverse = grad.at(x.clone());
    assertMatchesFiniteDifferences(what + " reverse", f, x, reverse);
    double[] forward = gradientByForwardMode(jvp, x);
    assertMatchesFiniteDifferences(what + " forward", f, x, forward);
    assertArrayClose(what + " forward vs reverse", x, reverse, forward, 1e-12, 1e-14);
    assertDotProduct(what, jvp, grad, x, 17L + Arrays.hashCode(x), 4);
  }

  /** Each column of H against central differences of the gradient; H symmetric. */
  static void assertHessianMatchesGradientDifferences(String what, Grad grad, Hess hessian,
      double[] x) {
    double[][] h = hessian.at(x.clone());
    assertEquals(x.length, h.length, what + ": Hessian rows");
    double[] g = grad.at(x.clone());
    double gScale = 0;
    for (double v : g) {
      gScale = Math.max(gScale, Math.abs(v));
    }
    for (int j = 0; j < x.length; j++) {
      double hj = step(x[j]);
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[j] += hj;
      minus[j] -= hj;
      double[] gp = grad.at(plus);
      double[] gm = grad.at(minus);
      for (int i = 0; i < x.length; i++) {
        double fd = (gp[i] - gm[i]) / (plus[j] - minus[j]);
        double roundoff = 8 * Math.ulp(Math.max(gScale, Double.MIN_NORMAL)) / hj;
        assertClose(what + " H[" + i + "][" + j + "] vs central difference of the gradient", x,
            fd, h[i][j], 1e-6, 1e-6 + roundoff);
      }
    }
    assertSymmetric(what, h, x);
  }

  static void assertSymmetric(String what, double[][] h, double[] at) {
    double scale = 0;
    for (double[] row : h) {
      for (double v : row) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    for (int i = 0; i < h.length; i++) {
      assertEquals(h.length, h[i].length, what + ": Hessian row " + i + " length");
      for (int j = 0; j < i; j++) {
        assertClose(what + " symmetry H[" + i + "][" + j + "] vs H[" + j + "][" + i + "]", at,
            h[j][i], h[i][j], 1e-12, 1e-13 * Math.max(1, scale));
      }
    }
  }

  static double[] times(double[][] m, double[] v) {
    double[] out = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < v.length; j++) {
        out[i] += m[i][j] * v[j];
      }
    }
    return out;
  }
}
