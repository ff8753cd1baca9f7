package io.github.chainrule.processor.calls;

import static io.github.chainrule.processor.calls.CallsNumeric.assertArrayClose;
import static io.github.chainrule.processor.calls.CallsNumeric.assertArrayExact;
import static io.github.chainrule.processor.calls.CallsNumeric.assertBothModes;
import static io.github.chainrule.processor.calls.CallsNumeric.assertHessianMatchesGradientDifferences;
import static io.github.chainrule.processor.calls.CallsNumeric.p;
import static io.github.chainrule.processor.calls.CallsNumeric.slice;
import static io.github.chainrule.processor.calls.CallsNumeric.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.processor.calls.CallsNumeric.Fn;
import io.github.chainrule.processor.calls.CallsNumeric.Grad;
import io.github.chainrule.processor.calls.CallsNumeric.Hess;
import io.github.chainrule.processor.calls.CallsNumeric.Jvp;
import io.github.chainrule.processor.calls.other.Activations;
import io.github.chainrule.processor.calls.other.ActivationsGradient;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link TwoClassLoss#loss}: calls to helpers of two other classes (one in another package) and
 * of its own class, in expressions, loops and branches. Both modes against central differences
 * and each other, the Hessian against differences of the gradient, and the two entry points the
 * calls issue adds to every generated method: {@code fPullback} and {@code fPullbackJvp}.
 * Inputs are flattened as (x, y, w...).
 */
class TwoClassCallsTest {

  static final Fn F = v -> TwoClassLoss.loss(v[0], v[1], slice(v, 2, v.length));
  static final Jvp JVP = (v, d) -> TwoClassLossGradient.lossJvp(v[0], d[0], v[1], d[1],
      slice(v, 2, v.length), slice(d, 2, d.length));
  static final Grad GRAD = v -> TwoClassLossGradient.lossGradient(v[0], v[1],
      slice(v, 2, v.length));
  static final Hess HESSIAN = v -> TwoClassLossGradient.lossHessian(v[0], v[1],
      slice(v, 2, v.length));

  /** Points on both sides of the branch on {@code Shapes.h(x) > 0}, and w of several lengths. */
  static final double[][] POINTS = {
      p(0.7, -0.4, 0.3, -1.1, 0.9),
      p(-0.7, 0.4, 0.3, -1.1, 0.9),
      p(1.3, 0.8, -0.5),
      p(-0.2, -1.2, 0.6, 0.1, -0.4, 1.5, -0.9, 0.25),
  };

  @Test
  void branchPointsTakeBothSides() {
    assertTrue(Shapes.h(0.7) > 0 && Shapes.h(1.3) > 0);
    assertTrue(Shapes.h(-0.7) < 0 && Shapes.h(-0.2) < 0);
  }

  @Test
  void bothModesAgainstFiniteDifferencesAndEachOther() {
    for (double[] x : POINTS) {
      assertBothModes("loss", F, JVP, GRAD, x);
    }
  }

  @Test
  void valueAndGradientReturnsTheValueBitForBitAndTheGradient() {
    for (double[] x : POINTS) {
      double[] w = slice(x, 2, x.length);
      double[] g = new double[x.length];
      double value = TwoClassLossGradient.lossValueAndGradient(x[0], x[1], w, g);
      assertEquals(Double.doubleToRawLongBits(TwoClassLoss.loss(x[0], x[1], w)),
          Double.doubleToRawLongBits(value));
      assertArrayClose("lossValueAndGradient vs lossGradient", x, GRAD.at(x), g, 0, 0);
    }
  }

  @Test
  void hessianAgainstDifferencesOfTheGradientAndSymmetric() {
    for (double[] x : POINTS) {
      assertHessianMatchesGradientDifferences("loss", GRAD, HESSIAN, x);
    }
  }

  @Test
  void hvpIsTheHessianTimesV() {
    Random random = new Random(3);
    for (double[] x : POINTS) {
      double[] v = random.doubles(x.length, -1, 1).toArray();
      double[] hv = TwoClassLossGradient.lossHvp(x[0], x[1], slice(x, 2, x.length), v.clone());
      assertArrayClose("lossHvp vs lossHessian·v", x, times(HESSIAN.at(x), v), hv, 1e-12,
          1e-13);
    }
  }

  @Test
  void pullbackScalesByTheSeedOverwritesTheFirstNAndLeavesTheRest() {
    for (double[] x : POINTS) {
      double[] w = slice(x, 2, x.length);
      double seed = -2.5;
      double[] g = new double[x.length + 2];
      Arrays.fill(g, 7.0);
      double value = TwoClassLossGradient.lossPullback(x[0], x[1], w, seed, g);
      assertEquals(Double.doubleToRawLongBits(TwoClassLoss.loss(x[0], x[1], w)),
          Double.doubleToRawLongBits(value));
      double[] expected = Arrays.stream(GRAD.at(x)).map(v -> seed * v).toArray();
      assertArrayClose("lossPullback", x, expected, slice(g, 0, x.length), 1e-14, 1e-15);
      assertEquals(7.0, g[x.length]);
      assertEquals(7.0, g[x.length + 1]);
    }
  }

