package io.github.chainrule.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The benchmarks compare like with like: each hand-written value and gradient equals the generated
 * one (to 1e-12, relative to the largest entry), on the very inputs the benchmarks use, and every
 * gradient slot is written (so a reused array cannot hide a missing entry).
 */
class HandWrittenGradientsTest {

  private static final double TOLERANCE = 1e-12;

  @Test
  void rosenbrock() {
    for (int n : new int[] {1, 2, 3, 1000, 100_000}) {
      RosenbrockBench bench = new RosenbrockBench();
      bench.n = n;
      bench.setUp();
      double[] generated = filled(n, Double.NaN);
      double[] hand = filled(n, Double.NaN);
      double vg = RosenbrockGradient.fValueAndGradient(bench.x, generated);
      double vh = Rosenbrock.valueAndGradientByHand(bench.x, hand);
      assertClose(Rosenbrock.f(bench.x), vg, "value (generated), n=" + n);
      assertClose(vg, vh, "value (hand), n=" + n);
      assertAllClose(generated, hand, "Rosenbrock gradient, n=" + n);
      // The forward mode along the benchmark's direction is the gradient dotted with it.
      assertClose(dot(generated, bench.direction), bench.generatedJvp(), "jvp, n=" + n);
    }
  }

  @Test
  void logistic() {
    LogisticBench bench = new LogisticBench();
    bench.rows = 10_000;
    bench.features = 20;
    bench.setUp();
    double[] generated = filled(20, Double.NaN);
    double[] hand = filled(20, Double.NaN);
    double vg = LogisticGradient.lossValueAndGradient(bench.w, bench.x, bench.y, generated);
    double vh = Logistic.valueAndGradientByHand(bench.w, bench.x, bench.y, hand);
    assertClose(Logistic.loss(bench.w, bench.x, bench.y), vg, "value (generated)");
    assertClose(vg, vh, "value (hand)");
    assertAllClose(generated, hand, "logistic gradient");
    // The data set is not degenerate: both labels occur and the gradient is not zero.
    int ones = 0;
    for (int label : bench.y) {
      ones += label;
    }
    assertTrue(ones > 1000 && ones < 9000, "labels balanced enough: " + ones);
    assertTrue(Math.abs(hand[0]) > 1e-3, "gradient not negligible");
  }

  @Test
  void scalar() {
    ScalarBench bench = new ScalarBench();
    double[] generated = {Double.NaN};
    double[] hand = {Double.NaN};
    assertClose(ScalarGradient.polyValueAndGradient(bench.x, generated),
        Scalar.polyValueAndGradientByHand(bench.x, hand), "poly value");
    assertAllClose(generated, hand, "poly gradient");

    generated = filled(3, Double.NaN);
    hand = filled(3, Double.NaN);
    assertClose(ScalarGradient.trigValueAndGradient(bench.x, bench.y, bench.z, generated),
        Scalar.trigValueAndGradientByHand(bench.x, bench.y, bench.z, hand), "trig value");
    assertAllClose(generated, hand, "trig gradient");
  }

  @Test
  void everyBenchmarkMethodRuns() {
    // A cheap smoke test of the benchmark methods themselves, at small sizes.
    Blackhole blackhole = new Blackhole(
        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    RosenbrockBench r = new RosenbrockBench();
    r.n = 10;
    r.setUp();
    blackhole.consume(r.f() + r.generatedValueAndGradient() + r.generatedJvp()
        + r.handValueAndGradient());
    LogisticBench l = new LogisticBench();
    l.rows = 50;
    l.features = 3;
    l.setUp();
    blackhole.consume(l.f() + l.generatedValueAndGradient() + l.handValueAndGradient());
    ScalarBench s = new ScalarBench();
    blackhole.consume(s.polyF() + s.polyGeneratedValueAndGradient()
        + s.polyHandValueAndGradient() + s.trigF() + s.trigGeneratedValueAndGradient()
        + s.trigHandValueAndGradient());
    blackhole.evaporate(
        "Yes, I am Stephen Hawking, and know a thing or two about black holes.");
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void assertClose(double expected, double actual, String what) {
    double scale = Math.max(1, Math.abs(expected));
    assertEquals(expected, actual, TOLERANCE * scale, what);
  }

  private static void assertAllClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    double scale = 1;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < expected.length; i++) {
      assertTrue(Double.isFinite(actual[i]), what + ": entry " + i + " not written");
      assertEquals(expected[i], actual[i], TOLERANCE * scale, what + ": entry " + i);
    }
  }
}
