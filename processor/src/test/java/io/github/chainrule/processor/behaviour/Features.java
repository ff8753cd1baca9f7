package io.github.chainrule.processor.behaviour;

import io.github.chainrule.Differentiable;

/** Fixtures for the body language of the foundation scope, one construct (or mix) per method. */
final class Features {

  private Features() {}

  // Locals: declared, reassigned, compound-assigned, incremented.

  @Differentiable
  static double locals(double x, double y) {
    double a = x * y;
    double b = a + x;
    a = b * b;
    b -= y;
    a += b;
    a *= x;
    a /= y;
    return a;
  }

  @Differentiable
  static double incrementDecrement(double x) {
    double c = x * 2;
    c++;
    c++;
    c--;
    ++c;
    --c;
    return c * c;
  }

  /** Declared without an initialiser, assigned later. */
  @Differentiable
  static double lateInitialisation(double x) {
    double r;
    r = Math.sin(x);
    double s;
    s = r * x;
    return s + r;
  }

  // Overwritten values the reverse sweep needs.

  @Differentiable
  static double accumulator(double x) {
    double s = x;
    s = s * Math.sin(s) + x;
    s = s * Math.sin(s) + x;
    s = s * Math.sin(s) + x;
    s = s * Math.sin(s) + x;
    s = s * Math.sin(s) + x;
    return s;
  }

  @Differentiable
  static double overwrites(double x, double y) {
    double s = x * y;
    s = Math.exp(s) * y;
    s = s * s - x;
    s = Math.log(s * s + 1) * x;
    s = Math.sqrt(s * s + y * y);
    return s * x;
  }

  /** Two variables overwritten in turn, each reading the other's current value. */
  @Differentiable
  static double leapfrog(double x, double y) {
    double a = x;
    double b = y;
    a = a * b + Math.sin(b);
    b = b * a - Math.cos(a);
    a = a / (1 + b * b);
    b = Math.tanh(a * b);
    a = a * b + a;
    return a - b * x;
  }

  // Unary minus.

  @Differentiable
  static double negation(double x, double y) {
    return -x * -y + -(-x) - -(x * y) + -Math.sin(-x);
  }

  @Differentiable
  static double doubleNegation(double x) {
    double a = - -x;
    a = -a;
    return -(-(-a)) * a;
  }

  // The ternary operator.

  @Differentiable
  static double quadrants(double x, double y) {
    return x > 0 ? (y > 0 ? x * y : x - y) : (y > 0 ? -x * y : x * x + y);
  }

  @Differentiable
  static double ternaryChain(double x) {
    return x < -1 ? -x : x < 1 ? x * x : 2 * x - 1;
  }

  @Differentiable
  static double ternaryArguments(double x, double y, boolean c) {
    return Math.sin(x > y ? x * y : x + y) * Math.exp(c ? x : -x) + Math.max(x > 0 ? x : 0.0, y);
  }

  /** A ternary as an operand in the middle of arithmetic, and a conditional with int arms. */
  @Differentiable
  static double ternaryOperands(double x, double y, int n) {
    double s = x * (y > 1 ? y * y : 1 - y) + (n > 0 ? 2 : 3) * x;
    s = s * (s > 0 ? Math.sin(s) : s);
    return s;
  }

  // if/else.

  @Differentiable
  static double piecewise(double x) {
    if (x < -1) {
      return -x * x;
    } else if (x < 1) {
      return Math.sin(x);
    } else {
      return x * x * x;
    }
  }

  @Differentiable
  static double earlyReturns(double x, double y) {
    double s = x * y;
    if (s > 2) return s * s;
    s = s + Math.exp(x);
    if (y < 0) return s / y;
    return Math.log(s * s + 1);
  }

  @Differentiable
  static double branchAssignments(double x, double y) {
    double r;
    if (x > y) {
      r = x * x;
      double t = r * y;
      r = t * x + 1;
    } else {
      r = -x;
      r -= y * y;
    }
    if (r > 1) r *= x;
    return r * y;
  }

  /** A return in one arm of a nested if; the parameter is reassigned on the fall-through path. */
  @Differentiable
  static double nestedEarlyReturn(double x, double y) {
    if (x > 0) {
      if (y > 0) return x * y;
      x = x * 2;
    }
    return x + y * y;
  }

  // Parameters.

  @Differentiable
  static double reassignParameter(double x, double y) {
    x = 2 * x;
    x = x * x + y;
    return Math.sin(x);
  }

  @Differentiable(wrt = {"z", "x"})
  static double wrtSubset(double x, double y, double z) {
    return x * y * y + Math.sin(z) * y + x * z;
  }

  @Differentiable(wrt = "y")
  static double wrtExponentOnly(double x, double y) {
    return Math.pow(x, y);
  }

  @Differentiable(wrt = {"y"})
  static double wrtInactiveReassigned(double x, double y) {
    x = x * x;
    return x * y + Math.exp(x * y);
  }

  @Differentiable
  static double mixedParameters(double x, int n, long m, boolean flag) {
    double a = x * n + m / 2 * x;
    double b = flag ? a : -a;
    return b + n / 2 * x * x + (n > 2 ? x : 0);
  }

  @Differentiable
  static double intLocals(double x, int n) {
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
    double r = x * k + j * x * x;
    r += 0.5 * big * x;
    return r;
  }

  /** A boolean local computed from active values decides a branch; it is not differentiated. */
  @Differentiable
  static double booleanLocal(double x, double y) {
    boolean big = x * y > 1;
    boolean either = big || y < 0;
    return either ? x * y : x + y;
  }

  // Values that do not depend on an active parameter.

  @Differentiable
  static double ignoresFirst(double x, double y) {
    return y * y + 3;
  }

  @Differentiable
  static double cancels(double x, double y) {
    return x - x + y;
  }

  @Differentiable
  static double deadDependency(double x, double y) {
    double unused = Math.exp(x);
    double floored = Math.floor(x);
    return floored * y;
  }


  // Names that the generated code must keep apart from its own.

  @Differentiable
  static double clashingNames(double x) {
    double t0 = x * 2;
    double value = t0 * x;
    double x_dot = value + 1;
    double x_bar = x_dot * x;
    double result = x_bar * x;
    double gradient = result - x;
    return gradient + t0;
  }

  /** A user local named like the processor's early-return variable. */
  @Differentiable
  static double clashingWithEarlyReturn(double x) {
    double result = x * x;
    if (x > 1) return result;
    double value = result * x;
    return value * result;
  }
}
