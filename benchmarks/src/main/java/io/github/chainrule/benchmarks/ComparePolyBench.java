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

/** Issue "benchmarks": the seed polynomial, every way of getting its derivative. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 6, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ComparePolyBench {

  double x = 2.0;
  double[] gradient = new double[1];
  double[] xs = {2.0};
  DSFactory factory = new DSFactory(1, 1);

  @Benchmark
  public double f() {
    return Scalar.poly(x);
  }

  @Benchmark
  public double generatedJvp() {
    return ScalarGradient.polyJvp(x, 1.0);
  }

  @Benchmark
  public double generatedValueAndGradient() {
    return ScalarGradient.polyValueAndGradient(x, gradient);
  }

  @Benchmark
  public double handValueAndGradient() {
    return Scalar.polyValueAndGradientByHand(x, gradient);
  }

  @Benchmark
  public double hipparchusGradient() {
    return Hipparchus.gradientOf(
        Hipparchus.poly(org.hipparchus.analysis.differentiation.Gradient.variable(1, 0, x)),
        gradient);
  }

  @Benchmark
  public double hipparchusDerivativeStructure() {
    return Hipparchus.gradientOf(Hipparchus.poly(factory.variable(0, x)), gradient);
  }

  @Benchmark
  public double fdGradient() {
    return Hipparchus.centralDifferences(v -> Scalar.poly(v[0]), xs, gradient);
  }
}
