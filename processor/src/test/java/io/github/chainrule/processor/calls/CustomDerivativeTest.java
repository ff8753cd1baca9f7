package io.github.chainrule.processor.calls;

import static io.github.chainrule.processor.calls.CallsNumeric.assertArrayExact;
import static io.github.chainrule.processor.calls.CallsNumeric.assertBothModes;
import static io.github.chainrule.processor.calls.CallsNumeric.assertClose;
import static io.github.chainrule.processor.calls.CallsNumeric.assertExact;
import static io.github.chainrule.processor.calls.CallsNumeric.assertHessianMatchesGradientDifferences;
import static io.github.chainrule.processor.calls.CallsNumeric.assertMatchesFiniteDifferences;
import static io.github.chainrule.processor.calls.CallsNumeric.concat;
import static io.github.chainrule.processor.calls.CallsNumeric.p;
import static io.github.chainrule.processor.calls.CallsNumeric.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code @CustomDerivative}: functions whose bodies the processor cannot read ({@link Special}),
 * differentiated through the partial-derivative methods they name, in both modes and to second
 * order (through the partials' own derivatives), and called from other methods in loops.
 */
class CustomDerivativeTest {

  static final double EULER_GAMMA = 0.5772156649015329;

  static double erfPrime(double x) {
    return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
  }

  @Test
  void erfFirstAndSecondDerivativeFromItsPartial() {
    for (double x : p(-2.5, -1.0, -0.3, 0.0, 0.5, 1.7, 2.5)) {
      double[] at = p(x);
      double first = erfPrime(x);
      double second = -2 * x * erfPrime(x);
      assertExact("erf jvp", at, first, SpecialGradient.erfJvp(x, 1.0));
      assertArrayExact("erf gradient", at, p(first), SpecialGradient.erfGradient(x));
      double[] g = new double[1];
      double value = SpecialGradient.erfValueAndGradient(x, g);
      assertEquals(Double.doubleToRawLongBits(Special.erf(x)), Double.doubleToRawLongBits(value),
          "erfValueAndGradient returns erf's own value");
      assertExact("erf valueAndGradient", at, first, g[0]);
      assertExact("erf second derivative", at, second, SpecialGradient.erfHessian(x)[0][0]);
      assertExact("erf hvp", at, 3 * second, SpecialGradient.erfHvp(x, p(3))[0]);
      // The series and its hand-written derivative agree.
      assertMatchesFiniteDifferences("erf series", v -> Special.erf(v[0]), at, p(first));
    }
  }

  @Test
  void erfSeriesIsAccurate() {
    // erf(1) and erf(0.5), to 15 digits.
    assertClose("erf(1)", p(1), 0.842700792949715, Special.erf(1), 1e-14, 0);
    assertClose("erf(0.5)", p(0.5), 0.520499877813047, Special.erf(0.5), 1e-14, 0);
    assertEquals(-Special.erf(0.8), Special.erf(-0.8));
  }

  @Test
  void softplusIsStableAndItsDerivativesAreTheSigmoid() {
    for (double x : p(-30, -2.0, -0.1, 0.0, 0.4, 3.0, 30)) {
      double[] at = p(x);
      double s = 1 / (1 + Math.exp(-x));
      double q = Math.exp(-Math.abs(x));
      assertExact("softplus'", at, s, SpecialGradient.softplusGradient(x)[0]);
      assertExact("softplus' forward", at, s, SpecialGradient.softplusJvp(x, 1.0));
      // σ(1 − σ), written without cancellation.
      assertClose("softplus''", at, q / ((1 + q) * (1 + q)),
          SpecialGradient.softplusHessian(x)[0][0], 1e-12, 1e-300);
    }
    // Far out, where log(1 + eˣ) and its naive derivatives overflow.
    assertEquals(800.0, Special.softplus(800));
    assertEquals(1.0, SpecialGradient.softplusGradient(800)[0]);
    assertEquals(0.0, SpecialGradient.softplusGradient(-800)[0]);
    assertEquals(0.0, SpecialGradient.softplusHessian(800)[0][0]);
    assertEquals(0.0, SpecialGradient.softplusHessian(-800)[0][0]);
  }

  @Test
  void lgammaDerivativesAreDigammaAndTrigamma() {
    double ln2 = Math.log(2);
    double pi2 = Math.PI * Math.PI;
    // ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, ψ(4) = −γ + 1 + 1/2 + 1/3; ψ'(1) = π²/6, ψ'(1/2) = π²/2,
    // ψ'(4) = π²/6 − 1 − 1/4 − 1/9.
    double[][] cases = {
        {1.0, -EULER_GAMMA, pi2 / 6},
        {0.5, -EULER_GAMMA - 2 * ln2, pi2 / 2},
        {4.0, -EULER_GAMMA + 1 + 0.5 + 1.0 / 3, pi2 / 6 - 1 - 0.25 - 1.0 / 9},
    };
    for (double[] c : cases) {
      double[] at = p(c[0]);
      assertClose("lgamma' = ψ", at, c[1], SpecialGradient.lgammaGradient(c[0])[0], 1e-12,
          1e-14);
      assertClose("lgamma' forward", at, c[1], SpecialGradient.lgammaJvp(c[0], 1.0), 1e-12,
          1e-14);
      assertClose("lgamma'' = ψ'", at, c[2], SpecialGradient.lgammaHessian(c[0])[0][0], 1e-11,
          0);
      assertClose("digamma' = ψ'", at, c[2], SpecialGradient.digammaGradient(c[0])[0], 1e-11,
          0);
    }
    assertClose("lgamma(5) = log 24", p(5), Math.log(24), Special.lgamma(5), 1e-13, 0);
    // ψ'' from the processor's derivative of trigamma: ψ''(1) = −2ζ(3).
    assertClose("digamma'' = ψ''(1)", p(1), -2 * 1.2020569031595942,
        SpecialGradient.digammaHessian(1.0)[0][0], 1e-10, 0);
    for (double x : p(0.3, 2.2, 7.5, 15)) {
      assertMatchesFiniteDifferences("lgamma vs its digamma", v -> Special.lgamma(v[0]), p(x),
          SpecialGradient.lgammaGradient(x));
      assertMatchesFiniteDifferences("digamma vs its trigamma", v -> Special.digamma(v[0]),
          p(x), SpecialGradient.digammaGradient(x));
    }
  }

  @Test
  void twoPartialsGiveTheGradientAndTheMixedHessian() {
    for (double[] ab : new double[][] {{0.3, -0.5}, {2.0, 2.0}, {-4.0, 1.5}, {1000, 999}}) {
      double a = ab[0];
      double b = ab[1];
      double pa = 1 / (1 + Math.exp(b - a));
      double pb = 1 / (1 + Math.exp(a - b));
      assertArrayExact("logAddExp gradient", ab, p(pa, pb),
          SpecialGradient.logAddExpGradient(a, b));
      assertExact("logAddExp jvp", ab, 2 * pa - 3 * pb,
          SpecialGradient.logAddExpJvp(a, 2, b, -3));
      double q = pa * pb;
      double[][] h = SpecialGradient.logAddExpHessian(a, b);
      assertArrayExact("logAddExp Hessian row 0", ab, p(q, -q), h[0]);
      assertArrayExact("logAddExp Hessian row 1", ab, p(-q, q), h[1]);
    }
    assertTrue(Double.isFinite(Special.logAddExp(1000, 999)));
  }

  @Test
  void intParameterGetsNoPartial() {
    for (double x : p(-1.5, 0.5, 2.0)) {
      for (int n = 0; n <= 5; n++) {
        double[] at = p(x);
        double[] g = SpecialGradient.intPowerGradient(x, n);
        assertEquals(1, g.length, "n is an int: one active input");
        assertExact("intPower(x, " + n + ")'", at, n == 0 ? 0 : n * Math.pow(x, n - 1), g[0]);
        assertExact("intPower(x, " + n + ")''", at, n < 2 ? 0 : n * (n - 1) * Math.pow(x, n - 2),
            SpecialGradient.intPowerHessian(x, n)[0][0]);
      }
    }
  }

  @Test
  void aMethodThatIsItsOwnPartial() {
    for (double x : p(-1.0, 0.0, 0.7)) {
      double[] at = p(x);
      assertExact("selfExp'", at, Math.exp(x), SpecialGradient.selfExpGradient(x)[0]);
      assertExact("selfExp''", at, Math.exp(x), SpecialGradient.selfExpHessian(x)[0][0]);
    }
  }

  @Test
  void customMethodsGetTheSameGeneratedMethodsAsDifferentiableOnes() {
    Set<String> names = Arrays.stream(SpecialGradient.class.getDeclaredMethods())
        .map(Method::getName).collect(Collectors.toSet());
    for (String f : List.of("erf", "softplus", "lgamma", "digamma", "logAddExp", "intPower",
        "selfExp")) {
      for (String suffix : List.of("Jvp", "Gradient", "ValueAndGradient", "Hessian", "Hvp",
          "Pullback", "PullbackJvp")) {
        assertTrue(names.contains(f + suffix), "SpecialGradient." + f + suffix);
      }
    }
  }

  // Callers.

  @Test
  void erfInsideALoopAgainstClosedForms() {
    double[] xs = p(0.3, -0.8, 1.2, 0.05);
    double s = 0.9;
    int n = xs.length;
    double[] at = concat(xs, p(s));
    double[] g = new double[n + 1];
    double[][] h = new double[n + 1][n + 1];
    for (int i = 0; i < n; i++) {
      double u = s * xs[i];
      double e = erfPrime(u);
      double e2 = -2 * u * e;
      g[i] = Special.erf(u) + s * xs[i] * e;
      g[n] += xs[i] * xs[i] * e;
      h[i][i] = 2 * s * e + s * s * xs[i] * e2;
      h[i][n] = 2 * xs[i] * e + s * xs[i] * xs[i] * e2;
      h[n][i] = h[i][n];
      h[n][n] += xs[i] * xs[i] * xs[i] * e2;
    }
    assertArrayExact("erfSum gradient", at, g, SpecialUseGradient.erfSumGradient(xs, s));
    double[][] hessian = SpecialUseGradient.erfSumHessian(xs, s);
    for (int i = 0; i <= n; i++) {
      assertArrayExact("erfSum Hessian row " + i, at, h[i], hessian[i]);
    }
    assertBothModes("erfSum", v -> SpecialUse.erfSum(slice(v, 0, n), v[n]),
        (v, d) -> SpecialUseGradient.erfSumJvp(slice(v, 0, n), slice(d, 0, n), v[n], d[n]),
        v -> SpecialUseGradient.erfSumGradient(slice(v, 0, n), v[n]), at);
  }

  @Test
  void severalCustomFunctionsInOneCaller() {
    int[] labels = {1, 0, 1, 1};
    for (double[] z : new double[][] {p(0.3, -0.8, 1.2, 0.2), p(-1.5, 0.7, -0.1, 2.4)}) {
      assertBothModes("nll", v -> SpecialUse.nll(v, labels),
          (v, d) -> SpecialUseGradient.nllJvp(v, d, labels),
          v -> SpecialUseGradient.nllGradient(v, labels), z);
      assertHessianMatchesGradientDifferences("nll",
          v -> SpecialUseGradient.nllGradient(v, labels),
          v -> SpecialUseGradient.nllHessian(v, labels), z);
    }
  }
}
