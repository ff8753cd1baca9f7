package io.github.chainrule.processor.behaviour;

import static io.github.chainrule.processor.behaviour.Numeric.assertClose;
import static io.github.chainrule.processor.behaviour.Numeric.assertConsistent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RegressionsTest {

  @Test
  void declarationsWhoseFirstValueIsDead() {
    for (double x : new double[] {-1.5, 0.3, 2.0}) {
      assertEquals(3.0, RegressionsGradient.overwrittenBeforeReadGradient(x)[0]);
      assertEquals(3.0, RegressionsGradient.overwrittenBeforeReadJvp(x, 1.0));
      assertClose("constantResult", new double[] {x}, 4 * x * x * x,
          RegressionsGradient.constantResultGradient(x)[0], 1e-15, 0);
      assertClose("constantResult fJvp", new double[] {x}, 4 * x * x * x,
          RegressionsGradient.constantResultJvp(x, 1.0), 1e-15, 0);
      assertConsistent("declaredAfterEarlyReturn",
          v -> Regressions.declaredAfterEarlyReturn(v[0]),
          (v, d) -> RegressionsGradient.declaredAfterEarlyReturnJvp(v[0], d[0]),
          v -> RegressionsGradient.declaredAfterEarlyReturnGradient(v[0]),
          (v, g) -> RegressionsGradient.declaredAfterEarlyReturnValueAndGradient(v[0], g),
          new double[] {x});
    }
    for (double[] p : new double[][] {{1.5, 0.5}, {-0.5, 2.0}}) {
      assertConsistent("branchAssignments", v -> Regressions.branchAssignments(v[0], v[1]),
          (v, d) -> RegressionsGradient.branchAssignmentsJvp(v[0], d[0], v[1], d[1]),
          v -> RegressionsGradient.branchAssignmentsGradient(v[0], v[1]),
          (v, g) -> RegressionsGradient.branchAssignmentsValueAndGradient(v[0], v[1], g), p);
    }
  }

  @Test
  void atan2OfLargeIntegersDoesNotOverflow() {
    double x = 1.5;
    int n = 50000;
    double exact = 50000 / (x * x + 2.5e9) - n / (x * x + (double) n * n);
    assertClose("atan2 with int arguments", new double[] {x}, exact,
        RegressionsGradient.atan2WithLargeIntArgumentsGradient(x, n)[0], 1e-12, 0);
    assertClose("atan2 with int arguments fJvp", new double[] {x}, exact,
        RegressionsGradient.atan2WithLargeIntArgumentsJvp(x, 1.0, n), 1e-12, 0);
  }

  @Test
  void powToTheZeroHasZeroDerivativeEvenAtZero() {
    assertEquals(0.0, RegressionsGradient.powToTheZeroGradient(0.0, 0)[0]);
    assertEquals(0.0, RegressionsGradient.powToTheZeroJvp(0.0, 1.0, 0));
    assertEquals(2 * 1.5, RegressionsGradient.powToTheZeroGradient(1.5, 2)[0], 1e-15);
  }

  @Test
  void singleStaticImportShadowsOnDemandImport() {
    // Bit-exact value: the generated code must call StrictMath.sin, as Java does.
    double x = -8.8329321504488;
    double[] gradient = new double[1];
    assertEquals(Regressions.strictSineByImport(x),
        RegressionsGradient.strictSineByImportValueAndGradient(x, gradient));
    assertClose("strictSineByImport", new double[] {x}, StrictMath.cos(x) - Math.sin(x),
        gradient[0], 1e-15, 0);
  }

  @Test
  void activeArrayDeclaredInABranchHasSecondDerivatives() {
    double x = 0.7;
    // f = x² sin x: f' = 2x sin x + x² cos x, f'' = 2 sin x + 4x cos x − x² sin x
    assertClose("arrayInABranch'", new double[] {x},
        2 * x * Math.sin(x) + x * x * Math.cos(x),
        RegressionsGradient.arrayInABranchGradient(x, true)[0], 1e-14, 0);
    assertClose("arrayInABranch''", new double[] {x},
        2 * Math.sin(x) + 4 * x * Math.cos(x) - x * x * Math.sin(x),
        RegressionsGradient.arrayInABranchHessian(x, true)[0][0], 1e-14, 0);
    assertEquals(0.0, RegressionsGradient.arrayInABranchHessian(x, false)[0][0], 0.0);
  }

  @Test
  void aSumOverwrittenAfterItsLoopDoesNotReachTheResult() {
    // f = y + y whatever a is.
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {2.0, 0.0, 0.0},
        RegressionsGradient.sumOverwrittenAfterTheLoopGradient(-0.956, new double[] {-0.839, 0.881}));
  }

  @Test
  void loopReversedInPlaceReadsAVariableAssignedAfterIt() {
    // d1 = z + n z with n = a.length = 4: ∂/∂z = 5, whatever z becomes afterwards.
    double[] g = RegressionsGradient.readThenReassignedAfterTheLoopGradient(
        new double[] {1.424, -0.177, -0.803, 0.013}, -0.034);
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 0, 0, 0, 5}, g, 0.0);
  }

  @Test
  void aRerunLoopSeesEachOuterIterationsCounter() {
    // d2 = x + n (a[1] + a[2]) for n = 4 elements: 4 for a[1] and a[2], 0 for the others.
    double[] g = RegressionsGradient.rerunReadsTheOuterCounterGradient(1.757,
        new double[] {-0.006, 0.736, -0.092, 0.463});
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 0, 4, 4, 0}, g, 0.0);
  }

  @Test
  void aLongOverwrittenInALoopIsRestored() {
    // s = x⁴ / (m1 m2 m3 · 10²) with m_k = 3 m_{k−1} + 1 from 3·10⁹: ∂/∂x = 4 x³ / (m1 m2 m3 · 100).
    double x = 1.7;
    long m1 = 3_000_000_000L * 3 + 1;
    long m2 = m1 * 3 + 1;
    long m3 = m2 * 3 + 1;
    double expected = 4 * x * x * x / m1 / m2 / m3 / 100;
    assertEquals(expected, RegressionsGradient.longOverwrittenInALoopGradient(x)[0],
        1e-14 * Math.abs(expected));
  }

  @Test
  void fuzzerFindings() {
    double[] a = {1, 2, 3};
    assertEquals(-1.0, RegressionsGradient.inactiveParameterAssignedJvp(1, a, new double[] {0, 1, 0}));
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, -1, 0},
        RegressionsGradient.inactiveParameterAssignedGradient(1, a));
    // w[0] stays 0, so the write goes to w[0]; w[1] never depends on z.
    // A zero derivative may come out as -0.0 (README): compare numerically.
    assertEquals(0.0, RegressionsGradient.selfIndexedWriteGradient(1.74)[0], 0.0);
    // d1 = z (z + x): ∂/∂z = 2z + x, ∂/∂x = z.
    double z = 1.714;
    double x = -1.948;
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {2 * z + x, z},
        RegressionsGradient.recomputedAfterOverwriteGradient(z, x), 1e-15);
    // s = Σ over i in {0, 2, 4}, twice each, of x i + x: ∂/∂x = 2 (1 + 3 + 5) = 18.
    assertEquals(18.0, RegressionsGradient.outerCounterReadByInnerLoopGradient(0.3, 5)[0], 1e-15);
    assertEquals(0.0, RegressionsGradient.atan2AtTheOriginGradient(0.5)[0], 0.0);
    assertEquals(0.0, RegressionsGradient.atan2AtTheOriginJvp(0.5, 1.0), 0.0);
  }
}
