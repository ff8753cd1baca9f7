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

/** Issue "benchmarks": logistic regression (20 features, 1000 rows), every way. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 6, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CompareLogisticBench {

  @Param({"20"})
  public int features;

  @Param({"1000"})
  public int rows;

  double[] w;
  double[] v;
  double[] x;
  int[] y;
  double[] gradient;
  DSFactory factory;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    w = new double[features];
    v = new double[features];
    for (int j = 0; j < features; j++) {
      w[j] = 0.3 * random.nextGaussian();
      v[j] = random.nextGaussian();
    }
    x = new double[rows * features];
    y = new int[rows];
    for (int r = 0; r < rows; r++) {
      double z = 0;
      for (int j = 0; j < features; j++) {
        x[r * features + j] = random.nextGaussian();
        z += x[r * features + j] * w[j];
      }
      y[r] = z + 0.5 * random.nextGaussian() > 0 ? 1 : 0;
    }
    gradient = new double[features];
    factory = new DSFactory(features, 1);
  }

  @Benchmark
  public double f() {
    return Logistic.loss(w, x, y);
  }

  @Benchmark
  public double generatedJvp() {
    return LogisticGradient.lossJvp(w, v, x, y);
  }

  @Benchmark
  public double generatedValueAndGradient() {
    return LogisticGradient.lossValueAndGradient(w, x, y, gradient);
  }

  @Benchmark
  public double handValueAndGradient() {
    return Logistic.valueAndGradientByHand(w, x, y, gradient);
  }

  @Benchmark
  public double hipparchusGradient() {
    return Hipparchus.gradientOf(Hipparchus.logistic(Hipparchus.gradientVariables(w), x, y),
        gradient);
  }

  @Benchmark
  public double hipparchusDerivativeStructure() {
    return Hipparchus.gradientOf(
        Hipparchus.logistic(Hipparchus.dsVariables(factory, w), x, y), gradient);
  }

  @Benchmark
  public double fdGradient() {
    return Hipparchus.centralDifferences(p -> Logistic.loss(p, x, y), w, gradient);
  }
}
