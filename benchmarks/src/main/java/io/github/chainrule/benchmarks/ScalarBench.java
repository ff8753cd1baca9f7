package io.github.chainrule.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loop-free scalar functions, mainly for the allocation check: run with {@code -prof gc}; the
 * generated reverse mode into a preallocated gradient array should show gc.alloc.rate.norm ≈ 0
 * B/op. Inputs are non-final fields so that nothing is constant-folded. Times are a few
 * nanoseconds, close to JMH's own per-call overhead, so their ratios are only indicative.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class ScalarBench {

  double x = 1.3;
  double y = -0.4;
  double z = 2.1;
  final double[] gradient1 = new double[1];
  final double[] gradient3 = new double[3];

  @Benchmark
  public double polyF() {
    return Scalar.poly(x);
  }

  @Benchmark
  public double polyGeneratedValueAndGradient() {
    return ScalarGradient.polyValueAndGradient(x, gradient1);
  }


  @Benchmark
  public double polyHandValueAndGradient() {
    return Scalar.polyValueAndGradientByHand(x, gradient1);
  }

  @Benchmark
  public double trigF() {
    return Scalar.trig(x, y, z);
  }

  @Benchmark
  public double trigGeneratedValueAndGradient() {
    return ScalarGradient.trigValueAndGradient(x, y, z, gradient3);
  }


  @Benchmark
  public double trigHandValueAndGradient() {
    return Scalar.trigValueAndGradientByHand(x, y, z, gradient3);
  }
}
