package io.github.chainrule.processor.behaviour;

import static io.github.chainrule.processor.behaviour.Numeric.point;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hessians and Hessian-vector products: forward mode applied to the reverse-mode code, checked
 * against closed forms (the seed polynomial, Rosenbrock, every Math function's second
 * derivative), against central differences of the gradient, for symmetry, and fHvp against
 * fHessian · v.
 */
class SecondOrderTest {

  @Test
  void seedPolynomialSecondDerivativeAtTwo() {
    assertArrayEquals(new double[][] {{54.0}}, SeedPolynomialGradient.fHessian(2.0));
    assertArrayEquals(new double[] {54.0 * 0.5}, SeedPolynomialGradient.fHvp(2.0, new double[] {0.5}));
  }

  interface Hessian {
    double[][] at(double x);
  }

  static Stream<Arguments> unaryFunctions() {
    double ln10 = Math.log(10);
    return Stream.of(
        Arguments.of("sin", (Hessian) MathFunctionsGradient::sinHessian,
            (DoubleUnaryOperator) x -> -Math.sin(x), new double[] {-2, 0.3, 1.7}),
        Arguments.of("cos", (Hessian) MathFunctionsGradient::cosHessian,
            (DoubleUnaryOperator) x -> -Math.cos(x), new double[] {-2, 0.3, 1.7}),
        Arguments.of("tan", (Hessian) MathFunctionsGradient::tanHessian,
            (DoubleUnaryOperator) x -> 2 * Math.tan(x) / (Math.cos(x) * Math.cos(x)),
            new double[] {-1.2, 0.3, 1.1}),
        Arguments.of("asin", (Hessian) MathFunctionsGradient::asinHessian,
            (DoubleUnaryOperator) x -> x / Math.pow(1 - x * x, 1.5), new double[] {-0.7, 0.2, 0.9}),
        Arguments.of("acos", (Hessian) MathFunctionsGradient::acosHessian,
            (DoubleUnaryOperator) x -> -x / Math.pow(1 - x * x, 1.5), new double[] {-0.7, 0.2, 0.9}),
        Arguments.of("atan", (Hessian) MathFunctionsGradient::atanHessian,
            (DoubleUnaryOperator) x -> -2 * x / ((1 + x * x) * (1 + x * x)),
            new double[] {-3, 0.5, 2}),
        Arguments.of("sinh", (Hessian) MathFunctionsGradient::sinhHessian,
            (DoubleUnaryOperator) Math::sinh, new double[] {-2, 0.5, 3}),
        Arguments.of("cosh", (Hessian) MathFunctionsGradient::coshHessian,
            (DoubleUnaryOperator) Math::cosh, new double[] {-2, 0.5, 3}),
        Arguments.of("tanh", (Hessian) MathFunctionsGradient::tanhHessian,
            (DoubleUnaryOperator) x -> -2 * Math.tanh(x) / (Math.cosh(x) * Math.cosh(x)),
            new double[] {-2, 0.5, 1.5}),
        Arguments.of("exp", (Hessian) MathFunctionsGradient::expHessian,
            (DoubleUnaryOperator) Math::exp, new double[] {-3, 0.1, 2.5}),
        Arguments.of("expm1", (Hessian) MathFunctionsGradient::expm1Hessian,
            (DoubleUnaryOperator) Math::exp, new double[] {-3, 1e-9, 2.5}),
        Arguments.of("log", (Hessian) MathFunctionsGradient::logHessian,
            (DoubleUnaryOperator) x -> -1 / (x * x), new double[] {0.1, 1.5, 40}),
        Arguments.of("log10", (Hessian) MathFunctionsGradient::log10Hessian,
            (DoubleUnaryOperator) x -> -1 / (x * x * ln10), new double[] {0.1, 1.5, 40}),
        Arguments.of("log1p", (Hessian) MathFunctionsGradient::log1pHessian,
            (DoubleUnaryOperator) x -> -1 / ((1 + x) * (1 + x)), new double[] {-0.5, 1e-8, 3}),
        Arguments.of("sqrt", (Hessian) MathFunctionsGradient::sqrtHessian,
            (DoubleUnaryOperator) x -> -0.25 / Math.pow(x, 1.5), new double[] {0.04, 2, 90}),
        Arguments.of("cbrt", (Hessian) MathFunctionsGradient::cbrtHessian,
            (DoubleUnaryOperator) x -> -2.0 / 9.0 / Math.pow(Math.abs(x), 5.0 / 3.0)
                * Math.signum(x), new double[] {-8, 0.5, 27}),
        Arguments.of("pow(x, 3)", (Hessian) MathFunctionsGradient::powCubeHessian,
            (DoubleUnaryOperator) x -> 6 * x, new double[] {-1.5, 0.5, 2}),
        Arguments.of("pow(x, 0.5)", (Hessian) MathFunctionsGradient::powHalfHessian,
            (DoubleUnaryOperator) x -> -0.25 / Math.pow(x, 1.5), new double[] {0.25, 4}),
        Arguments.of("toRadians", (Hessian) MathFunctionsGradient::toRadiansHessian,
            (DoubleUnaryOperator) x -> 0, new double[] {-30, 45}),
        Arguments.of("abs", (Hessian) MathFunctionsGradient::absHessian,
            (DoubleUnaryOperator) x -> 0, new double[] {-2, 3}),
        Arguments.of("floor", (Hessian) MathFunctionsGradient::floorHessian,
            (DoubleUnaryOperator) x -> 0, new double[] {-2.5, 3.5}),
        Arguments.of("gaussian exp(-x²)", (Hessian) MathFunctionsGradient::gaussianHessian,
            (DoubleUnaryOperator) x -> (4 * x * x - 2) * Math.exp(-x * x),
            new double[] {-1.3, 0, 0.7}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unaryFunctions")
  void secondDerivativesOfTheMathFunctions(String name, Hessian hessian,
      DoubleUnaryOperator closedForm, double[] points) {
    for (double x : points) {
      double expected = closedForm.applyAsDouble(x);
      double actual = hessian.at(x)[0][0];
      double tolerance = 1e-12 * Math.max(1, Math.abs(expected));
      if (!(Math.abs(expected - actual) <= tolerance)) {
        fail(name + "'' at " + x + ": expected " + expected + ", got " + actual);
      }
    }
  }

  private static void assertMatrix(String what, double[][] expected, double[][] actual) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected.length; j++) {
        assertEquals(expected[i][j], actual[i][j],
            1e-12 * Math.max(1, Math.abs(expected[i][j])), what + " [" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void secondDerivativesOfTheTwoAndThreeArgumentFunctions() {
    double y = 0.7;
    double x = -1.3;
    double r2 = x * x + y * y;
    // atan2(y, x): H = [[-2xy, x² − y²], [x² − y², 2xy]] / r⁴ (first row/column: y).
    double r4 = r2 * r2;
    assertMatrix("atan2", new double[][] {{-2 * x * y / r4, (y * y - x * x) / r4},
        {(y * y - x * x) / r4, 2 * x * y / r4}}, MathFunctionsGradient.atan2Hessian(y, x));
    // hypot(x, y) = r: H = [[y², −xy], [−xy, x²]] / r³.
    double r3 = Math.pow(r2, 1.5);
    assertMatrix("hypot", new double[][] {{y * y / r3, -x * y / r3}, {-x * y / r3, x * x / r3}},
        MathFunctionsGradient.hypotHessian(x, y));
    // pow(a, b) with both active, a > 0.
    double a = 1.7;
    double b = 2.3;
    double p = Math.pow(a, b);
    double l = Math.log(a);
    assertMatrix("pow", new double[][] {
        {b * (b - 1) * Math.pow(a, b - 2), Math.pow(a, b - 1) * (1 + b * l)},
        {Math.pow(a, b - 1) * (1 + b * l), p * l * l}}, MathFunctionsGradient.powHessian(a, b));
    // fma(a, b, c) = ab + c.
    assertMatrix("fma", new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 0}},
        MathFunctionsGradient.fmaHessian(0.3, -0.4, 2.0));
    // Piecewise linear and piecewise constant functions: zero away from their kinks.
    assertMatrix("max", new double[2][2], MathFunctionsGradient.maxHessian(0.5, -0.5));
    assertMatrix("min", new double[2][2], MathFunctionsGradient.minHessian(0.5, -0.5));
    for (double z : new double[] {-1.5, 2.5}) {
      assertEquals(0.0, MathFunctionsGradient.signumHessian(z)[0][0]);
      assertEquals(0.0, MathFunctionsGradient.ceilHessian(z)[0][0]);
      assertEquals(0.0, MathFunctionsGradient.rintHessian(z)[0][0]);
      assertEquals(0.0, MathFunctionsGradient.toDegreesHessian(z)[0][0]);
    }
  }

  @Test
  void extendedRosenbrockTenAgainstItsAnalyticHessian() {
    double[] x = new Random(4).doubles(10, -1.5, 1.5).toArray();
    double[][] h = ControlFlowGradient.rosenbrockHessian(x);
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 10; j++) {
        double expected = 0;
        if (i == j) {
          expected = (i < 9 ? 1200 * x[i] * x[i] - 400 * x[i + 1] + 2 : 0) + (i > 0 ? 200 : 0);
        } else if (Math.abs(i - j) == 1) {
          expected = -400 * x[Math.min(i, j)];
        }
        assertEquals(expected, h[i][j], 1e-12 * Math.max(1, Math.abs(expected)),
            "H[" + i + "][" + j + "] at " + point(x));
      }
    }
  }

