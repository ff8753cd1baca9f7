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
}
