package io.github.chainrule.processor.behaviour;

import static io.github.chainrule.processor.behaviour.Numeric.assertAllModes;
import static io.github.chainrule.processor.behaviour.Numeric.assertArrayClose;
import static io.github.chainrule.processor.behaviour.Numeric.assertConsistent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Each way reverse mode treats a loop (see {@link LoopStrategies}) gives the closed-form gradient,
 * agrees with central differences and with forward mode, returns f's value to the bit, and has
 * Hessian-vector products that agree with differences of its gradient.
 */
class LoopStrategiesTest {

  private static final double[] DATA = {0.3, -1.2, 1.1, 0.4, -0.7, 0.9, 0.2, 0.0, -0.5};
  private static final int D = 3;

  @Test
  void aLoopReversedInPlaceGivesTheClosedForm() {
    double[] x = {0.7, -1.3, 2.1, 0.05};
    assertAllModes("halfSumOfSquares", LoopStrategies::halfSumOfSquares,
        LoopStrategiesGradient::halfSumOfSquaresJvp, LoopStrategiesGradient::halfSumOfSquaresGradient,
        LoopStrategiesGradient::halfSumOfSquaresValueAndGradient, v -> v.clone(), x);
    double[][] identity = new double[x.length][x.length];
    for (int i = 0; i < x.length; i++) {
      identity[i][i] = 1.0;
    }
    assertArrayEquals(identity, LoopStrategiesGradient.halfSumOfSquaresHessian(x));
  }

  @Test
  void aSumDividedByAFixedCountIsReversedInPlace() {
    double[] x = {0.7, -1.3, 2.1};
    assertAllModes("meanSquare", LoopStrategies::meanSquare, LoopStrategiesGradient::meanSquareJvp,
        LoopStrategiesGradient::meanSquareGradient,
        LoopStrategiesGradient::meanSquareValueAndGradient, v -> {
          double[] g = new double[v.length];
          for (int i = 0; i < v.length; i++) {
            g[i] = 2 * v[i] / v.length;
          }
          return g;
        }, x);
  }

  /** Σ_p exp(−|data_p − w|²) · 2 (data_p − w): the gradient of bumps. */
  private static double[] bumpsGradient(double[] w) {
    double[] g = new double[D];
    for (int p = 0; p < DATA.length / D; p++) {
      double sq = 0;
      for (int j = 0; j < D; j++) {
        sq += (DATA[p * D + j] - w[j]) * (DATA[p * D + j] - w[j]);
      }
      for (int j = 0; j < D; j++) {
        g[j] += Math.exp(-sq) * 2 * (DATA[p * D + j] - w[j]);
      }
    }
    return g;
  }

  @Test
  void aLoopOverPointsWithAScratchArrayIsReversedInPlace() {
    double[] w = {0.1, -0.2, 0.5};
    assertAllModes("bumps", v -> LoopStrategies.bumps(v, DATA, D),
        (v, d) -> LoopStrategiesGradient.bumpsJvp(v, d, DATA, D),
        v -> LoopStrategiesGradient.bumpsGradient(v, DATA, D),
        (v, g) -> LoopStrategiesGradient.bumpsValueAndGradient(v, DATA, D, g),
        LoopStrategiesTest::bumpsGradient, w);
    assertHvpMatchesDifferences("bumps", v -> LoopStrategiesGradient.bumpsGradient(v, DATA, D),
        LoopStrategiesGradient.bumpsHvp(w, DATA, D, new double[] {0.3, -0.4, 0.8}), w,
        new double[] {0.3, -0.4, 0.8});
  }