  interface Gradient {
    double[] at(double[] x);
  }

  interface Full {
    double[][] at(double[] x);
  }

  interface Product {
    double[] at(double[] x, double[] v);
  }

  /**
   * Hessian against central differences of the generated gradient, symmetric to rounding, and
   * fHvp equal to fHessian · v.
   */
  private static void check(String what, Gradient gradient, Full hessian, Product hvp,
      double[] x) {
    int n = x.length;
    double[][] h = hessian.at(x.clone());
    for (int j = 0; j < n; j++) {
      double step = 1e-5 * Math.max(1, Math.abs(x[j]));
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[j] += step;
      minus[j] -= step;
      double[] gp = gradient.at(plus);
      double[] gm = gradient.at(minus);
      for (int i = 0; i < n; i++) {
        double fd = (gp[i] - gm[i]) / (2 * step);
        assertEquals(fd, h[j][i], 1e-6 * Math.max(1, Math.abs(fd)),
            what + " H[" + j + "][" + i + "] vs differences of the gradient at " + point(x));
        assertEquals(h[i][j], h[j][i], 1e-12 * Math.max(1, Math.abs(h[i][j])),
            what + " symmetry [" + i + "][" + j + "]");
      }
    }
    double[] v = new Random(n).doubles(n, -1, 1).toArray();
    double[] hv = hvp.at(x.clone(), v.clone());
    for (int i = 0; i < n; i++) {
      double expected = 0;
      for (int j = 0; j < n; j++) {
        expected += h[i][j] * v[j];
      }
      assertEquals(expected, hv[i], 1e-12 * Math.max(1, Math.abs(expected)),
          what + " fHvp vs fHessian·v [" + i + "]");
    }
  }

