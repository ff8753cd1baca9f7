package io.github.chainrule.processor.behaviour;

import static io.github.chainrule.processor.behaviour.Numeric.assertArrayClose;
import static io.github.chainrule.processor.behaviour.Numeric.assertClose;
import static io.github.chainrule.processor.behaviour.Numeric.assertConsistent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Control flow, integers and arrays in both modes: each fixture of {@link ControlFlow} against
 * central finite differences and the forward/reverse dot-product test, plus closed forms where
 * they exist (Rosenbrock, logistic loss, log-sum-exp, softmax, Newton's square root).
 */
class ControlFlowTest {

  private static double[] random(long seed, int n, double scale) {
    Random r = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = scale * r.nextGaussian();
    }
    return x;
  }

  @ParameterizedTest
  @ValueSource(doubles = {-2.3, -0.4, 0.7, 1.9})
  void ifElseChainTakesEachBranch(double x) {
    for (double y : new double[] {-1.1, 0.6}) {
      assertConsistent("ifElseChain", v -> ControlFlow.ifElseChain(v[0], v[1]),
          (v, d) -> ControlFlowGradient.ifElseChainJvp(v[0], d[0], v[1], d[1]),
          v -> ControlFlowGradient.ifElseChainGradient(v[0], v[1]),
          (v, g) -> ControlFlowGradient.ifElseChainValueAndGradient(v[0], v[1], g),
          new double[] {x, y});
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 5, 9})
  void powerLoopMatchesClosedForm(int n) {
    double x = 1.3;
    double exact = n == 0 ? 0 : n * Math.pow(x, n - 1);
    assertClose("power n=" + n + " fJvp", new double[] {x}, exact,
        ControlFlowGradient.powerJvp(x, 1.0, n), 1e-14, 0);
    assertClose("power n=" + n + " fGradient", new double[] {x}, exact,
        ControlFlowGradient.powerGradient(x, n)[0], 1e-14, 0);
  }

  @Test
  void loopsOverArrays() {
    for (long seed = 1; seed <= 3; seed++) {
      double[] x = random(seed, 6, 1.0);
      assertConsistent("downwardLoop", ControlFlow::downwardLoop,
          ControlFlowGradient::downwardLoopJvp, ControlFlowGradient::downwardLoopGradient,
          ControlFlowGradient::downwardLoopValueAndGradient, x);
      assertConsistent("enhancedFor", ControlFlow::enhancedFor,
          ControlFlowGradient::enhancedForJvp, ControlFlowGradient::enhancedForGradient,
          ControlFlowGradient::enhancedForValueAndGradient, x);
      assertConsistent("labelledContinue", ControlFlow::labelledContinue,
          ControlFlowGradient::labelledContinueJvp, ControlFlowGradient::labelledContinueGradient,
          ControlFlowGradient::labelledContinueValueAndGradient, x);
      assertConsistent("prefixProducts", ControlFlow::prefixProducts,
          ControlFlowGradient::prefixProductsJvp, ControlFlowGradient::prefixProductsGradient,
          ControlFlowGradient::prefixProductsValueAndGradient, x);
      assertConsistent("squareInPlace", ControlFlow::squareInPlace,
          ControlFlowGradient::squareInPlaceJvp, ControlFlowGradient::squareInPlaceGradient,
          ControlFlowGradient::squareInPlaceValueAndGradient, x);
      assertConsistent("forWithBreakAndContinue", ControlFlow::forWithBreakAndContinue,
          ControlFlowGradient::forWithBreakAndContinueJvp,
          ControlFlowGradient::forWithBreakAndContinueGradient,
          ControlFlowGradient::forWithBreakAndContinueValueAndGradient, x);
      int[] index = {3, 0, 5, 3, 1};
      assertConsistent("gather", v -> ControlFlow.gather(v, index),
          (v, d) -> ControlFlowGradient.gatherJvp(v, d, index),
          v -> ControlFlowGradient.gatherGradient(v, index),
          (v, g) -> ControlFlowGradient.gatherValueAndGradient(v, index, g), x);
      for (int sweeps : new int[] {0, 1, 3}) {
        assertConsistent("smoothing sweeps=" + sweeps, v -> ControlFlow.smoothing(v, sweeps),
            (v, d) -> ControlFlowGradient.smoothingJvp(v, d, sweeps),
            v -> ControlFlowGradient.smoothingGradient(v, sweeps),
            (v, g) -> ControlFlowGradient.smoothingValueAndGradient(v, sweeps, g),
            random(seed, 5, 0.3));
      }
    }
  }

  @Test
  void breakInAFirstElementStopsTheLoop() {
    double[] x = {1.5, -3.0, 2.0};
    // Only x[0] contributes: the loop breaks at x[1].
    assertArrayEquals(new double[] {3 * 1.5 * 1.5, 0, 0},
        ControlFlowGradient.forWithBreakAndContinueGradient(x));
  }

  @Test
  void whileAndDoWhileLoops() {
    for (double x : new double[] {-1.2, 0.3, 2.5}) {
      assertConsistent("whileBreak", v -> ControlFlow.whileBreak(v[0]),
          (v, d) -> ControlFlowGradient.whileBreakJvp(v[0], d[0]),
          v -> ControlFlowGradient.whileBreakGradient(v[0]),
          (v, g) -> ControlFlowGradient.whileBreakValueAndGradient(v[0], g), new double[] {x});
      for (int n : new int[] {0, 1, 4}) {
        assertConsistent("doWhile n=" + n, v -> ControlFlow.doWhile(v[0], n),
            (v, d) -> ControlFlowGradient.doWhileJvp(v[0], d[0], n),
            v -> ControlFlowGradient.doWhileGradient(v[0], n),
            (v, g) -> ControlFlowGradient.doWhileValueAndGradient(v[0], n, g), new double[] {x});
      }
    }
  }

  @Test
  void earlyReturnFromNestedLoops() {
    for (double t : new double[] {0.1, 0.9, 50}) {
      double[] x = random(11, 5, 1.0);
      double[] v0 = new double[x.length + 1];
      System.arraycopy(x, 0, v0, 0, x.length);
      v0[x.length] = t;
      assertConsistent("earlyReturnInLoop t=" + t,
          v -> ControlFlow.earlyReturnInLoop(java.util.Arrays.copyOf(v, 5), v[5]),
          (v, d) -> ControlFlowGradient.earlyReturnInLoopJvp(java.util.Arrays.copyOf(v, 5),
              java.util.Arrays.copyOf(d, 5), v[5], d[5]),
          v -> ControlFlowGradient.earlyReturnInLoopGradient(java.util.Arrays.copyOf(v, 5), v[5]),
          (v, g) -> ControlFlowGradient.earlyReturnInLoopValueAndGradient(
              java.util.Arrays.copyOf(v, 5), v[5], g),
          v0);
    }
  }

  @Test
  void integerArithmeticIsKeptAsWritten() {
    for (double x : new double[] {-1.1, 0.6, 2.2}) {
      for (int n : new int[] {-7, 3, 12}) {
        for (boolean flag : new boolean[] {true, false}) {
          assertConsistent("integerArithmetic",
              v -> ControlFlow.integerArithmetic(v[0], n, 1L << 40, flag),
              (v, d) -> ControlFlowGradient.integerArithmeticJvp(v[0], d[0], n, 1L << 40, flag),
              v -> ControlFlowGradient.integerArithmeticGradient(v[0], n, 1L << 40, flag),
              (v, g) -> ControlFlowGradient.integerArithmeticValueAndGradient(v[0], n, 1L << 40,
                  flag, g),
              new double[] {x});
        }
      }
    }
    // Independent closed form of the inactive helpers: (floorDiv(n,2) + bucket(n) + round(0.75n)) x².
    int n = 9;
    double w = Math.floorDiv(n, 2) + (n * 7 + 3) % 4 + Math.round(n * 0.75);
    assertEquals(2 * w * 1.7, ControlFlowGradient.inactiveHelpersGradient(1.7, n)[0], 1e-13);
  }

  @Test
  void initialiserAndIntArrays() {
    double x = 0.8;
    double y = -1.3;
    // s = 3x² + y² + 4x²y² + 1·4
    double[] exact = {6 * x + 8 * x * y * y, 2 * y + 8 * x * x * y};
    assertArrayClose("initialiser", new double[] {x, y}, exact,
        ControlFlowGradient.initialiserGradient(x, y), 1e-14, 0);
  }

  @Test
  void accumulatorOverwrittenEveryIteration() {
    for (int n : new int[] {1, 3, 10}) {
      assertConsistent("accumulator n=" + n, v -> ControlFlow.accumulator(v[0], n),
          (v, d) -> ControlFlowGradient.accumulatorJvp(v[0], d[0], n),
          v -> ControlFlowGradient.accumulatorGradient(v[0], n),
          (v, g) -> ControlFlowGradient.accumulatorValueAndGradient(v[0], n, g),
          new double[] {0.4});
    }
    // Independent forward recurrence: s' = s'·(sin s + s cos s) + 1.
    double s = 0.4;
    double ds = 1;
    for (int i = 0; i < 10; i++) {
      ds = ds * (Math.sin(s) + s * Math.cos(s)) + 1;
      s = s * Math.sin(s) + 0.4;
    }
    assertClose("accumulator recurrence", new double[] {0.4}, ds,
        ControlFlowGradient.accumulatorGradient(0.4, 10)[0], 1e-13, 0);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.01, 0.5, 2, 10, 12345.6})
  void newtonSquareRootDifferentiatedThroughTheIteration(double a) {
    double exact = 0.5 / Math.sqrt(a);
    assertClose("newtonSqrt fGradient", new double[] {a}, exact,
        ControlFlowGradient.newtonSqrtGradient(a)[0], 1e-12, 0);
    assertClose("newtonSqrt fJvp", new double[] {a}, exact,
        ControlFlowGradient.newtonSqrtJvp(a, 1.0), 1e-12, 0);
  }

  @Test
  void logSumExpAndSoftmaxMatchClosedForms() {
    double[] x = random(5, 7, 2.0);
    double m = java.util.Arrays.stream(x).max().getAsDouble();
    double sum = 0;
    for (double v : x) {
      sum += Math.exp(v - m);
    }
    double[] softmax = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      softmax[i] = Math.exp(x[i] - m) / sum;
    }
    assertArrayClose("logSumExp", x, softmax, ControlFlowGradient.logSumExpGradient(x), 1e-13,
        1e-16);
    assertConsistent("logSumExp", ControlFlow::logSumExp, ControlFlowGradient::logSumExpJvp,
        ControlFlowGradient::logSumExpGradient, ControlFlowGradient::logSumExpValueAndGradient, x);
    int label = 2;
    double[] crossEntropy = softmax.clone();
    crossEntropy[label] -= 1;
    assertArrayClose("softmaxCrossEntropy", x, crossEntropy,
        ControlFlowGradient.softmaxCrossEntropyGradient(x, label), 1e-12, 1e-15);
    assertConsistent("softmaxCrossEntropy", v -> ControlFlow.softmaxCrossEntropy(v, label),
        (v, d) -> ControlFlowGradient.softmaxCrossEntropyJvp(v, d, label),
        v -> ControlFlowGradient.softmaxCrossEntropyGradient(v, label),
        (v, g) -> ControlFlowGradient.softmaxCrossEntropyValueAndGradient(v, label, g), x);
  }

  @Test
  void logisticLossOverAnInactiveDataMatrix() {
    int rows = 40;
    int features = 4;
    double[] data = random(21, rows * features, 1.0);
    int[] labels = new int[rows];
    Random r = new Random(3);
    for (int i = 0; i < rows; i++) {
      labels[i] = r.nextBoolean() ? 1 : 0;
    }
    double[] w = {0.4, -0.3, 0.9, 0.05};
    double[] exact = new double[features];
    for (int i = 0; i < rows; i++) {
      double z = 0;
      for (int j = 0; j < features; j++) {
        z += w[j] * data[i * features + j];
      }
      double y = labels[i] == 1 ? 1 : -1;
      double sigma = 1 / (1 + Math.exp(y * z));
      for (int j = 0; j < features; j++) {
        exact[j] += -y * sigma * data[i * features + j] / rows;
      }
    }
    assertArrayClose("logisticLoss", w, exact,
        ControlFlowGradient.logisticLossGradient(w, data, labels), 1e-12, 1e-15);
    assertConsistent("logisticLoss", v -> ControlFlow.logisticLoss(v, data, labels),
        (v, d) -> ControlFlowGradient.logisticLossJvp(v, d, data, labels),
        v -> ControlFlowGradient.logisticLossGradient(v, data, labels),
        (v, g) -> ControlFlowGradient.logisticLossValueAndGradient(v, data, labels, g), w);
  }

  @Test
  void matrixVectorWithInactiveMatrix() {
    int n = 4;
    double[] a = random(8, n * n, 1.0);
    double[] x = random(9, n, 1.0);
    double[] ax = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        ax[i] += a[i * n + j] * x[j];
      }
    }
    double[] exact = new double[n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        exact[j] += 2 * a[i * n + j] * ax[i];
      }
    }
    assertArrayClose("matrixVector", x, exact, ControlFlowGradient.matrixVectorGradient(a, x),
        1e-13, 1e-15);
  }

  @Test
  void extendedRosenbrockThousandAgainstAnalyticGradient() {
    double[] x = random(17, 1000, 1.0);
    double[] exact = new double[x.length];
    for (int i = 0; i < x.length - 1; i++) {
      exact[i] += -400 * x[i] * (x[i + 1] - x[i] * x[i]) - 2 * (1 - x[i]);
      exact[i + 1] += 200 * (x[i + 1] - x[i] * x[i]);
    }
    assertArrayClose("rosenbrock n=1000 fGradient", x, exact,
        ControlFlowGradient.rosenbrockGradient(x), 1e-13, 1e-12);
    double[] d = random(18, 1000, 1.0);
    double directional = 0;
    for (int i = 0; i < x.length; i++) {
      directional += exact[i] * d[i];
    }
    assertClose("rosenbrock n=1000 fJvp", x, directional,
        ControlFlowGradient.rosenbrockJvp(x, d), 1e-12, 1e-9);
  }

  @Test
  void arrayArgumentsAreCheckedAndNeverModified() {
    double[] x = {0.5, 1.5, -0.5};
    double[] copy = x.clone();
    double[] d = {1, 0, 0};
    ControlFlowGradient.squareInPlaceJvp(x, d);
    ControlFlowGradient.squareInPlaceGradient(x);
    assertArrayEquals(copy, x);
    assertArrayEquals(new double[] {1, 0, 0}, d);
    NullPointerException npe = assertThrows(NullPointerException.class,
        () -> ControlFlowGradient.rosenbrockGradient(null));
    assertEquals("x is null", npe.getMessage());
    npe = assertThrows(NullPointerException.class,
        () -> ControlFlowGradient.rosenbrockJvp(x, null));
    assertEquals("x_dot is null", npe.getMessage());
    IllegalArgumentException iae = assertThrows(IllegalArgumentException.class,
        () -> ControlFlowGradient.rosenbrockJvp(x, new double[2]));
    assertEquals(true, iae.getMessage().contains("x_dot"), iae.getMessage());
    iae = assertThrows(IllegalArgumentException.class,
        () -> ControlFlowGradient.rosenbrockValueAndGradient(x, new double[2]));
    assertEquals(true, iae.getMessage().contains("gradient"), iae.getMessage());
    // A longer gradient array is allowed; the entries past n are left alone.
    double[] longer = {9, 9, 9, 9, 9};
    ControlFlowGradient.rosenbrockValueAndGradient(x, longer);
    assertArrayEquals(ControlFlowGradient.rosenbrockGradient(x), java.util.Arrays.copyOf(longer, 3));
    assertEquals(9.0, longer[3]);
    assertEquals(9.0, longer[4]);
  }
}
