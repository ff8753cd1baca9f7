package io.github.chainrule.processor.robustness;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Generated gradients are thread-safe and reentrant: 16 threads calling them at once, many
 * times each on inputs of their own, get results bit-identical to single-threaded calls, and a
 * call leaves nothing behind that the next one could see.
 */
class ConcurrencyTest {

  private static final int THREADS = 16;
  private static final int INPUTS_PER_THREAD = 8;
  private static final int ROUNDS = 400;

  /** One input and what single-threaded calls returned for it. */
  private record Expected(double[] x, double w, double[] rosenbrock, double[] relax,
      double relaxValue, double[] smooth, double rosenbrockJvp) {}

  private static double[] input(Random random, int n, double scale) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = scale * random.nextGaussian();
    }
    return x;
  }

  private static Expected expected(double[] x, double w, double[] d) {
    double[] relax = new double[x.length + 1];
    double relaxValue = ConcurrentGradient.relaxValueAndGradient(x, w, relax);
    return new Expected(x, w, ConcurrentGradient.rosenbrockGradient(x), relax, relaxValue,
        ConcurrentGradient.smoothGradient(x, w), ConcurrentGradient.rosenbrockJvp(x, d));
  }

  private static double[] direction(int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = Math.cos(i + 1);
    }
    return d;
  }

  @Test
  void sixteenThreadsGetBitIdenticalResults() throws Exception {
    List<List<Expected>> perThread = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Random random = new Random(1000 + t);
      List<Expected> inputs = new ArrayList<>();
      for (int j = 0; j < INPUTS_PER_THREAD; j++) {
        // Sizes and scales differ per thread and input, so loops run different trip counts and
        // take different branches at the same time.
        int n = 2 + (t + 3 * j) % 11;
        double[] x = input(random, n, 0.5 + (t % 4));
        inputs.add(expected(x, 0.3 + 0.05 * t, direction(n)));
      }
      perThread.add(inputs);
    }

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        List<Expected> inputs = perThread.get(t);
        int thread = t;
        Callable<Integer> work = () -> {
          start.await(30, TimeUnit.SECONDS);
          int calls = 0;
          for (int round = 0; round < ROUNDS; round++) {
            for (Expected e : inputs) {
              String where = "thread " + thread + ", round " + round + ", x = "
                  + Arrays.toString(e.x());
              double[] x = e.x().clone();
              assertBits(where + ": rosenbrockGradient", e.rosenbrock(),
                  ConcurrentGradient.rosenbrockGradient(x));
              double[] g = new double[x.length + 1];
              double v = ConcurrentGradient.relaxValueAndGradient(x, e.w(), g);
              assertBits(where + ": relaxValueAndGradient value", new double[] {e.relaxValue()},
                  new double[] {v});
              assertBits(where + ": relaxValueAndGradient gradient", e.relax(), g);
              assertBits(where + ": smoothGradient", e.smooth(),
                  ConcurrentGradient.smoothGradient(x, e.w()));
              assertBits(where + ": rosenbrockJvp", new double[] {e.rosenbrockJvp()},
                  new double[] {ConcurrentGradient.rosenbrockJvp(x, direction(x.length))});
              assertBits(where + ": input untouched", e.x(), x);
              calls += 5;
            }
          }
          return calls;
        };
        results.add(pool.submit(work));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(5, TimeUnit.MINUTES);
      }
      assertWithMessage("calls made").that(total)
          .isEqualTo(THREADS * ROUNDS * INPUTS_PER_THREAD * 5);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCallLeavesNothingBehind() {
    // Interleave inputs of different sizes on one thread: each result equals a fresh call's.
    Random random = new Random(7);
    List<Expected> inputs = new ArrayList<>();
    for (int n = 2; n < 12; n++) {
      inputs.add(expected(input(random, n, 2.0), 0.4, direction(n)));
    }
    for (int round = 0; round < 3; round++) {
      for (int j = inputs.size() - 1; j >= 0; j -= 1 + round) {
        Expected e = inputs.get(j);
        assertBits("rosenbrock", e.rosenbrock(), ConcurrentGradient.rosenbrockGradient(e.x()));
        double[] g = new double[e.x().length + 1];
        ConcurrentGradient.relaxValueAndGradient(e.x(), e.w(), g);
        assertBits("relax", e.relax(), g);
        assertBits("smooth", e.smooth(), ConcurrentGradient.smoothGradient(e.x(), e.w()));
      }
    }
  }

  private static void assertBits(String what, double[] expected, double[] actual) {
    long[] e = Arrays.stream(expected).mapToLong(Double::doubleToRawLongBits).toArray();
    long[] a = Arrays.stream(actual).mapToLong(Double::doubleToRawLongBits).toArray();
    if (!Arrays.equals(e, a)) {
      throw new AssertionError(what + ": expected " + Arrays.toString(expected) + " but got "
          + Arrays.toString(actual));
    }
  }
}