  @Test
  void loopsBranchesTapesAndArrays() {
    double[] x = new Random(9).doubles(5, -1, 1).toArray();
    check("logSumExp", ControlFlowGradient::logSumExpGradient,
        ControlFlowGradient::logSumExpHessian, ControlFlowGradient::logSumExpHvp, x);
    check("softmaxCrossEntropy", v -> ControlFlowGradient.softmaxCrossEntropyGradient(v, 1),
        v -> ControlFlowGradient.softmaxCrossEntropyHessian(v, 1),
        (v, d) -> ControlFlowGradient.softmaxCrossEntropyHvp(v, 1, d), x);
    check("squareInPlace", ControlFlowGradient::squareInPlaceGradient,
        ControlFlowGradient::squareInPlaceHessian, ControlFlowGradient::squareInPlaceHvp, x);
    check("prefixProducts", ControlFlowGradient::prefixProductsGradient,
        ControlFlowGradient::prefixProductsHessian, ControlFlowGradient::prefixProductsHvp, x);
    check("labelledContinue", ControlFlowGradient::labelledContinueGradient,
        ControlFlowGradient::labelledContinueHessian, ControlFlowGradient::labelledContinueHvp,
        x);
    check("smoothing", v -> ControlFlowGradient.smoothingGradient(v, 3),
        v -> ControlFlowGradient.smoothingHessian(v, 3),
        (v, d) -> ControlFlowGradient.smoothingHvp(v, 3, d), x);
    check("accumulator", v -> ControlFlowGradient.accumulatorGradient(v[0], 3),
        v -> ControlFlowGradient.accumulatorHessian(v[0], 3),
        (v, d) -> ControlFlowGradient.accumulatorHvp(v[0], 3, d), new double[] {0.4});
    // Longer chains curve too much for differences of the gradient: an exact second-order
    // recurrence instead. s ← g(s) + x with g(s) = s sin s: s'' ← g''(s) s'² + g'(s) s''.
    double s = 0.4;
    double first = 1;
    double second = 0;
    for (int i = 0; i < 6; i++) {
      double g1 = Math.sin(s) + s * Math.cos(s);
      double g2 = 2 * Math.cos(s) - s * Math.sin(s);
      second = g2 * first * first + g1 * second;
      first = g1 * first + 1;
      s = s * Math.sin(s) + 0.4;
    }
    assertEquals(second, ControlFlowGradient.accumulatorHessian(0.4, 6)[0][0], 1e-12 * second);
    check("whileBreak", v -> ControlFlowGradient.whileBreakGradient(v[0]),
        v -> ControlFlowGradient.whileBreakHessian(v[0]),
        (v, d) -> ControlFlowGradient.whileBreakHvp(v[0], d), new double[] {0.8});
    for (double[] p : new double[][] {{1.5, 0.5}, {0.2, -0.7}, {-1.4, 2.0}}) {
      check("ifElseChain", v -> ControlFlowGradient.ifElseChainGradient(v[0], v[1]),
          v -> ControlFlowGradient.ifElseChainHessian(v[0], v[1]),
          (v, d) -> ControlFlowGradient.ifElseChainHvp(v[0], v[1], d), p);
    }
    double[] w = {0.4, -0.3, 0.9};
    double[] data = new Random(2).doubles(30, -1, 1).toArray();
    int[] labels = {1, 0, 0, 1, 1, 0, 1, 0, 1, 1};
    check("logisticLoss", v -> ControlFlowGradient.logisticLossGradient(v, data, labels),
        v -> ControlFlowGradient.logisticLossHessian(v, data, labels),
        (v, d) -> ControlFlowGradient.logisticLossHvp(v, data, labels, d), w);
    double[] t = {0.3, -0.8, 1.1, 0.5, 0.25};
    check("earlyReturnInLoop",
        v -> ControlFlowGradient.earlyReturnInLoopGradient(java.util.Arrays.copyOf(v, 4), v[4]),
        v -> ControlFlowGradient.earlyReturnInLoopHessian(java.util.Arrays.copyOf(v, 4), v[4]),
        (v, d) -> ControlFlowGradient.earlyReturnInLoopHvp(java.util.Arrays.copyOf(v, 4), v[4], d),
        t);
  }

  @Test
  void vectorArgumentIsChecked() {
    double[] x = {0.5, 1.5};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ControlFlowGradient.rosenbrockHvp(x, new double[3]));
    assertEquals(true, e.getMessage().startsWith("v has length 3"), e.getMessage());
    NullPointerException npe = assertThrows(NullPointerException.class,
        () -> ControlFlowGradient.rosenbrockHvp(x, null));
    assertEquals("v is null", npe.getMessage());
    npe = assertThrows(NullPointerException.class,
        () -> ControlFlowGradient.rosenbrockHessian(null));
    assertEquals("x is null", npe.getMessage());
  }
}