  @Test
  void pullbackJvpIsSeedTimesHessianTimesDPlusSeedDotTimesGradient() {
    Random random = new Random(11);
    for (double[] x : POINTS) {
      double[] w = slice(x, 2, x.length);
      double[] d = random.doubles(x.length, -1, 1).toArray();
      double seed = 1.5;
      double seedDot = 0.25;
      double[] g = new double[x.length];
      double[] gDot = new double[x.length];
      Arrays.fill(g, Double.NaN);
      Arrays.fill(gDot, Double.NaN);
      TwoClassLossGradient.lossPullbackJvp(x[0], d[0], x[1], d[1], w, slice(d, 2, d.length),
          seed, seedDot, g, gDot);
      double[] gradient = GRAD.at(x);
      double[] hd = times(HESSIAN.at(x), d);
      double[] expectedG = new double[x.length];
      double[] expectedGDot = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        expectedG[i] = seed * gradient[i];
        expectedGDot[i] = seed * hd[i] + seedDot * gradient[i];
      }
      assertArrayClose("lossPullbackJvp gradient", x, expectedG, g, 1e-13, 1e-14);
      assertArrayClose("lossPullbackJvp gradient_dot", x, expectedGDot, gDot, 1e-11, 1e-12);
    }
  }

  @Test
  void calleesKeepTheirOwnDerivatives() {
    double[] a = p(0.5, -1.5, 2.0);
    double[] b = p(1.25, 0.75, -0.5);
    assertArrayExact("Shapes.dot gradient", a, CallsNumeric.concat(b, a),
        ShapesGradient.dotGradient(a, b));
    for (double x : p(-1.3, 0.0, 0.8)) {
      assertArrayExact("Activations.smooth gradient", p(x),
          p(Math.pow(1 + x * x, -1.5)), ActivationsGradient.smoothGradient(x));
      // bump's wrt is x only: n = 1.
      double mu = 0.3;
      assertArrayExact("Shapes.bump gradient", p(x),
          p(-2 * (x - mu) * Shapes.bump(x, mu)), ShapesGradient.bumpGradient(x, mu));
      assertEquals(1, ShapesGradient.bumpHessian(x, mu).length);
    }
    assertEquals(Activations.mix(0.4, 0.9, 3), 0.9 * Math.sin(0.4));
  }

  /** The entry points callers use, with the signatures the issue gives, for every method. */
  @Test
  void everyGeneratedClassHasPullbackAndPullbackJvp() throws Exception {
    Method pullback = ShapesGradient.class.getDeclaredMethod("sqPullback", double.class,
        double.class, double[].class);
    assertEquals(double.class, pullback.getReturnType());
    Method pullbackJvp = ShapesGradient.class.getDeclaredMethod("sqPullbackJvp", double.class,
        double.class, double.class, double.class, double[].class, double[].class);
    assertEquals(void.class, pullbackJvp.getReturnType());
    Method arrays = ShapesGradient.class.getDeclaredMethod("dotPullbackJvp", double[].class,
        double[].class, double[].class, double[].class, double.class, double.class,
        double[].class, double[].class);
    assertEquals(void.class, arrays.getReturnType());
    // Inactive parameters appear once, active ones with their tangent.
    ShapesGradient.class.getDeclaredMethod("bumpPullback", double.class, double.class,
        double.class, double[].class);
    ShapesGradient.class.getDeclaredMethod("bumpPullbackJvp", double.class, double.class,
        double.class, double.class, double.class, double[].class, double[].class);
    // Public methods get public entry points: callers in other packages use them.
    for (String name : new String[] {"smoothJvp", "smoothPullback", "smoothPullbackJvp"}) {
      Method m = Arrays.stream(ActivationsGradient.class.getDeclaredMethods())
          .filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
      assertTrue(Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()),
          m + " is public static");
    }
  }

  @Test
  void pullbackChecksItsGradientArgument() {
    double[] w = p(0.3, -1.1, 0.9);
    IllegalArgumentException shortArray = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> TwoClassLossGradient.lossPullback(0.7, -0.4, w, 1.0, new double[4]));
    assertTrue(shortArray.getMessage().contains("gradient"), shortArray.getMessage());
    NullPointerException nullArray = org.junit.jupiter.api.Assertions.assertThrows(
        NullPointerException.class,
        () -> TwoClassLossGradient.lossPullback(0.7, -0.4, w, 1.0, null));
    assertTrue(nullArray.getMessage().contains("gradient"), nullArray.getMessage());
  }
}