  @Test
  void theSameLoopUnderALogarithmIsRerunPointByPoint() {
    double[] w = {-0.3, 0.6, 0.2};
    assertAllModes("logBumps", v -> LoopStrategies.logBumps(v, DATA, D),
        (v, d) -> LoopStrategiesGradient.logBumpsJvp(v, d, DATA, D),
        v -> LoopStrategiesGradient.logBumpsGradient(v, DATA, D),
        (v, g) -> LoopStrategiesGradient.logBumpsValueAndGradient(v, DATA, D, g),
        v -> {
          double[] g = bumpsGradient(v);
          double total = LoopStrategies.bumps(v, DATA, D);
          for (int j = 0; j < g.length; j++) {
            g[j] /= total;
          }
          return g;
        }, w);
    double[] v = {1.0, 0.5, -0.25};
    assertHvpMatchesDifferences("logBumps",
        x -> LoopStrategiesGradient.logBumpsGradient(x, DATA, D),
        LoopStrategiesGradient.logBumpsHvp(w, DATA, D, v), w, v);
  }

  @Test
  void updatesAfterAFullRewriteAgreeWithDifferences() {
    double[] w = {0.2, -0.4, 0.3};
    double[] v = {0.5, 1.0, -0.75};
    assertConsistent("shearedBumps", x -> LoopStrategies.shearedBumps(x, DATA, D),
        (x, d) -> LoopStrategiesGradient.shearedBumpsJvp(x, d, DATA, D),
        x -> LoopStrategiesGradient.shearedBumpsGradient(x, DATA, D),
        (x, g) -> LoopStrategiesGradient.shearedBumpsValueAndGradient(x, DATA, D, g), w);
    assertHvpMatchesDifferences("shearedBumps",
        x -> LoopStrategiesGradient.shearedBumpsGradient(x, DATA, D),
        LoopStrategiesGradient.shearedBumpsHvp(w, DATA, D, v), w, v);
    assertConsistent("shearedBumpsSum", x -> LoopStrategies.shearedBumpsSum(x, DATA, D),
        (x, d) -> LoopStrategiesGradient.shearedBumpsSumJvp(x, d, DATA, D),
        x -> LoopStrategiesGradient.shearedBumpsSumGradient(x, DATA, D),
        (x, g) -> LoopStrategiesGradient.shearedBumpsSumValueAndGradient(x, DATA, D, g), w);
    assertHvpMatchesDifferences("shearedBumpsSum",
        x -> LoopStrategiesGradient.shearedBumpsSumGradient(x, DATA, D),
        LoopStrategiesGradient.shearedBumpsSumHvp(w, DATA, D, v), w, v);
  }

  @Test
  void updatesAfterAReadOfTheRewrittenArraySaveTheirValues() {
    double[] w = {0.2, -0.4, 0.3};
    assertConsistent("shearedBumpsReadBetween",
        x -> LoopStrategies.shearedBumpsReadBetween(x, DATA, D),
        (x, d) -> LoopStrategiesGradient.shearedBumpsReadBetweenJvp(x, d, DATA, D),
        x -> LoopStrategiesGradient.shearedBumpsReadBetweenGradient(x, DATA, D),
        (x, g) -> LoopStrategiesGradient.shearedBumpsReadBetweenValueAndGradient(x, DATA, D, g),
        w);
  }

  /**
   * The gradient of triangularSquares at (x, lower), flattened: with s = sin(x) and y = (I + L)s,
   * ∂f/∂L_ji = y_j s_i and ∂f/∂x_i = cos(x_i) (y_i + ½ + Σ_{j>i} L_ji y_j).
   */
  private static double[] triangularSquaresGradient(double[] x, double[] lower) {
    int d = x.length;
    double[] s = new double[d];
    double[] y = new double[d];
    for (int i = 0; i < d; i++) {
      s[i] = Math.sin(x[i]);
      y[i] = s[i];
    }
    for (int i = 0, l = 0; i < d; i++) {
      for (int j = i + 1; j < d; j++, l++) {
        y[j] += lower[l] * s[i];
      }
    }
    double[] g = new double[d + lower.length];
    for (int i = 0, l = 0; i < d; i++) {
      double sBar = y[i] + 0.5;
      for (int j = i + 1; j < d; j++, l++) {
        g[d + l] = y[j] * s[i];
        sBar += lower[l] * y[j];
      }
      g[i] = Math.cos(x[i]) * sBar;
    }
    return g;
  }

