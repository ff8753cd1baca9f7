package io.github.chainrule.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.DSFactory;
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

/** Issue "benchmarks": extended Rosenbrock at n = 10 and 100, every way of getting its gradient. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 6, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CompareRosenbrockBench {

  @Param({"10", "100"})
  public int n;

  double[] x;
  double[] v;
  double[] gradient;
  DSFactory factory;

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
    factory = new DSFactory(n, 1);
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
  public double hipparchusGradient() {
    return Hipparchus.gradientOf(Hipparchus.rosenbrock(Hipparchus.gradientVariables(x)), gradient);
  }

  @Benchmark
  public double hipparchusDerivativeStructure() {
    return Hipparchus.gradientOf(Hipparchus.rosenbrock(Hipparchus.dsVariables(factory, x)),
        gradient);
  }

  @Benchmark
  public double fdGradient() {
    return Hipparchus.centralDifferences(Rosenbrock::f, x, gradient);
  }
}
