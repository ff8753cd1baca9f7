package io.github.chainrule.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Shared numerics for the behaviour tests: central finite differences, tolerance checks with
 * messages that name the function, the point, the expected and the actual value, and the
 * dot-product test between forward and reverse mode (Tapenade's validation method).
 *
 * <p>Functions are seen through four small interfaces over flattened inputs, so one helper serves
 * every arity; the tests adapt the generated methods to them with lambdas.
 */
final class Numeric {

  /** A function of the active inputs (inactive ones are fixed by the lambda). */
  @FunctionalInterface
  interface Fn {
    double at(double[] x);
  }

  /** Forward mode: the directional derivative at {@code x} along {@code d}. */
  @FunctionalInterface
  interface Jvp {
    double at(double[] x, double[] d);
  }

  /** Reverse mode: the gradient at {@code x}. */
  @FunctionalInterface
  interface Grad {
    double[] at(double[] x);
  }

  /** Reverse mode with value: returns f(x), writes the gradient into {@code gradient}. */
  @FunctionalInterface
  interface Vag {
    double at(double[] x, double[] gradient);
  }

  /** Relative tolerance of analytic comparisons (closed form against generated code). */
  static final double EXACT_RTOL = 1e-11;

  /** Relative tolerance of the finite-difference comparison. */
  static final double FD_RTOL = 1e-6;

  /** Absolute floor of the finite-difference tolerance. */
  static final double FD_ATOL = 1e-7;

  /** Relative tolerance of the dot-product test, against the sum of |gᵢ·dᵢ|. */
  static final double DOT_RTOL = 1e-12;

  private Numeric() {}

  /** The finite-difference step at coordinate value {@code x}: scaled to the coordinate. */
  static double step(double x) {
    return 1e-6 * Math.max(1.0, Math.abs(x));
  }

  /**
   * The central-difference gradient of {@code f} at {@code x}. The divisor is the difference of
   * the two perturbed coordinates as actually represented, not 2h, to avoid representation error.
   */
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

  /** The point as text, e.g. {@code (0.5, -2.0)}. */
  static String point(double... x) {
    return Arrays.stream(x).mapToObj(Double::toString).collect(Collectors.joining(", ", "(", ")"));
  }

  /** Asserts |expected − actual| ≤ rtol·|expected| + atol, naming what was compared and where. */
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

  /** Element-wise {@link #assertClose}; lengths must match. */
  static void assertArrayClose(String what, double[] at, double[] expected, double[] actual,
      double rtol, double atol) {
    assertEquals(expected.length, actual.length,
        () -> what + " at " + point(at) + ": length of " + Arrays.toString(actual));
    for (int i = 0; i < expected.length; i++) {
      assertClose(what + "[" + i + "]", at, expected[i], actual[i], rtol, atol);
    }
  }

  /** Analytic comparison: a closed-form derivative written in the test against generated code. */
  static void assertExact(String what, double[] at, double expected, double actual) {
    assertClose(what, at, expected, actual, EXACT_RTOL, 1e-14);
  }

  static void assertArrayExact(String what, double[] at, double[] expected, double[] actual) {
    assertArrayClose(what, at, expected, actual, EXACT_RTOL, 1e-14);
  }

  /**
   * Asserts that {@code gradient} agrees with central differences of {@code f} at {@code x}. The
   * tolerance is relative ({@link #FD_RTOL}) plus an absolute floor, plus the cancellation error
   * of the difference quotient (a few ulps of f over the step).
   */
  static void assertMatchesFiniteDifferences(String what, Fn f, double[] x, double[] gradient) {
    double[] fd = centralDifference(f, x);
    double value = Math.abs(f.at(x));
    for (int i = 0; i < x.length; i++) {
      double roundoff = 8 * Math.ulp(Math.max(value, Double.MIN_NORMAL)) / step(x[i]);
      assertClose(what + " vs central difference [" + i + "]", x, fd[i], gradient[i], FD_RTOL,
          FD_ATOL + roundoff);
    }
  }

  /**
   * The dot-product test: for {@code directions} random d, {@code jvp(x, d)} must equal
   * {@code grad(x) · d} to {@link #DOT_RTOL} of Σ|gᵢ·dᵢ| + max|dᵢ| (so cancellation in the sum,
   * or partial contributions that cancel to a zero gradient, cannot fail a correct pair).
   */
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
      double largestStep = 0;
      for (int i = 0; i < d.length; i++) {
        reverse += g[i] * d[i];
        scale += Math.abs(g[i] * d[i]);
        largestStep = Math.max(largestStep, Math.abs(d[i]));
      }
      double tolerance = DOT_RTOL * (scale + largestStep);
      if (!(Math.abs(forward - reverse) <= tolerance)) {
        fail(String.format("%s dot-product test at %s, d = %s: fJvp(x, d) = %s but"
                + " fGradient(x)·d = %s (|difference| %.3g, tolerance %.3g)",
            what, point(x), point(d), forward, reverse, Math.abs(forward - reverse), tolerance));
      }
    }
  }

  /** The unit vector eᵢ of length n. */
  static double[] unit(int n, int i) {
    double[] e = new double[n];
    e[i] = 1.0;
    return e;
  }

  /** The gradient assembled from forward mode, one unit direction per coordinate. */
  static double[] gradientByForwardMode(Jvp jvp, double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      g[i] = jvp.at(x.clone(), unit(x.length, i));
    }
    return g;
  }

  /**
   * Every check at once for a function with a closed-form gradient: forward mode along each unit
   * direction, fGradient and fValueAndGradient against the closed form; fValueAndGradient's value
   * bit-identical to f; the closed form against central differences (so a wrong closed form in
   * the test cannot pass unnoticed); the dot-product test.
   */
  static void assertAllModes(String what, Fn f, Jvp jvp, Grad grad, Vag vag, Grad exact,
      double[] x) {
    double[] expected = exact.at(x.clone());
    for (int i = 0; i < expected.length; i++) {
      if (!Double.isFinite(expected[i])) {
        fail(what + ": the test's closed form is not finite at " + point(x) + "; choose another"
            + " point");
      }
    }
    assertArrayExact(what + " fJvp along unit directions", x, expected,
        gradientByForwardMode(jvp, x));
    assertArrayExact(what + " fGradient", x, expected, grad.at(x.clone()));
    double[] g = new double[x.length];
    double value = vag.at(x.clone(), g);
    assertEquals(Double.doubleToRawLongBits(f.at(x.clone())), Double.doubleToRawLongBits(value),
        () -> what + " fValueAndGradient must return f's value bit for bit at " + point(x)
            + ": f = " + f.at(x.clone()) + ", returned " + value);
    assertArrayExact(what + " fValueAndGradient", x, expected, g);
    assertMatchesFiniteDifferences(what + " closed form", f, x, expected);
    assertMatchesFiniteDifferences(what + " fGradient", f, x, grad.at(x.clone()));
    assertDotProduct(what, jvp, grad, x, 42L + Arrays.hashCode(x), 4);
  }

  /**
   * The checks for a function without a closed form in the test: forward and reverse against
   * central differences, each other (dot-product test) and fValueAndGradient's value against f.
   */
  static void assertConsistent(String what, Fn f, Jvp jvp, Grad grad, Vag vag, double[] x) {
    double[] reverse = grad.at(x.clone());
    assertMatchesFiniteDifferences(what + " fGradient", f, x, reverse);
    assertMatchesFiniteDifferences(what + " fJvp", f, x, gradientByForwardMode(jvp, x));
    double[] g = new double[x.length];
    double value = vag.at(x.clone(), g);
    assertEquals(Double.doubleToRawLongBits(f.at(x.clone())), Double.doubleToRawLongBits(value),
        () -> what + " fValueAndGradient must return f's value bit for bit at " + point(x));
    assertArrayClose(what + " fValueAndGradient vs fGradient", x, reverse, g, 0, 0);
    assertDotProduct(what, jvp, grad, x, 7L + Arrays.hashCode(x), 4);
  }
}
