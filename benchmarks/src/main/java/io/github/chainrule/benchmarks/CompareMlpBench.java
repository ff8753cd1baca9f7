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

/** Issue "benchmarks": a 2-layer tanh MLP (10 inputs, 16 hidden, 193 weights, 100 rows). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 6, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CompareMlpBench {

  static final int IN = 10;
  static final int HIDDEN = 16;

  @Param({"100"})
  public int rows;

  double[] w;
  double[] v;
  double[] x;
  double[] y;
  double[] gradient;
  DSFactory factory;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    int size = Mlp.size(IN, HIDDEN);
    w = new double[size];
    v = new double[size];
    for (int j = 0; j < size; j++) {
      w[j] = 0.3 * random.nextGaussian();
      v[j] = random.nextGaussian();
    }
    x = new double[rows * IN];
    y = new double[rows];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextGaussian();
    }
    for (int r = 0; r < rows; r++) {
      y[r] = Math.sin(x[r * IN]) + 0.1 * random.nextGaussian();
    }
    gradient = new double[size];
    factory = new DSFactory(size, 1);
  }

  @Benchmark
  public double f() {
    return Mlp.loss(w, x, y, IN, HIDDEN);
  }

  @Benchmark
  public double generatedJvp() {
    return MlpGradient.lossJvp(w, v, x, y, IN, HIDDEN);
  }

  @Benchmark
  public double generatedValueAndGradient() {
    return MlpGradient.lossValueAndGradient(w, x, y, IN, HIDDEN, gradient);
  }

  @Benchmark
  public double handValueAndGradient() {
    return Mlp.valueAndGradientByHand(w, x, y, IN, HIDDEN, gradient);
  }

  @Benchmark
  public double hipparchusGradient() {
    return Hipparchus.gradientOf(
        Hipparchus.mlp(Hipparchus.gradientVariables(w), x, y, IN, HIDDEN), gradient);
  }

  @Benchmark
  public double hipparchusDerivativeStructure() {
    return Hipparchus.gradientOf(
        Hipparchus.mlp(Hipparchus.dsVariables(factory, w), x, y, IN, HIDDEN), gradient);
  }

  @Benchmark
  public double fdGradient() {
    return Hipparchus.centralDifferences(p -> Mlp.loss(p, x, y, IN, HIDDEN), w, gradient);
  }
}
