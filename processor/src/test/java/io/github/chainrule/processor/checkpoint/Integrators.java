package io.github.chainrule.processor.checkpoint;

import io.github.chainrule.Checkpoint;
import io.github.chainrule.Differentiable;

/**
 * RK4 for a nonlinear system — a damped pendulum y'' = −k sin y − c y' — once with a
 * checkpointed time loop and once taped, so the two gradients can be compared.
 */
final class Integrators {

  private Integrators() {}

  /** Counts primal step executions, so the tests can check Revolve's optimum. */
  static long stepsRun;

  static int countStep() {
    stepsRun++;
    return 0;
  }

  static final double DAMPING = 0.1;

  @Differentiable(wrt = {"y0", "k"})
  static double checkpointed(double[] y0, double k, double h, int steps) {
    double[] y = y0.clone();
    for (@Checkpoint(snapshots = 4) int t = 0; t < steps; t++) {
      int counted = countStep();
      double a0 = y[1];
      double a1 = -k * Math.sin(y[0]) - DAMPING * y[1];
      double b0 = y[1] + 0.5 * h * a1;
      double b1 = -k * Math.sin(y[0] + 0.5 * h * a0) - DAMPING * (y[1] + 0.5 * h * a1);
      double c0 = y[1] + 0.5 * h * b1;
      double c1 = -k * Math.sin(y[0] + 0.5 * h * b0) - DAMPING * (y[1] + 0.5 * h * b1);
      double d0 = y[1] + h * c1;
      double d1 = -k * Math.sin(y[0] + h * c0) - DAMPING * (y[1] + h * c1);
      y[0] += h / 6 * (a0 + 2 * b0 + 2 * c0 + d0);
      y[1] += h / 6 * (a1 + 2 * b1 + 2 * c1 + d1);
    }
    return y[0] * y[0] + y[1];
  }

  @Differentiable(wrt = {"y0", "k"})
  static double taped(double[] y0, double k, double h, int steps) {
    double[] y = y0.clone();
    for (int t = 0; t < steps; t++) {
      double a0 = y[1];
      double a1 = -k * Math.sin(y[0]) - DAMPING * y[1];
      double b0 = y[1] + 0.5 * h * a1;
      double b1 = -k * Math.sin(y[0] + 0.5 * h * a0) - DAMPING * (y[1] + 0.5 * h * a1);
      double c0 = y[1] + 0.5 * h * b1;
      double c1 = -k * Math.sin(y[0] + 0.5 * h * b0) - DAMPING * (y[1] + 0.5 * h * b1);
      double d0 = y[1] + h * c1;
      double d1 = -k * Math.sin(y[0] + h * c0) - DAMPING * (y[1] + h * c1);
      y[0] += h / 6 * (a0 + 2 * b0 + 2 * c0 + d0);
      y[1] += h / 6 * (a1 + 2 * b1 + 2 * c1 + d1);
    }
    return y[0] * y[0] + y[1];
  }

  /** Scalar state and an accumulator: a checkpointed loop whose state is not an array. */
  @Differentiable
  static double logistic(double x, double r) {
    double s = x;
    double area = 0;
    for (@Checkpoint(snapshots = 2) int t = 0; t < 25; t++) {
      s = r * s * (1 - s);
      area += s * s;
    }
    return area + s;
  }

  /** A checkpointed loop with a loop inside its step. */
  @Differentiable
  static double coupled(double[] x0, int steps) {
    double[] x = x0.clone();
    for (@Checkpoint(snapshots = 3) int t = 0; t < steps; t++) {
      for (int i = 0; i < x.length; i++) {
        x[i] = x[i] + 0.01 * Math.sin(x[(i + 1) % x.length]);
      }
    }
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
    }
    return s;
  }

  @Differentiable
  static double coupledTaped(double[] x0, int steps) {
    double[] x = x0.clone();
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < x.length; i++) {
        x[i] = x[i] + 0.01 * Math.sin(x[(i + 1) % x.length]);
      }
    }
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * x[i];
    }
    return s;
  }
}
