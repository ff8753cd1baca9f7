package io.github.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Drives a {@link Revolve} schedule and a {@link DoubleTape} the way generated reverse-mode code
 * does, on a small nonlinear loop, and checks the gradient against taping every step.
 *
 * <p>The loop is a pendulum integrator, {@code x' = x + h·v; v' = v − h·sin(x)}, with objective
 * {@code x_l² + 3·v_l}; the gradient is with respect to the initial {@code (x, v)}.
 */
class RevolveGradientTest {

  private static final double H = 0.05;

  /** Counts primal step executions, taped or not, to check the cost claimed by the schedule. */
  private long stepExecutions;

  private void step(double[] state) {
    stepExecutions++;
    double x = state[0];
    double v = state[1];
    state[0] = x + H * v;
    state[1] = v - H * Math.sin(x);
  }

  private void tapedStep(double[] state, DoubleTape tape) {
    tape.push(state[0]);
    tape.push(state[1]);
    step(state);
  }

  /** Pulls the adjoint {@code bar} of a step's output back to its input, using the taped input. */
  private static void adjointStep(double[] bar, DoubleTape tape) {
    tape.pop(); // v does not enter the local Jacobian, but it was taped with x as one state
    double x = tape.pop();
    double xBar = bar[0];
    double vBar = bar[1];
    bar[0] = xBar - vBar * H * Math.cos(x);
    bar[1] = xBar * H + vBar;
  }

  private static double objective(double[] state) {
    return state[0] * state[0] + 3 * state[1];
  }

  private static void seed(double[] state, double[] bar) {
    bar[0] = 2 * state[0];
    bar[1] = 3;
  }

  private double[] gradientTapingEverything(double x0, double v0, int steps) {
    double[] state = {x0, v0};
    DoubleTape tape = new DoubleTape();
    for (int i = 0; i < steps; i++) {
      tapedStep(state, tape);
    }
    double[] bar = new double[2];
    seed(state, bar);
    for (int i = steps - 1; i >= 0; i--) {
      adjointStep(bar, tape);
    }
    assertTrue(tape.isEmpty());
    return bar;
  }

  private double[] gradientWithCheckpoints(double x0, double v0, int steps, int snapshots) {
    double[] state = {x0, v0};
    double[] bar = new double[2];
    Revolve schedule = new Revolve(steps, snapshots);
    double[][] slots = new double[schedule.snapshots()][2];
    DoubleTape tape = new DoubleTape();
    if (steps == 0) {
      seed(state, bar);
    }
    for (Revolve.Action a = schedule.next(); a != Revolve.Action.TERMINATE; a = schedule.next()) {
      switch (a) {
        case ADVANCE -> {
          for (int i = schedule.oldCapo(); i < schedule.capo(); i++) {
            step(state);
          }
        }
        case TAKESHOT -> System.arraycopy(state, 0, slots[schedule.check()], 0, 2);
        case RESTORE -> System.arraycopy(slots[schedule.check()], 0, state, 0, 2);
        case FIRSTURN -> {
          tapedStep(state, tape);
          seed(state, bar);
          adjointStep(bar, tape);
        }
        case YOUTURN -> {
          tapedStep(state, tape);
          adjointStep(bar, tape);
        }
        default -> throw new AssertionError(a);
      }
      assertTrue(tape.isEmpty(), "a turn leaves nothing on the tape");
    }
    return bar;
  }

  @Test
  void checkpointedGradientEqualsTapedGradientExactly() {
    int[][] cases = {{0, 1}, {1, 1}, {2, 1}, {7, 2}, {50, 3}, {200, 5}, {1000, 10}, {333, 400}};
    for (int[] c : cases) {
      int steps = c[0];
      int snapshots = c[1];
      double[] expected = gradientTapingEverything(0.7, -0.3, steps);
      stepExecutions = 0;
      double[] actual = gradientWithCheckpoints(0.7, -0.3, steps, snapshots);
      // Same operations in the same order, so the results agree bit for bit.
      assertArrayEquals(expected, actual, 0.0, "steps = " + steps + ", snapshots = " + snapshots);
      assertEquals(steps + Revolve.optimalExtraSteps(steps, snapshots), stepExecutions,
          "steps = " + steps + ", snapshots = " + snapshots);
    }
  }

  @Test
  void gradientAgreesWithCentralDifferences() {
    int steps = 300;
    double[] gradient = gradientWithCheckpoints(0.7, -0.3, steps, 4);
    double eps = 1e-6;
    double dx = (run(0.7 + eps, -0.3, steps) - run(0.7 - eps, -0.3, steps)) / (2 * eps);
    double dv = (run(0.7, -0.3 + eps, steps) - run(0.7, -0.3 - eps, steps)) / (2 * eps);
    assertEquals(dx, gradient[0], 1e-6 * Math.max(1, Math.abs(dx)));
    assertEquals(dv, gradient[1], 1e-6 * Math.max(1, Math.abs(dv)));
  }

  private double run(double x0, double v0, int steps) {
    double[] state = {x0, v0};
    for (int i = 0; i < steps; i++) {
      step(state);
    }
    return objective(state);
  }
}
