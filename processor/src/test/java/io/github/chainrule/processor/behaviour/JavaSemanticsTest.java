package io.github.chainrule.processor.behaviour;

import static io.github.chainrule.processor.behaviour.Numeric.assertAllModes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Derivatives of {@link JavaSemantics}: Java decides the value, Chainrule must agree. */
class JavaSemanticsTest {

  private static final double[] POINTS = {-1.3, -0.2, 0.4, 1.7, 2.7};

  @Test
  void literalFormsAndVar() {
    double slope = 2 * 0.25 + 1000.5 + 2000 + (16 + 1000) + 5 + 1e-9 + 0.5 + 3 + 3;
    for (double x : POINTS) {
      assertAllModes("literal forms", v -> JavaSemantics.literalForms(v[0]),
          (v, d) -> JavaSemanticsGradient.literalFormsJvp(v[0], d[0]),
          v -> JavaSemanticsGradient.literalFormsGradient(v[0]),
          (v, g) -> JavaSemanticsGradient.literalFormsValueAndGradient(v[0], g),
          v -> new double[] {slope}, new double[] {x});
    }
  }

  @Test
  void castsToIntegerTypesCutTheDerivative() {
    for (int n : new int[] {-5, 0, 3, 8}) {
      for (double x : POINTS) {
        int i = (int) x;
        double d = n / 2.0;
        int e = n / 2;
        assertAllModes("casts n=" + n, v -> JavaSemantics.casts(v[0], n),
            (v, dv) -> JavaSemanticsGradient.castsJvp(v[0], dv[0], n),
            v -> JavaSemanticsGradient.castsGradient(v[0], n),
            (v, g) -> JavaSemanticsGradient.castsValueAndGradient(v[0], n, g),
            v -> new double[] {i + d + 2 * e * v[0] + 2 * v[0]}, new double[] {x});
      }
    }
  }

  @Test
  void integerRemainderKeepsTheSignOfTheDividend() {
    for (int n : new int[] {-7, -5, 0, 4, 7, 11}) {
      int k = n % 3 % 2;
      int r = n % 4;
      for (double x : POINTS) {
        assertAllModes("remainder n=" + n, v -> JavaSemantics.remainder(v[0], n),
            (v, d) -> JavaSemanticsGradient.remainderJvp(v[0], d[0], n),
            v -> JavaSemanticsGradient.remainderGradient(v[0], n),
            (v, g) -> JavaSemanticsGradient.remainderValueAndGradient(v[0], n, g),
            v -> new double[] {k + 2 * r * v[0]}, new double[] {x});
      }
    }
  }

  @Test
  void elseIfChainWithoutFinalElse() {
    for (double x : POINTS) {
      assertAllModes("else-if chain", v -> JavaSemantics.elseIfChainThenFallThrough(v[0]),
          (v, d) -> JavaSemanticsGradient.elseIfChainThenFallThroughJvp(v[0], d[0]),
          v -> JavaSemanticsGradient.elseIfChainThenFallThroughGradient(v[0]),
          (v, g) -> JavaSemanticsGradient.elseIfChainThenFallThroughValueAndGradient(v[0], g),
          v -> new double[] {v[0] < 0 ? -1 : v[0] < 1 ? 2 * v[0] : 2}, new double[] {x});
    }
  }

  @Test
  void nestedBlocksWithSameNamedLocalsAndAReturnInside() {
    for (double x : POINTS) {
      assertAllModes("nested blocks", v -> JavaSemantics.nestedBlocks(v[0]),
          (v, d) -> JavaSemanticsGradient.nestedBlocksJvp(v[0], d[0]),
          v -> JavaSemanticsGradient.nestedBlocksGradient(v[0]),
          (v, g) -> JavaSemanticsGradient.nestedBlocksValueAndGradient(v[0], g),
          v -> {
            double t = v[0];
            return new double[] {t > 0
                ? 4 * t * t * t * Math.sin(t) + t * t * t * t * Math.cos(t)
                : 3 * t * t * Math.sin(t) + t * t * t * Math.cos(t)};
          },
          new double[] {x});
    }
  }

  @Test
  void mathOverloadsOnIntAndLongArguments() {
    for (int n : new int[] {-2, 0, 3}) {
      for (long m : new long[] {-4L, 5L}) {
        for (double x : POINTS) {
          assertAllModes("math on integers n=" + n + " m=" + m,
              v -> JavaSemantics.mathOnIntegers(v[0], n, m),
              (v, d) -> JavaSemanticsGradient.mathOnIntegersJvp(v[0], d[0], n, m),
              v -> JavaSemanticsGradient.mathOnIntegersGradient(v[0], n, m),
              (v, g) -> JavaSemanticsGradient.mathOnIntegersValueAndGradient(v[0], n, m, g),
              v -> {
                double t = v[0];
                return new double[] {(t > n ? 1 : 0) + (t < 2 ? 1 : 0) + Math.abs(n)
                    + t / Math.sqrt(n * n + t * t) + n + Math.max(n, m)
                    + 2 * Math.abs(m) * t + n * Math.pow(t, n - 1)
                    + Math.pow(n + 3, t) * Math.log(n + 3)};
              },
              new double[] {x});
        }
      }
    }
  }

  @Test
  void branchDecisionIsReplayedAfterTheConditionsInputIsOverwritten() {
    for (double x : new double[] {-1.3, -0.2, 0.4, 0.9, 1.2, 2.7}) {
      assertAllModes("condition on overwritten", v -> JavaSemantics.conditionOnOverwritten(v[0]),
          (v, d) -> JavaSemanticsGradient.conditionOnOverwrittenJvp(v[0], d[0]),
          v -> JavaSemanticsGradient.conditionOnOverwrittenGradient(v[0]),
          (v, g) -> JavaSemanticsGradient.conditionOnOverwrittenValueAndGradient(v[0], g),
          FeaturesTest.dual(v -> {
            Dual x0 = v[0];
            Dual s = x0.times(1.5);
            s = s.v() > 1 ? s.times(s) : s.negate().times(x0);
            return s.v() > 2 ? s.times(x0) : s;
          }),
          new double[] {x});
    }
  }

  @Test
  void integerDivisionByZeroThrowsInEveryModeLikeTheOriginal() {
    assertThrows(ArithmeticException.class, () -> JavaSemantics.unusedIntegerDivision(1.0, 0));
    assertThrows(ArithmeticException.class,
        () -> JavaSemanticsGradient.unusedIntegerDivisionJvp(1.0, 1.0, 0));
    assertThrows(ArithmeticException.class,
        () -> JavaSemanticsGradient.unusedIntegerDivisionGradient(1.0, 0));
    assertThrows(ArithmeticException.class,
        () -> JavaSemanticsGradient.unusedIntegerDivisionValueAndGradient(1.0, 0, new double[1]));
    assertEquals(2.0, JavaSemanticsGradient.unusedIntegerDivisionJvp(1.0, 1.0, 3));
    assertEquals(2.0, JavaSemanticsGradient.unusedIntegerDivisionGradient(1.0, -3)[0]);
  }
}
