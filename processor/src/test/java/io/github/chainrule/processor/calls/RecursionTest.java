package io.github.chainrule.processor.calls;

import static io.github.chainrule.processor.calls.CallsNumeric.assertArrayExact;
import static io.github.chainrule.processor.calls.CallsNumeric.assertBothModes;
import static io.github.chainrule.processor.calls.CallsNumeric.assertClose;
import static io.github.chainrule.processor.calls.CallsNumeric.assertExact;
import static io.github.chainrule.processor.calls.CallsNumeric.assertHessianMatchesGradientDifferences;
import static io.github.chainrule.processor.calls.CallsNumeric.concat;
import static io.github.chainrule.processor.calls.CallsNumeric.p;
import static io.github.chainrule.processor.calls.CallsNumeric.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link Recursion}: first and second derivatives of recursive methods against closed forms
 * (xⁿ, a polynomial by Horner's rule, a product tree) and against the test's own second-order
 * jets for the mutual and long-counter recursions.
 */
class RecursionTest {

  @Test
  void powerFirstAndSecondDerivatives() {
    for (double x : p(-1.7, -0.5, 0.0, 0.3, 1.3, 2.0)) {
      for (int n = 0; n <= 8; n++) {
        double[] at = p(x);
        String what = "power(x, " + n + ")";
        double first = n == 0 ? 0 : n * Math.pow(x, n - 1);
        double second = n < 2 ? 0 : n * (n - 1) * Math.pow(x, n - 2);
        assertExact(what + " value", at, Math.pow(x, n), Recursion.power(x, n));
        assertExact(what + " jvp", at, first, RecursionGradient.powerJvp(x, 1.0, n));
        assertArrayExact(what + " gradient", at, p(first), RecursionGradient.powerGradient(x, n));
        double[][] hessian = RecursionGradient.powerHessian(x, n);
        assertEquals(1, hessian.length);
        assertExact(what + " second derivative", at, second, hessian[0][0]);
        assertExact(what + " hvp", at, 0.5 * second,
            RecursionGradient.powerHvp(x, n, p(0.5))[0]);
      }
    }
  }

  static double poly(double[] c, double x) {
    double s = 0;
    for (int i = 0; i < c.length; i++) {
      s += c[i] * Math.pow(x, i);
    }
    return s;
  }

  @Test
  void hornerGradientAndHessianInCoefficientsAndX() {
    double[] c = p(1, -2, 0.5, 3, -0.75);
    for (double x : p(-1.2, 0.0, 0.7, 1.9)) {
      double[] at = concat(c, p(x));
      // ∂/∂c_i = xⁱ, ∂/∂x = p'(x).
      double[] expected = new double[c.length + 1];
      double dx = 0;
      double dxx = 0;
      for (int i = 0; i < c.length; i++) {
        expected[i] = Math.pow(x, i);
        dx += i == 0 ? 0 : i * c[i] * Math.pow(x, i - 1);
        dxx += i < 2 ? 0 : i * (i - 1) * c[i] * Math.pow(x, i - 2);
      }
      expected[c.length] = dx;
      assertExact("horner value", at, poly(c, x), Recursion.horner(c, x, 0));
      assertArrayExact("horner gradient", at, expected, RecursionGradient.hornerGradient(c, x, 0));
      double[][] h = RecursionGradient.hornerHessian(c, x, 0);
      for (int i = 0; i < c.length; i++) {
        for (int j = 0; j < c.length; j++) {
          assertEquals(0.0, h[i][j], "∂²/∂c" + i + "∂c" + j);
        }
        double mixed = i == 0 ? 0 : i * Math.pow(x, i - 1);
        assertExact("horner ∂²/∂c" + i + "∂x", at, mixed, h[i][c.length]);
        assertExact("horner ∂²/∂x∂c" + i, at, mixed, h[c.length][i]);
      }
      assertExact("horner ∂²/∂x²", at, dxx, h[c.length][c.length]);
      assertBothModes("horner",
          v -> Recursion.horner(slice(v, 0, c.length), v[c.length], 0),
          (v, d) -> RecursionGradient.hornerJvp(slice(v, 0, c.length), slice(d, 0, c.length),
              v[c.length], d[c.length], 0),
          v -> RecursionGradient.hornerGradient(slice(v, 0, c.length), v[c.length], 0), at);
    }
  }

  @Test
  void hornerFromALaterIndexDropsTheLeadingCoefficients() {
    double[] c = p(5, 4, 3, 2);
    double x = 1.5;
    // From i = 2: 3 + 2x, so ∂/∂c = (0, 0, 1, x), ∂/∂x = 2.
    assertArrayExact("horner from index 2", p(x), p(0, 0, 1, x, 2),
        RecursionGradient.hornerGradient(c, x, 2));
  }

  @Test
  void productTreeGradientAndHessian() {
    double[] a = p(1.1, -0.9, 1.3, 0.8, 1.2, -1.4, 0.7);
    double[] g = RecursionGradient.productGradient(a, 0, a.length);
    double[][] h = RecursionGradient.productHessian(a, 0, a.length);
    for (int i = 0; i < a.length; i++) {
      double others = 1;
      for (int k = 0; k < a.length; k++) {
        others *= k == i ? 1 : a[k];
      }
      assertExact("product ∂/∂a" + i, a, others, g[i]);
      for (int j = 0; j < a.length; j++) {
        double rest = 1;
        for (int k = 0; k < a.length; k++) {
          rest *= k == i || k == j ? 1 : a[k];
        }
        assertExact("product ∂²/∂a" + i + "∂a" + j, a, i == j ? 0 : rest, h[i][j]);
      }
    }
    // A sub-range: only its elements have a derivative.
    double[] sub = RecursionGradient.productGradient(a, 2, 5);
    assertArrayExact("product of a[2..5)", a, p(0, 0, a[3] * a[4], a[2] * a[4], a[2] * a[3], 0, 0),
        sub);
    assertBothModes("product", v -> Recursion.product(v, 0, v.length),
        (v, d) -> RecursionGradient.productJvp(v, d, 0, v.length),
        v -> RecursionGradient.productGradient(v, 0, v.length), a);
  }

  /** A value with its first and second derivative in one variable. */
  record Jet(double v, double d1, double d2) {
    static Jet variable(double x) {
      return new Jet(x, 1, 0);
    }

    Jet sin() {
      double s = Math.sin(v);
      double c = Math.cos(v);
      return new Jet(s, c * d1, c * d2 - s * d1 * d1);
    }

    Jet cos() {
      double s = Math.sin(v);
      double c = Math.cos(v);
      return new Jet(c, -s * d1, -s * d2 - c * d1 * d1);
    }

    Jet times(Jet o) {
      return new Jet(v * o.v, d1 * o.v + v * o.d1, d2 * o.v + 2 * d1 * o.d1 + v * o.d2);
    }

    Jet plus(Jet o) {
      return new Jet(v + o.v, d1 + o.d1, d2 + o.d2);
    }
  }

  static Jet even(Jet x, int n) {
    return n == 0 ? x : odd(x, n - 1).sin();
  }

  static Jet odd(Jet x, int n) {
    return n == 0 ? x : x.times(even(x, n - 1));
  }

  static Jet iterate(Jet x, long n) {
    return n <= 0 ? x : iterate(x.cos(), n - 1).plus(x);
  }

  @Test
  void mutualRecursionAgainstJets() {
    for (double x : p(-1.1, 0.4, 0.8, 1.6)) {
      for (int n = 0; n <= 7; n++) {
        Jet evenJet = even(Jet.variable(x), n);
        Jet oddJet = odd(Jet.variable(x), n);
        double[] at = p(x);
        assertExact("even(x, " + n + ")'", at, evenJet.d1(), RecursionGradient.evenGradient(x, n)[0]);
        assertExact("even(x, " + n + ")''", at, evenJet.d2(),
            RecursionGradient.evenHessian(x, n)[0][0]);
        assertExact("odd(x, " + n + ")'", at, oddJet.d1(), RecursionGradient.oddJvp(x, 1.0, n));
        assertExact("odd(x, " + n + ")''", at, oddJet.d2(),
            RecursionGradient.oddHessian(x, n)[0][0]);
      }
    }
  }

  @Test
  void longCounterRecursionAgainstJets() {
    for (double x : p(-2.0, 0.6, 3.0)) {
      for (long n = 0; n <= 6; n++) {
        Jet jet = iterate(Jet.variable(x), n);
        double[] at = p(x);
        assertExact("iterate(x, " + n + ")", at, jet.v(), Recursion.iterate(x, n));
        assertExact("iterate(x, " + n + ")'", at, jet.d1(),
            RecursionGradient.iterateGradient(x, n)[0]);
        assertExact("iterate(x, " + n + ")' forward", at, jet.d1(),
            RecursionGradient.iterateJvp(x, 1.0, n));
        assertClose("iterate(x, " + n + ")''", at, jet.d2(),
            RecursionGradient.iterateHessian(x, n)[0][0], 1e-12, 1e-13);
      }
    }
  }

  @Test
  void hornerHessianAgainstDifferencesOfTheGradient() {
    int n = 5;
    assertHessianMatchesGradientDifferences("horner",
        v -> RecursionGradient.hornerGradient(slice(v, 0, n), v[n], 0),
        v -> RecursionGradient.hornerHessian(slice(v, 0, n), v[n], 0),
        p(0.5, -1, 2, 0.25, -0.5, 1.1));
  }
}