  @Test
  void anAdjointElementAddedToThroughoutAnInnerLoopGivesTheClosedForm() {
    int d = 4;
    double[] point = {0.3, -1.1, 0.8, 2.0, 0.5, -0.25, 1.5, 0.75, -2.0, 0.125};
    Numeric.Fn f = v -> LoopStrategies.triangularSquares(x(v, d), lower(v, d));
    assertAllModes("triangularSquares", f,
        (v, t) -> LoopStrategiesGradient.triangularSquaresJvp(x(v, d), x(t, d), lower(v, d),
            lower(t, d)),
        v -> LoopStrategiesGradient.triangularSquaresGradient(x(v, d), lower(v, d)),
        (v, g) -> LoopStrategiesGradient.triangularSquaresValueAndGradient(x(v, d), lower(v, d),
            g),
        v -> triangularSquaresGradient(x(v, d), lower(v, d)), point);
    double[] direction = {1.0, -0.5, 0.25, 0.75, -1.0, 0.5, 0.3, -0.2, 0.6, 0.4};
    assertHvpMatchesDifferences("triangularSquares",
        v -> LoopStrategiesGradient.triangularSquaresGradient(x(v, d), lower(v, d)),
        LoopStrategiesGradient.triangularSquaresHvp(x(point, d), lower(point, d), direction),
        point, direction);
    // One coordinate: the inner loop never runs, and lower is empty.
    assertAllModes("triangularSquares, d = 1", v -> LoopStrategies.triangularSquares(v,
            new double[0]),
        (v, t) -> LoopStrategiesGradient.triangularSquaresJvp(v, t, new double[0],
            new double[0]),
        v -> LoopStrategiesGradient.triangularSquaresGradient(v, new double[0]),
        (v, g) -> LoopStrategiesGradient.triangularSquaresValueAndGradient(v, new double[0], g),
        v -> new double[] {(Math.sin(v[0]) + 0.5) * Math.cos(v[0])}, new double[] {0.9});
  }

  private static double[] x(double[] flat, int d) {
    return Arrays.copyOfRange(flat, 0, d);
  }

  private static double[] lower(double[] flat, int d) {
    return Arrays.copyOfRange(flat, d, flat.length);
  }

  @Test
  void aSumTheCodeBeforeTheLoopReadsIsTaped() {
    double[] p = {0.8, -0.6, 1.5};
    assertAllModes("sumReadBeforeTheLoop", LoopStrategies::sumReadBeforeTheLoop,
        LoopStrategiesGradient::sumReadBeforeTheLoopJvp,
        LoopStrategiesGradient::sumReadBeforeTheLoopGradient,
        LoopStrategiesGradient::sumReadBeforeTheLoopValueAndGradient,
        x -> new double[] {2 * x[0] / ((1 + x[0] * x[0]) * Math.log(10)) + 0.1,
            0.1 * x.length, 0.0}, p);
  }

