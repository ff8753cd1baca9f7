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
 * Issue "benchmarks": ADBench bundle adjustment on a scaled synthetic instance (ADBench's generator
 * draws cameras, points and observations the same way): the reprojection errors of all
 * observations, against their sparse Jacobian built from one 2 × 15 {@code fJacobian} per
 * observation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 6, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BaBench {

  /** cameras×points×observations (not commas: JMH splits -p values at commas). */
  @Param({"20x2000x10000"})
  public String size;

  double[][] cams;
  double[][] pts;
  double[] w;
  int[] obsCam;
  int[] obsPt;
  double[] feats;
  double[] err;
  double[][][] jac;

  @Setup
  public void setUp() {
    String[] p = size.split("x");
    int nc = Integer.parseInt(p[0]);
    int np = Integer.parseInt(p[1]);
    int no = Integer.parseInt(p[2]);
    Random r = new Random(42);
    cams = new double[nc][11];
    for (double[] c : cams) {
      for (int i = 0; i < 3; i++) {
        c[i] = 0.1 * r.nextGaussian();
      }
      for (int i = 3; i < 6; i++) {
        c[i] = r.nextGaussian();
      }
      c[5] -= 10; // in front of the points
      c[6] = 500 + 10 * r.nextGaussian();
      c[7] = r.nextGaussian();
      c[8] = r.nextGaussian();
      c[9] = 1e-3 * r.nextGaussian();
      c[10] = 1e-5 * r.nextGaussian();
    }
    pts = new double[np][3];
    for (double[] x : pts) {
      for (int i = 0; i < 3; i++) {
        x[i] = r.nextGaussian();
      }
    }
    w = new double[no];
    obsCam = new int[no];
    obsPt = new int[no];
    feats = new double[2 * no];
    for (int o = 0; o < no; o++) {
      w[o] = 0.5 + r.nextDouble();
      obsCam[o] = o % nc;
      obsPt[o] = o % np;
      feats[2 * o] = 10 * r.nextGaussian();
      feats[2 * o + 1] = 10 * r.nextGaussian();
    }
    err = new double[2 * no];
    jac = new double[no][][];
  }

  @Benchmark
  public double[] f() {
    for (int o = 0; o < w.length; o++) {
      double[] e = Ba.reprojectionError(cams[obsCam[o]], pts[obsPt[o]], w[o], feats[2 * o],
          feats[2 * o + 1]);
      err[2 * o] = e[0];
      err[2 * o + 1] = e[1];
    }
    return err;
  }

  @Benchmark
  public double[][][] generatedJacobian() {
    for (int o = 0; o < w.length; o++) {
      jac[o] = BaGradient.reprojectionErrorJacobian(cams[obsCam[o]], pts[obsPt[o]], w[o],
          feats[2 * o], feats[2 * o + 1]);
    }
    return jac;
  }
}
