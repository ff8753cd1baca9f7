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
 * Extended Rosenbrock: the function, the generated reverse mode (value and gradient into a
 * preallocated array), the generated forward mode along one direction, and a hand-written value
 * and gradient. Method names follow the convention the ratio report reads: {@code f}, {@code
 * generated*}, {@code hand*}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class RosenbrockBench {

  @Param({"1000", "100000"})
  public int n;

  double[] x;
  double[] direction;
  double[] gradient;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    x = new double[n];
    direction = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -2 + 4 * random.nextDouble();
      direction[i] = random.nextGaussian();
    }
    gradient = new double[n];
  }

  @Benchmark
  public double f() {
    return Rosenbrock.f(x);
  }

  @Benchmark
  public double generatedValueAndGradient() {
    return RosenbrockGradient.fValueAndGradient(x, gradient);
  }

  @Benchmark
  public double generatedJvp() {
    return RosenbrockGradient.fJvp(x, direction);
  }

  @Benchmark
  public double handValueAndGradient() {
    return Rosenbrock.valueAndGradientByHand(x, gradient);
  }
}
