package io.github.chainrule.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SeedPolynomialTest {

  @Test
  void valueAndFirstDerivativeAtTwo() {
    assertEquals(32.0, SeedPolynomial.f(2.0));
    assertEquals(46.0, SeedPolynomialGradient.fJvp(2.0, 1.0));
    assertArrayEquals(new double[] {46.0}, SeedPolynomialGradient.fGradient(2.0));
    double[] gradient = new double[1];
    assertEquals(32.0, SeedPolynomialGradient.fValueAndGradient(2.0, gradient));
    assertEquals(46.0, gradient[0]);
  }

  @Test
  void derivativeMatchesClosedFormEverywhere() {
    for (double x = -3; x <= 3; x += 0.25) {
      double exact = 4 * x * x * x + 6 * x + 2;
      assertEquals(exact, SeedPolynomialGradient.fJvp(x, 1.0), 1e-12 * Math.max(1, Math.abs(exact)));
      assertEquals(exact, SeedPolynomialGradient.fGradient(x)[0], 1e-12 * Math.max(1, Math.abs(exact)));
    }
  }

  @Test
  void bothModesAgreeWithFiniteDifferencesAndEachOther() {
    for (double x = -3; x <= 3; x += 0.5) {
      Numeric.assertAllModes("x⁴ + 3x² + 2x", v -> SeedPolynomial.f(v[0]),
          (v, d) -> SeedPolynomialGradient.fJvp(v[0], d[0]),
          v -> SeedPolynomialGradient.fGradient(v[0]),
          (v, g) -> SeedPolynomialGradient.fValueAndGradient(v[0], g),
          v -> new double[] {4 * v[0] * v[0] * v[0] + 6 * v[0] + 2}, new double[] {x});
    }
  }

  @Test
  void forwardModeIsLinearInTheTangent() {
    for (double d : new double[] {-2.0, 0.0, 0.5, 3.0}) {
      assertEquals(46.0 * d, SeedPolynomialGradient.fJvp(2.0, d));
    }
  }
}
