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
 * Logistic-regression loss over a fixed synthetic data set (labels drawn from a logistic model
 * with known weights): the loss, the generated reverse mode into a preallocated array, and a
 * hand-written value and gradient.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 8, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class LogisticBench {

  @Param({"10000"})
  public int rows;

  @Param({"20"})
  public int features;

  double[] w;
  double[] x;
  int[] y;
  double[] gradient;

  @Setup
  public void setUp() {
    Random random = new Random(7);
    double[] truth = new double[features];
    for (int j = 0; j < features; j++) {
      truth[j] = random.nextGaussian();
    }
    x = new double[rows * features];
    y = new int[rows];
    for (int r = 0; r < rows; r++) {
      double z = 0;
      for (int j = 0; j < features; j++) {
        double v = random.nextGaussian();
        x[r * features + j] = v;
        z += v * truth[j];
      }
      y[r] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    w = new double[features];
    for (int j = 0; j < features; j++) {
      w[j] = 0.5 * random.nextGaussian();
    }
    gradient = new double[features];
  }

  @Benchmark
  public double f() {
    return Logistic.loss(w, x, y);
  }

  @Benchmark
  public double generatedValueAndGradient() {
    return LogisticGradient.lossValueAndGradient(w, x, y, gradient);
  }

  @Benchmark
  public double handValueAndGradient() {
    return Logistic.valueAndGradientByHand(w, x, y, gradient);
  }
}
