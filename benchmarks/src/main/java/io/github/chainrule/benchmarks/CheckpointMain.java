package io.github.chainrule.benchmarks;

import io.github.chainrule.runtime.Revolve;
import java.util.Locale;

/**
 * Issue "checkpoint", parts (a) and (b): runs the checkpointed gradient of {@link
 * Oscillators#energy} (10⁶ steps by default) in whatever heap it is given (the script uses
 * {@code -Xmx64m}), and counts the step executions against Revolve's optimum. Optionally ({@code
 * taped} as third argument) also tries the un-checkpointed gradient in the same heap.
 *
 * <p>Usage: {@code java -Xmx64m -cp benchmarks.jar io.github.chainrule.benchmarks.CheckpointMain
 * [steps] [taped]}
 */
public final class CheckpointMain {

  private CheckpointMain() {}

  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    boolean taped = args.length > 1 && args[1].equals("taped");
    double h = 1e-3;
    double coupling = 0.5;
    double[] s0 = Oscillators.initialState();
    System.out.printf(Locale.ROOT, "max heap %d MB, %d steps, %d snapshots%n",
        Runtime.getRuntime().maxMemory() >> 20, steps, Oscillators.SNAPSHOTS);

    Oscillators.resetCount();
    long t0 = System.nanoTime();
    double value = Oscillators.energy(s0, coupling, steps, h);
    long primalNanos = System.nanoTime() - t0;
    int primalCount = Oscillators.count();

    Oscillators.resetCount();
    double[] gradient = new double[65];
    t0 = System.nanoTime();
    double value2 = OscillatorsGradient.energyValueAndGradient(s0, coupling, steps, h, gradient);
    long gradientNanos = System.nanoTime() - t0;
    long gradientCount = Oscillators.count();
    long extra = Revolve.optimalExtraSteps(steps, Oscillators.SNAPSHOTS);
    System.out.printf(Locale.ROOT, "primal: value %.15g, %d step executions, %.2f s%n", value,
        primalCount, primalNanos / 1e9);
    System.out.printf(Locale.ROOT,
        "checkpointed gradient: value %.15g, |grad| %.6g, %d step executions, %.2f s "
            + "(%.2f x primal, first call, includes JIT warm-up)%n",
        value2, norm(gradient), gradientCount, gradientNanos / 1e9,
        (double) gradientNanos / primalNanos);
    System.out.printf(Locale.ROOT,
        "Revolve: optimalExtraSteps(%d, %d) = %d; steps + extra + steps = %d; extra + steps = %d%n",
        steps, Oscillators.SNAPSHOTS, extra, steps + extra + steps, extra + steps);
    String verdict = gradientCount == steps + extra + steps ? "= steps + extra + steps (optimal)"
        : gradientCount == extra + steps ? "= extra + steps (optimal; the schedule's first sweep"
            + " is the forward pass)" : "NOT the optimum";
    System.out.println("step count check: " + gradientCount + " " + verdict);
    System.out.printf(Locale.ROOT, "peak heap used: %d MB (of %d MB)%n", peakHeapMb(),
        Runtime.getRuntime().maxMemory() >> 20);
    if (taped) {
      Oscillators.resetCount();
      try {
        t0 = System.nanoTime();
        OscillatorsGradient.energyTapedValueAndGradient(s0, coupling, steps, h, gradient);
        System.out.printf(Locale.ROOT, "un-checkpointed gradient: completed, %.2f s%n",
            (System.nanoTime() - t0) / 1e9);
      } catch (OutOfMemoryError e) {
        System.out.println("un-checkpointed gradient: OutOfMemoryError after "
            + Oscillators.count() + " step executions (" + e.getMessage() + ")");
      }
    }
  }

  private static long peakHeapMb() {
    long peak = 0;
    for (java.lang.management.MemoryPoolMXBean pool
        : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak >> 20;
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
