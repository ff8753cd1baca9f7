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
 * Issues "higher-order" and "benchmarks": extended Rosenbrock at n = 10⁴, the function, the
 * generated forward mode, reverse mode, Hessian-vector product, and the hand-written gradient.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 6, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HvpBench {

  @Param({"10000"})
  public int n;

  double[] x;
  double[] v;
  double[] gradient;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    x = new double[n];
    v = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = -2 + 4 * random.nextDouble();
      v[i] = random.nextGaussian();
    }
    gradient = new double[n];
  }

  @Benchmark
  public double f() {
    return Rosenbrock.f(x);
  }

  @Benchmark
  public double generatedJvp() {
    return RosenbrockGradient.fJvp(x, v);
  }

  @Benchmark
  public double generatedValueAndGradient() {
    return RosenbrockGradient.fValueAndGradient(x, gradient);
  }

  @Benchmark
  public double handValueAndGradient() {
    return Rosenbrock.valueAndGradientByHand(x, gradient);
  }

  @Benchmark
  public double[] generatedHvp() {
    return RosenbrockGradient.fHvp(x, v);
  }
}
