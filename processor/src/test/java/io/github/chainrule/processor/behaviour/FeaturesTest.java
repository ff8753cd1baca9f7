package io.github.chainrule.processor.behaviour;

import static io.github.chainrule.processor.behaviour.Numeric.assertAllModes;
import static io.github.chainrule.processor.behaviour.Numeric.assertConsistent;
import static io.github.chainrule.processor.behaviour.Numeric.assertExact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.processor.behaviour.Numeric.Fn;
import io.github.chainrule.processor.behaviour.Numeric.Grad;
import io.github.chainrule.processor.behaviour.Numeric.Jvp;
import io.github.chainrule.processor.behaviour.Numeric.Vag;
import org.junit.jupiter.api.Test;

/**
 * The body language of the foundation scope: each fixture of {@link Features} in both modes, at
 * points that take every branch, against an independent expectation (a closed form, or the
 * test's own dual-number re-run of the computation) and central differences.
 */
class FeaturesTest {

  /** A computation re-run on dual numbers by the test. */
  @FunctionalInterface
  interface DualFn {
    Dual at(Dual[] x);
  }

  /** The gradient of a dual-number computation: one forward run per input. */
  static Grad dual(DualFn f) {
    return x -> {
      double[] g = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        Dual[] in = new Dual[x.length];
        for (int j = 0; j < x.length; j++) {
          in[j] = Dual.seeded(x[j], i == j);
        }
        g[i] = f.at(in).d();
      }
      return g;
    };
  }

  static void check(String name, Fn f, Jvp jvp, Grad grad, Vag vag, Grad exact,
      double[]... points) {
    for (double[] x : points) {
      assertAllModes(name, f, jvp, grad, vag, exact, x);
    }
  }

  static double[] p(double... x) {
    return x;
  }

  // Locals.

  @Test
  void localsDeclaredReassignedAndCompoundAssigned() {
    check("locals", x -> Features.locals(x[0], x[1]),
        (x, d) -> FeaturesGradient.localsJvp(x[0], d[0], x[1], d[1]),
        x -> FeaturesGradient.localsGradient(x[0], x[1]),
        (x, g) -> FeaturesGradient.localsValueAndGradient(x[0], x[1], g),
        x -> {
          double a = x[0];
          double b = x[1];
          double big = a * b + a;
          double pp = big * big + big - b;
          return new double[] {
              (pp + a * (2 * big * (b + 1) + b + 1)) / b,
              a * (2 * big * a + a - 1) / b - a * pp / (b * b)};
        },
        p(0.5, 1.5), p(-1.2, 0.7), p(2.0, -3.0));
  }

  @Test
  void incrementAndDecrementOfDoubleLocals() {
    check("++/--", x -> Features.incrementDecrement(x[0]),
        (x, d) -> FeaturesGradient.incrementDecrementJvp(x[0], d[0]),
        x -> FeaturesGradient.incrementDecrementGradient(x[0]),
        (x, g) -> FeaturesGradient.incrementDecrementValueAndGradient(x[0], g),
        x -> new double[] {4 * (2 * x[0] + 1)},
        p(-2.0), p(0.0), p(0.3), p(5.0));
    assertEquals(36.0, Features.incrementDecrement(2.5), "fixture sanity: (2x + 1)² at 2.5");
  }

  @Test
  void localDeclaredWithoutInitialiser() {
    check("late initialisation", x -> Features.lateInitialisation(x[0]),
        (x, d) -> FeaturesGradient.lateInitialisationJvp(x[0], d[0]),
        x -> FeaturesGradient.lateInitialisationGradient(x[0]),
        (x, g) -> FeaturesGradient.lateInitialisationValueAndGradient(x[0], g),
        x -> new double[] {Math.sin(x[0]) + x[0] * Math.cos(x[0]) + Math.cos(x[0])},
        p(-1.0), p(0.0), p(2.0));
  }

  // Overwritten values.

  /** s ← s·sin(s) + x five times: the reverse sweep needs every overwritten s. */
  @Test
  void accumulatorOverwrittenFiveTimes() {
    Grad recurrence = x -> {
      double s = x[0];
      double ds = 1;
      for (int i = 0; i < 5; i++) {
        double next = s * Math.sin(s) + x[0];
        ds = ds * Math.sin(s) + s * Math.cos(s) * ds + 1;
        s = next;
      }
      return new double[] {ds};
    };
    check("accumulator", x -> Features.accumulator(x[0]),
        (x, d) -> FeaturesGradient.accumulatorJvp(x[0], d[0]),
        x -> FeaturesGradient.accumulatorGradient(x[0]),
        (x, g) -> FeaturesGradient.accumulatorValueAndGradient(x[0], g),
        recurrence, p(-1.2), p(0.4), p(1.0), p(2.1), p(3.0));
  }

  @Test
  void chainOfOverwrites() {
    check("overwrites", x -> Features.overwrites(x[0], x[1]),
        (x, d) -> FeaturesGradient.overwritesJvp(x[0], d[0], x[1], d[1]),
        x -> FeaturesGradient.overwritesGradient(x[0], x[1]),
        (x, g) -> FeaturesGradient.overwritesValueAndGradient(x[0], x[1], g),
        dual(v -> {
          Dual x = v[0];
          Dual y = v[1];
          Dual s = x.times(y);
          s = s.exp().times(y);
          s = s.times(s).minus(x);
          s = s.times(s).plus(1).log().times(x);
          s = s.times(s).plus(y.times(y)).sqrt();
          return s.times(x);
        }),
        p(0.3, 0.8), p(-0.5, 1.1), p(1.2, -0.4));
  }

  @Test
  void twoVariablesOverwrittenInTurn() {
    check("leapfrog", x -> Features.leapfrog(x[0], x[1]),
        (x, d) -> FeaturesGradient.leapfrogJvp(x[0], d[0], x[1], d[1]),
        x -> FeaturesGradient.leapfrogGradient(x[0], x[1]),
        (x, g) -> FeaturesGradient.leapfrogValueAndGradient(x[0], x[1], g),
        dual(v -> {
          Dual x = v[0];
          Dual y = v[1];
          Dual a = x;
          Dual b = y;
          a = a.times(b).plus(b.sin());
          b = b.times(a).minus(a.cos());
          a = a.over(b.times(b).plus(1));
          b = a.times(b).tanh();
          a = a.times(b).plus(a);
          return a.minus(b.times(x));
        }),
        p(0.3, 0.8), p(-0.5, 1.1), p(1.2, -0.4), p(2.0, 2.0));
  }

  // Unary minus.

  @Test
  void unaryMinus() {
    check("negation", x -> Features.negation(x[0], x[1]),
        (x, d) -> FeaturesGradient.negationJvp(x[0], d[0], x[1], d[1]),
        x -> FeaturesGradient.negationGradient(x[0], x[1]),
        (x, g) -> FeaturesGradient.negationValueAndGradient(x[0], x[1], g),
        x -> new double[] {2 * x[1] + 1 + Math.cos(x[0]), 2 * x[0]},
        p(0.5, 1.5), p(-2.0, 0.25), p(0.0, 0.0));
    check("- -x", x -> Features.doubleNegation(x[0]),
        (x, d) -> FeaturesGradient.doubleNegationJvp(x[0], d[0]),
        x -> FeaturesGradient.doubleNegationGradient(x[0]),
        (x, g) -> FeaturesGradient.doubleNegationValueAndGradient(x[0], g),
        x -> new double[] {-2 * x[0]},
        p(-1.5), p(0.0), p(3.0));
  }

  // Ternaries.

  @Test
  void nestedTernariesInEveryQuadrant() {
    check("quadrants", x -> Features.quadrants(x[0], x[1]),
        (x, d) -> FeaturesGradient.quadrantsJvp(x[0], d[0], x[1], d[1]),
        x -> FeaturesGradient.quadrantsGradient(x[0], x[1]),
        (x, g) -> FeaturesGradient.quadrantsValueAndGradient(x[0], x[1], g),
        x -> {
          double a = x[0];
          double b = x[1];
          if (a > 0) {
            return b > 0 ? new double[] {b, a} : new double[] {1, -1};
          }
          return b > 0 ? new double[] {-b, -a} : new double[] {2 * a, 1};
        },
        p(1.5, 2.0), p(1.5, -2.0), p(-1.5, 2.0), p(-1.5, -2.0), p(0.7, -0.3), p(-0.2, 0.9));
  }

  @Test
  void ternaryChainWithoutParentheses() {
    check("x < -1 ? -x : x < 1 ? x * x : 2 * x - 1", x -> Features.ternaryChain(x[0]),
        (x, d) -> FeaturesGradient.ternaryChainJvp(x[0], d[0]),
        x -> FeaturesGradient.ternaryChainGradient(x[0]),
        (x, g) -> FeaturesGradient.ternaryChainValueAndGradient(x[0], g),
        x -> new double[] {x[0] < -1 ? -1 : x[0] < 1 ? 2 * x[0] : 2},
        p(-3.0), p(-0.5), p(0.25), p(4.0));
  }

  @Test
  void ternariesInsideMathCalls() {
    for (boolean c : new boolean[] {true, false}) {
      check("ternary arguments, c = " + c, x -> Features.ternaryArguments(x[0], x[1], c),
          (x, d) -> FeaturesGradient.ternaryArgumentsJvp(x[0], d[0], x[1], d[1], c),
          x -> FeaturesGradient.ternaryArgumentsGradient(x[0], x[1], c),
          (x, g) -> FeaturesGradient.ternaryArgumentsValueAndGradient(x[0], x[1], c, g),
          dual(v -> {
            Dual x = v[0];
            Dual y = v[1];
            Dual inner = x.v() > y.v() ? x.times(y) : x.plus(y);
            Dual e = (c ? x : x.negate()).exp();
            Dual m = (x.v() > 0 ? x : Dual.constant(0.0)).max(y);
            return inner.sin().times(e).plus(m);
          }),
          p(1.5, 0.5), p(0.5, 1.5), p(-0.5, -1.5), p(-1.5, -0.5), p(0.3, -2.0));
    }
  }

  @Test
  void ternariesAsOperandsWithIntArms() {
    for (int n : new int[] {-1, 4}) {
      check("ternary operands, n = " + n, x -> Features.ternaryOperands(x[0], x[1], n),
          (x, d) -> FeaturesGradient.ternaryOperandsJvp(x[0], d[0], x[1], d[1], n),
          x -> FeaturesGradient.ternaryOperandsGradient(x[0], x[1], n),
          (x, g) -> FeaturesGradient.ternaryOperandsValueAndGradient(x[0], x[1], n, g),
          dual(v -> {
            Dual x = v[0];
            Dual y = v[1];
            Dual factor = y.v() > 1 ? y.times(y) : Dual.constant(1).minus(y);
            Dual s = x.times(factor).plus(x.times(n > 0 ? 2 : 3));
            return s.times(s.v() > 0 ? s.sin() : s);
          }),
          p(0.5, 1.5), p(0.5, 0.2), p(-0.7, 2.0), p(-0.7, -0.4));
    }
  }

  // if/else and returns.

  @Test
  void ifElseChainWithReturnsInEveryBranch() {
    check("piecewise", x -> Features.piecewise(x[0]),
        (x, d) -> FeaturesGradient.piecewiseJvp(x[0], d[0]),
        x -> FeaturesGradient.piecewiseGradient(x[0]),
        (x, g) -> FeaturesGradient.piecewiseValueAndGradient(x[0], g),
        x -> new double[] {x[0] < -1 ? -2 * x[0] : x[0] < 1 ? Math.cos(x[0]) : 3 * x[0] * x[0]},
        p(-2.5), p(-0.5), p(0.0), p(0.9), p(1.5));
  }

  @Test
  void earlyReturnsThenRestOfTheBody() {
    check("early returns", x -> Features.earlyReturns(x[0], x[1]),
        (x, d) -> FeaturesGradient.earlyReturnsJvp(x[0], d[0], x[1], d[1]),
        x -> FeaturesGradient.earlyReturnsGradient(x[0], x[1]),
        (x, g) -> FeaturesGradient.earlyReturnsValueAndGradient(x[0], x[1], g),
        dual(v -> {
          Dual x = v[0];
          Dual y = v[1];
          Dual s = x.times(y);
          if (s.v() > 2) {
            return s.times(s);
          }
          s = s.plus(x.exp());
          if (y.v() < 0) {
            return s.over(y);
          }
          return s.times(s).plus(1).log();
        }),
        p(2.0, 3.0), p(0.5, 0.5), p(0.5, -1.0), p(-0.3, 0.2), p(-3.0, -1.0));
  }

  @Test
  void branchesAssigningLocals() {
    check("branch assignments", x -> Features.branchAssignments(x[0], x[1]),
        (x, d) -> FeaturesGradient.branchAssignmentsJvp(x[0], d[0], x[1], d[1]),
        x -> FeaturesGradient.branchAssignmentsGradient(x[0], x[1]),
        (x, g) -> FeaturesGradient.branchAssignmentsValueAndGradient(x[0], x[1], g),
        dual(v -> {
          Dual x = v[0];
          Dual y = v[1];
          Dual r;
          if (x.v() > y.v()) {
            r = x.times(x);
            Dual t = r.times(y);
            r = t.times(x).plus(1);
          } else {
            r = x.negate();
            r = r.minus(y.times(y));
          }
          if (r.v() > 1) {
            r = r.times(x);
          }
          return r.times(y);
        }),
        p(2.0, 0.5), p(0.5, 0.25), p(-0.5, 1.0), p(-2.0, -0.5), p(0.1, -0.3));
  }

  @Test
  void nestedIfWithReturnInOneArm() {
    check("nested early return", x -> Features.nestedEarlyReturn(x[0], x[1]),
        (x, d) -> FeaturesGradient.nestedEarlyReturnJvp(x[0], d[0], x[1], d[1]),
        x -> FeaturesGradient.nestedEarlyReturnGradient(x[0], x[1]),
        (x, g) -> FeaturesGradient.nestedEarlyReturnValueAndGradient(x[0], x[1], g),
        x -> {
          if (x[0] > 0) {
            return x[1] > 0 ? new double[] {x[1], x[0]} : new double[] {2, 2 * x[1]};
          }
          return new double[] {1, 2 * x[1]};
        },
        p(1.5, 2.0), p(1.5, -2.0), p(-1.5, 2.0), p(-1.5, -2.0));
  }

  // Parameters.

  @Test
  void parameterReassignedInTheBody() {
    check("x = 2 * x", x -> Features.reassignParameter(x[0], x[1]),
        (x, d) -> FeaturesGradient.reassignParameterJvp(x[0], d[0], x[1], d[1]),
        x -> FeaturesGradient.reassignParameterGradient(x[0], x[1]),
        (x, g) -> FeaturesGradient.reassignParameterValueAndGradient(x[0], x[1], g),
        x -> {
          double v = 4 * x[0] * x[0] + x[1];
          return new double[] {8 * x[0] * Math.cos(v), Math.cos(v)};
        },
        p(0.7, 0.3), p(-1.1, 2.0), p(0.0, -0.5));
  }

  /** wrt = {"z", "x"} on (x, y, z): tangents after x and z, gradient in declaration order. */
  @Test
  void wrtSubsetInAnotherOrderFollowsDeclarationOrder() {
    double y = 1.75;
    check("wrt {z, x}", x -> Features.wrtSubset(x[0], y, x[1]),
        (x, d) -> FeaturesGradient.wrtSubsetJvp(x[0], d[0], y, x[1], d[1]),
        x -> FeaturesGradient.wrtSubsetGradient(x[0], y, x[1]),
        (x, g) -> FeaturesGradient.wrtSubsetValueAndGradient(x[0], y, x[1], g),
        x -> new double[] {y * y + x[1], y * Math.cos(x[1]) + x[0]},
        p(0.5, 2.0), p(-1.0, -0.3));
    double x = 0.5;
    double z = 2.0;
    double dfdx = y * y + z;
    double dfdz = y * Math.cos(z) + x;
    assertNotEquals(dfdx, dfdz, "the test needs distinguishable partials");
    double[] g = FeaturesGradient.wrtSubsetGradient(x, y, z);
    assertEquals(2, g.length, "one entry per active parameter");
    assertExact("∂/∂x first", new double[] {x, y, z}, dfdx, g[0]);
    assertExact("∂/∂z second", new double[] {x, y, z}, dfdz, g[1]);
    assertExact("tangent of x", new double[] {x, y, z}, dfdx,
        FeaturesGradient.wrtSubsetJvp(x, 1, y, z, 0));
    assertExact("tangent of z", new double[] {x, y, z}, dfdz,
        FeaturesGradient.wrtSubsetJvp(x, 0, y, z, 1));
  }

  @Test
  void wrtExponentOnly() {
    for (double x : new double[] {0.5, 2.0, 7.5}) {
      check("pow wrt y, x = " + x, v -> Features.wrtExponentOnly(x, v[0]),
          (v, d) -> FeaturesGradient.wrtExponentOnlyJvp(x, v[0], d[0]),
          v -> FeaturesGradient.wrtExponentOnlyGradient(x, v[0]),
          (v, g) -> FeaturesGradient.wrtExponentOnlyValueAndGradient(x, v[0], g),
          v -> new double[] {Math.pow(x, v[0]) * Math.log(x)},
          p(-1.5), p(0.0), p(2.25));
    }
  }

  @Test
  void inactiveDoubleParameterReassigned() {
    for (double x : new double[] {-1.5, 0.5}) {
      check("wrt y, x reassigned, x = " + x, v -> Features.wrtInactiveReassigned(x, v[0]),
          (v, d) -> FeaturesGradient.wrtInactiveReassignedJvp(x, v[0], d[0]),
          v -> FeaturesGradient.wrtInactiveReassignedGradient(x, v[0]),
          (v, g) -> FeaturesGradient.wrtInactiveReassignedValueAndGradient(x, v[0], g),
          v -> new double[] {x * x + x * x * Math.exp(x * x * v[0])},
          p(-0.5), p(0.3));
    }
  }

  /** int, long and boolean parameters in arithmetic and conditions, with Java's integer division. */
  @Test
  void intLongAndBooleanParameters() {
    int[] ns = {5, 7, -3, 2, 0};
    long[] ms = {11L, -7L};
    for (int n : ns) {
      for (long m : ms) {
        for (boolean flag : new boolean[] {true, false}) {
          double sign = flag ? 1 : -1;
          check("mixed parameters n=" + n + " m=" + m + " flag=" + flag,
              x -> Features.mixedParameters(x[0], n, m, flag),
              (x, d) -> FeaturesGradient.mixedParametersJvp(x[0], d[0], n, m, flag),
              x -> FeaturesGradient.mixedParametersGradient(x[0], n, m, flag),
              (x, g) -> FeaturesGradient.mixedParametersValueAndGradient(x[0], n, m, flag, g),
              x -> new double[] {sign * (n + m / 2) + 2 * (n / 2) * x[0] + (n > 2 ? 1 : 0)},
              p(-1.25), p(0.5), p(3.0));
        }
      }
    }
    // Truncating division: for n = -3, n / 2 is -1, not -1.5 or -2.
    assertExact("n = -3, m = -7", new double[] {1.0},
        -(-3 + -3) + 2 * -1 * 1.0, FeaturesGradient.mixedParametersJvp(1.0, 1.0, -3, -7L, false));
  }

  @Test
  void intLocalsIncrementedAndCompoundAssigned() {
    for (int n : new int[] {-5, 0, 1, 7, 100}) {
      int k = n / 2;
      k++;
      k += 3;
      k *= 2;
      k--;
      k -= 1;
      k /= 2;
      k += 0.7;
      int j = k % 3;
      long big = k * 2L;
      double kk = k;
      check("int locals n=" + n, x -> Features.intLocals(x[0], n),
          (x, d) -> FeaturesGradient.intLocalsJvp(x[0], d[0], n),
          x -> FeaturesGradient.intLocalsGradient(x[0], n),
          (x, g) -> FeaturesGradient.intLocalsValueAndGradient(x[0], n, g),
          x -> new double[] {kk + 2 * j * x[0] + 0.5 * big},
          p(-1.3), p(0.0), p(2.5));
    }
  }

  @Test
  void booleanLocalFromActiveValues() {
    check("boolean local", x -> Features.booleanLocal(x[0], x[1]),
        (x, d) -> FeaturesGradient.booleanLocalJvp(x[0], d[0], x[1], d[1]),
        x -> FeaturesGradient.booleanLocalGradient(x[0], x[1]),
        (x, g) -> FeaturesGradient.booleanLocalValueAndGradient(x[0], x[1], g),
        x -> x[0] * x[1] > 1 || x[1] < 0 ? new double[] {x[1], x[0]} : new double[] {1, 1},
        p(2.0, 3.0), p(0.5, 0.5), p(0.5, -1.0));
  }

  // Independence: exactly zero.

  @Test
  void gradientEntryOfAnUnusedParameterIsExactlyZero() {
    for (double[] x : new double[][] {{1.5, -2.0}, {-0.25, 3.0}}) {
      double[] g = FeaturesGradient.ignoresFirstGradient(x[0], x[1]);
      assertZero("∂/∂x of y·y + 3", g[0]);
      assertExact("∂/∂y of y·y + 3", x, 2 * x[1], g[1]);
      assertZero("y·y + 3 along x", FeaturesGradient.ignoresFirstJvp(x[0], 1.0, x[1], 0.0));
      assertExact("jvp", x, 2 * x[1] * 0.5, FeaturesGradient.ignoresFirstJvp(x[0], 7.0, x[1], 0.5));

      double[] c = FeaturesGradient.cancelsGradient(x[0], x[1]);
      assertZero("∂/∂x of x - x + y", c[0]);
      assertEquals(1.0, c[1], "∂/∂y of x - x + y");
      assertZero("x - x + y along x", FeaturesGradient.cancelsJvp(x[0], 1.0, x[1], 0.0));

      double[] dead = FeaturesGradient.deadDependencyGradient(x[0], x[1]);
      assertZero("∂/∂x of floor(x)·y", dead[0]);
      assertEquals(Math.floor(x[0]), dead[1], "∂/∂y of floor(x)·y");
      assertZero("floor(x)·y along x", FeaturesGradient.deadDependencyJvp(x[0], 1.0, x[1], 0.0));
    }
  }

  /** Exactly zero (either sign), not merely small. */
  static void assertZero(String what, double v) {
    assertTrue(v == 0.0, () -> what + ": expected exactly 0 but was " + v);
  }

  // Generated names never capture the user's.

  @Test
  void localsNamedLikeGeneratedVariables() {
    check("locals named t0, value, x_dot, x_bar, result, gradient",
        x -> Features.clashingNames(x[0]),
        (x, d) -> FeaturesGradient.clashingNamesJvp(x[0], d[0]),
        x -> FeaturesGradient.clashingNamesGradient(x[0]),
        (x, g) -> FeaturesGradient.clashingNamesValueAndGradient(x[0], g),
        x -> new double[] {8 * x[0] * x[0] * x[0] + 2 * x[0] + 1},
        p(-1.0), p(0.5), p(1.5));
    check("local named result with an early return",
        x -> Features.clashingWithEarlyReturn(x[0]),
        (x, d) -> FeaturesGradient.clashingWithEarlyReturnJvp(x[0], d[0]),
        x -> FeaturesGradient.clashingWithEarlyReturnGradient(x[0]),
        (x, g) -> FeaturesGradient.clashingWithEarlyReturnValueAndGradient(x[0], g),
        x -> new double[] {x[0] > 1 ? 2 * x[0] : 5 * Math.pow(x[0], 4)},
        p(-1.0), p(0.5), p(1.5));
  }

  /** Extra consistency at many points for the fixtures with the most reverse-sweep state. */
  @Test
  void reverseSweepStateAtManyPoints() {
    java.util.Random random = new java.util.Random(2024);
    for (int i = 0; i < 50; i++) {
      double[] x = {3 * random.nextDouble() - 1.5, 3 * random.nextDouble() - 1.5};
      assertConsistent("leapfrog", v -> Features.leapfrog(v[0], v[1]),
          (v, d) -> FeaturesGradient.leapfrogJvp(v[0], d[0], v[1], d[1]),
          v -> FeaturesGradient.leapfrogGradient(v[0], v[1]),
          (v, g) -> FeaturesGradient.leapfrogValueAndGradient(v[0], v[1], g), x);
      assertConsistent("branch assignments", v -> Features.branchAssignments(v[0], v[1]),
          (v, d) -> FeaturesGradient.branchAssignmentsJvp(v[0], d[0], v[1], d[1]),
          v -> FeaturesGradient.branchAssignmentsGradient(v[0], v[1]),
          (v, g) -> FeaturesGradient.branchAssignmentsValueAndGradient(v[0], v[1], g), x);
    }
  }
}
