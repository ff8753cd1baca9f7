package io.github.chainrule.benchmarks;

import io.github.chainrule.Checkpoint;
import io.github.chainrule.Differentiable;

/**
 * 32 pendulums coupled to their neighbours on a ring (64 doubles of state: angles, then angular
 * velocities), integrated by the explicit midpoint rule (RK2); the loss is the final energy-like
 * sum. {@link #energy} checkpoints its time loop with {@code @Checkpoint(snapshots = 100)};
 * {@link #energyTaped} is the same loop without it. Every step calls {@link #countStep}, an
 * inactive helper, so the number of step executions can be counted.
 */
public final class Oscillators {

  private Oscillators() {}

  public static final int SNAPSHOTS = 100;

  static int steps;

  /** Counts one step execution; inactive (int in, int out). */
  public static int countStep() {
    return ++steps;
  }

  public static void resetCount() {
    steps = 0;
  }

  public static int count() {
    return steps;
  }

  @Differentiable(wrt = {"s0", "coupling"})
  public static double energy(double[] s0, double coupling, int n, double h) {
    double[] s = s0.clone();
    double[] m = new double[64];
    // The oscillator index is declared outside the time loop: with `for (int i ...)` inside a
    // @Checkpoint loop the generated code declares i twice (a processor bug, see BENCHMARKS.md).
    int i = 0;
    for (@Checkpoint(snapshots = SNAPSHOTS) int t = 0; t < n; t++) {
      int counted = countStep();
      for (i = 0; i < 32; i++) {
        int ip = (i + 1) % 32;
        int im = (i + 31) % 32;
        m[i] = s[i] + 0.5 * h * s[32 + i];
        m[32 + i] = s[32 + i]
            + 0.5 * h * (-Math.sin(s[i]) + coupling * (s[ip] - 2 * s[i] + s[im]));
      }
      for (i = 0; i < 32; i++) {
        int ip = (i + 1) % 32;
        int im = (i + 31) % 32;
        s[i] = s[i] + h * m[32 + i];
        s[32 + i] = s[32 + i] + h * (-Math.sin(m[i]) + coupling * (m[ip] - 2 * m[i] + m[im]));
      }
    }
    double e = 0;
    for (i = 0; i < 32; i++) {
      e += 0.5 * s[32 + i] * s[32 + i] + 1 - Math.cos(s[i]);
    }
    return e;
  }

  @Differentiable(wrt = {"s0", "coupling"})
  public static double energyTaped(double[] s0, double coupling, int n, double h) {
    double[] s = s0.clone();
    double[] m = new double[64];
    int i = 0;
    for (int t = 0; t < n; t++) {
      int counted = countStep();
      for (i = 0; i < 32; i++) {
        int ip = (i + 1) % 32;
        int im = (i + 31) % 32;
        m[i] = s[i] + 0.5 * h * s[32 + i];
        m[32 + i] = s[32 + i]
            + 0.5 * h * (-Math.sin(s[i]) + coupling * (s[ip] - 2 * s[i] + s[im]));
      }
      for (i = 0; i < 32; i++) {
        int ip = (i + 1) % 32;
        int im = (i + 31) % 32;
        s[i] = s[i] + h * m[32 + i];
        s[32 + i] = s[32 + i] + h * (-Math.sin(m[i]) + coupling * (m[ip] - 2 * m[i] + m[im]));
      }
    }
    double e = 0;
    for (i = 0; i < 32; i++) {
      e += 0.5 * s[32 + i] * s[32 + i] + 1 - Math.cos(s[i]);
    }
    return e;
  }

  static double[] initialState() {
    double[] s = new double[64];
    for (int i = 0; i < 32; i++) {
      s[i] = 0.3 * Math.sin(0.7 * i);
      s[32 + i] = 0.1 * Math.cos(1.3 * i);
    }
    return s;
  }
}
