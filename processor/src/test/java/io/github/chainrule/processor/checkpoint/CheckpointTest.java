package io.github.chainrule.processor.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.chainrule.runtime.Revolve;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code @Checkpoint} loops: the same gradient with and without checkpointing (1e-12 relative),
 * agreement with central differences, and exactly Revolve's optimal number of step executions.
 */
class CheckpointTest {

  private static final double[] Y0 = {0.8, 0.1};
  private static final double K = 2.0;
  private static final double H = 0.01;

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 100, 10_000})
  void sameGradientWithAndWithoutCheckpointing(int steps) {
    double[] checkpointed = IntegratorsGradient.checkpointedGradient(Y0, K, H, steps);
    double[] taped = IntegratorsGradient.tapedGradient(Y0, K, H, steps);
    for (int i = 0; i < 3; i++) {
      assertEquals(taped[i], checkpointed[i], 1e-12 * Math.max(1e-300, Math.abs(taped[i])),
          "gradient[" + i + "] after " + steps + " steps");
    }
    assertEquals(Integrators.taped(Y0, K, H, steps),
        IntegratorsGradient.checkpointedValueAndGradient(Y0, K, H, steps, new double[3]));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 100})
  void agreesWithCentralDifferences(int steps) {
    double[] g = IntegratorsGradient.checkpointedGradient(Y0, K, H, steps);
    double[] x = {Y0[0], Y0[1], K};
    for (int i = 0; i < 3; i++) {
      double step = 1e-6;
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[i] += step;
      minus[i] -= step;
      double fd = (Integrators.checkpointed(new double[] {plus[0], plus[1]}, plus[2], H, steps)
          - Integrators.checkpointed(new double[] {minus[0], minus[1]}, minus[2], H, steps))
          / (2 * step);
      assertEquals(fd, g[i], 1e-7 * Math.max(1, Math.abs(fd)), "d/dx" + i);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 100, 1000, 10_000})
  void stepExecutionsAreRevolvesOptimum(int steps) {
    Integrators.stepsRun = 0;
    IntegratorsGradient.checkpointedGradient(Y0, K, H, steps);
    // One plain forward pass, then the schedule: its untaped advances and one taped run per step.
    long expected = steps + Revolve.optimalExtraSteps(steps, 4) + steps;
    assertEquals(expected, Integrators.stepsRun);
  }

  @Test
  void scalarStateAndForwardMode() {
    for (double x : new double[] {0.2, 0.7}) {
      double r = 3.2;
      double h = 1e-6;
      double[] g = IntegratorsGradient.logisticGradient(x, r);
      double fx = (Integrators.logistic(x + h, r) - Integrators.logistic(x - h, r)) / (2 * h);
      double fr = (Integrators.logistic(x, r + h) - Integrators.logistic(x, r - h)) / (2 * h);
      assertEquals(fx, g[0], 1e-6 * Math.max(1, Math.abs(fx)));
      assertEquals(fr, g[1], 1e-6 * Math.max(1, Math.abs(fr)));
      assertEquals(IntegratorsGradient.logisticJvp(x, 0.3, r, -0.2), 0.3 * g[0] - 0.2 * g[1],
          1e-12 * Math.max(1, Math.abs(g[0]) + Math.abs(g[1])));
      double[][] hessian = IntegratorsGradient.logisticHessian(x, r);
      double[] gp = IntegratorsGradient.logisticGradient(x + 1e-5, r);
      double[] gm = IntegratorsGradient.logisticGradient(x - 1e-5, r);
      assertEquals((gp[0] - gm[0]) / 2e-5, hessian[0][0],
          1e-5 * Math.max(1, Math.abs(hessian[0][0])));
    }
  }

  @Test
  void aLoopInsideTheCheckpointedStep() {
    double[] x0 = {0.3, -0.7, 1.1, 0.2};
    for (int steps : new int[] {1, 9, 50}) {
      double[] checkpointed = IntegratorsGradient.coupledGradient(x0, steps);
      double[] taped = IntegratorsGradient.coupledTapedGradient(x0, steps);
      for (int i = 0; i < x0.length; i++) {
        assertEquals(taped[i], checkpointed[i], 1e-12 * Math.max(1, Math.abs(taped[i])));
      }
    }
  }
}