  @Test
  void aLoopAssigningTheEntriesItReachesLeavesNoneStaleAndNothingPastN() {
    for (int n = 1; n <= 5; n++) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = 0.3 + 0.45 * i - 0.1 * i * i;
      }
      // ∂/∂x_i of Σ t_j², t_j = x_{j+1} − x_j²: −4 x_i t_i (i < n − 1) + 2 t_{i−1} (i > 0).
      double[] expected = new double[n];
      for (int i = 0; i < n - 1; i++) {
        double t = x[i + 1] - x[i] * x[i];
        expected[i] += -4 * x[i] * t;
        expected[i + 1] += 2 * t;
      }
      double[] buffer = new double[n + 2];
      java.util.Arrays.fill(buffer, 42.0);
      double value = LoopStrategiesGradient.neighboursValueAndGradient(x, buffer);
      assertArrayClose("neighbours n = " + n, x, expected, java.util.Arrays.copyOf(buffer, n), 1e-14,
          1e-15);
      assertArrayEquals(new double[] {42.0, 42.0}, java.util.Arrays.copyOfRange(buffer, n, n + 2));
      org.junit.jupiter.api.Assertions.assertEquals(LoopStrategies.neighbours(x), value, 0.0);
    }
    double[] x = {0.4, -0.9, 1.3, 0.2};
    assertAllModes("neighbours", LoopStrategies::neighbours, LoopStrategiesGradient::neighboursJvp,
        LoopStrategiesGradient::neighboursGradient,
        LoopStrategiesGradient::neighboursValueAndGradient, v -> {
          double[] g = new double[v.length];
          for (int i = 0; i < v.length - 1; i++) {
            double t = v[i + 1] - v[i] * v[i];
            g[i] += -4 * v[i] * t;
            g[i + 1] += 2 * t;
          }
          return g;
        }, x);
  }

  @Test
  void aCallInALoopReversedInPlaceGivesTheClosedForm() {
    double[] w = {-0.4, 0.35, 1.1};
    assertAllModes("mixture", v -> LoopStrategies.mixture(v, DATA),
        (v, d) -> LoopStrategiesGradient.mixtureJvp(v, d, DATA),
        v -> LoopStrategiesGradient.mixtureGradient(v, DATA),
        (v, g) -> LoopStrategiesGradient.mixtureValueAndGradient(v, DATA, g),
        v -> {
          // −Σ_p log Σ_c exp(−(x_p − w_c)²): ∂/∂w_c = −Σ_p softmax_c · 2 (x_p − w_c).
          double[] g = new double[v.length];
          for (double x : DATA) {
            double total = 0;
            for (double c : v) {
              total += Math.exp(-(x - c) * (x - c));
            }
            for (int c = 0; c < v.length; c++) {
              double weight = Math.exp(-(x - v[c]) * (x - v[c])) / total;
              g[c] -= weight * 2 * (x - v[c]);
            }
          }
          return g;
        }, w);
    double[] v = {0.5, -1.0, 0.25};
    assertHvpMatchesDifferences("mixture", x -> LoopStrategiesGradient.mixtureGradient(x, DATA),
        LoopStrategiesGradient.mixtureHvp(w, DATA, v), w, v);
  }

  @Test
  void aLoopBoundedByTheLengthOfTheArrayItFillsIsCounted() {
    double[] x = {0.4, -1.1, 2.3, 0.9};
    // s = Σ_i 0.5^(n−1−i) h_i², h_i = 2 sin x_i: ∂/∂x_i = 0.5^(n−1−i) · 8 sin x_i cos x_i.
    assertAllModes("filledByLength", LoopStrategies::filledByLength,
        LoopStrategiesGradient::filledByLengthJvp, LoopStrategiesGradient::filledByLengthGradient,
        LoopStrategiesGradient::filledByLengthValueAndGradient, v -> {
          double[] g = new double[v.length];
          for (int i = 0; i < v.length; i++) {
            g[i] = Math.pow(0.5, v.length - 1 - i) * 8 * Math.sin(v[i]) * Math.cos(v[i]);
          }
          return g;
        }, x);
    double[] v = {1.0, -0.5, 0.25, 2.0};
    assertHvpMatchesDifferences("filledByLength", LoopStrategiesGradient::filledByLengthGradient,
        LoopStrategiesGradient.filledByLengthHvp(x, v), x, v);
  }

  @Test
  void aRecurrenceIsTaped() {
    assertConsistent("recurrence", LoopStrategies::recurrence,
        LoopStrategiesGradient::recurrenceJvp, LoopStrategiesGradient::recurrenceGradient,
        LoopStrategiesGradient::recurrenceValueAndGradient, new double[] {0.4, -1.1, 2.3, 0.9});
  }

  /** H·v against the central difference of the gradient along v. */
  private static void assertHvpMatchesDifferences(String what, Numeric.Grad gradient,
      double[] hvp, double[] x, double[] v) {
    double h = 1e-5;
    double[] plus = x.clone();
    double[] minus = x.clone();
    for (int i = 0; i < x.length; i++) {
      plus[i] += h * v[i];
      minus[i] -= h * v[i];
    }
    double[] gp = gradient.at(plus);
    double[] gm = gradient.at(minus);
    double[] expected = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      expected[i] = (gp[i] - gm[i]) / (2 * h);
    }
    assertArrayClose(what + " fHvp", x, expected, hvp, 1e-7, 1e-8);
  }
}
