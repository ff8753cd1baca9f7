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

/** Issue "calls": the ADBench GMM objective, its generated gradient and the hand-written one. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 6, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GmmBench {

  /** d×k×n (not commas: JMH splits -p values at commas). */
  @Param({"2x5x1000", "10x25x1000"})
  public String dkn;

  int d;
  int k;
  int n;
  double[] alphas;
  double[] means;
  double[] icf;
  double[] x;
  double[] gradient;

  @Setup
  public void setUp() {
    String[] p = dkn.split("x");
    d = Integer.parseInt(p[0]);
    k = Integer.parseInt(p[1]);
    n = Integer.parseInt(p[2]);
    double[][] in = Gmm.inputs(d, k, n, 42);
    alphas = in[0];
    means = in[1];
    icf = in[2];
    x = in[3];
    gradient = new double[alphas.length + means.length + icf.length];
  }

  @Benchmark
  public double f() {
    return Gmm.objective(alphas, means, icf, x, d, k, n, 1.0, 0);
  }

  @Benchmark
  public double generatedValueAndGradient() {
    return GmmGradient.objectiveValueAndGradient(alphas, means, icf, x, d, k, n, 1.0, 0, gradient);
  }

  @Benchmark
  public double handValueAndGradient() {
    return Gmm.objectiveAndGradientByHand(alphas, means, icf, x, d, k, n, 1.0, 0, gradient);
  }
}
