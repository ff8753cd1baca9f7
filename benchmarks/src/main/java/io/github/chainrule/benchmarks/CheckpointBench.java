package io.github.chainrule.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue "checkpoint" (c): gradient ÷ primal for the 32-oscillator RK2 loop, with
 * {@code @Checkpoint(snapshots = 100)} ({@code checkpointed*}) and without ({@code taped*}: every
 * step taped; a large heap). Parts (a) and (b) (10⁶ steps in -Xmx64m, the step count) are
 * {@link CheckpointMain}, run by the script.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 6, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CheckpointBench {

  @Param({"10000"})
  public int steps;

  double[] s0;
  double[] gradient = new double[65];

  @Setup
  public void setUp() {
    s0 = Oscillators.initialState();
  }

  @Benchmark
  public double checkpointedF() {
    return Oscillators.energy(s0, 0.5, steps, 1e-3);
  }

  @Benchmark
  public double checkpointedGeneratedValueAndGradient() {
    return OscillatorsGradient.energyValueAndGradient(s0, 0.5, steps, 1e-3, gradient);
  }

  @Benchmark
  public double tapedF() {
    return Oscillators.energyTaped(s0, 0.5, steps, 1e-3);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = "-Xmx8g")
  public double tapedGeneratedValueAndGradient() {
    return OscillatorsGradient.energyTapedValueAndGradient(s0, 0.5, steps, 1e-3, gradient);
  }
}
