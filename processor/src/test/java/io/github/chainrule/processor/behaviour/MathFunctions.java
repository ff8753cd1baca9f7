package io.github.chainrule.processor.behaviour;

import io.github.chainrule.Differentiable;

/**
 * One fixture per supported {@code Math}/{@code StrictMath} function (the primitive table of the
 * behaviour tests): the plain call on active arguments, one-active variants with a constant
 * argument, {@code StrictMath} variants and composite arguments that make the generated code keep
 * intermediate temporaries.
 */
final class MathFunctions {

  private MathFunctions() {}

  // Trigonometric.

  @Differentiable
  static double sin(double x) {
    return Math.sin(x);
  }

  @Differentiable
  static double cos(double x) {
    return Math.cos(x);
  }

  @Differentiable
  static double tan(double x) {
    return Math.tan(x);
  }

  @Differentiable
  static double asin(double x) {
    return Math.asin(x);
  }

  @Differentiable
  static double acos(double x) {
    return Math.acos(x);
  }

  @Differentiable
  static double atan(double x) {
    return Math.atan(x);
  }

  /** atan2(y, x): the first argument is the ordinate. */
  @Differentiable
  static double atan2(double y, double x) {
    return Math.atan2(y, x);
  }

  @Differentiable
  static double atan2ConstantAbscissa(double y) {
    return Math.atan2(y, 0.75);
  }

  @Differentiable
  static double atan2ConstantOrdinate(double x) {
    return Math.atan2(-1.25, x);
  }

  @Differentiable
  static double toRadians(double x) {
    return Math.toRadians(x);
  }

  @Differentiable
  static double toDegrees(double x) {
    return Math.toDegrees(x);
  }

  // Hyperbolic.

  @Differentiable
  static double sinh(double x) {
    return Math.sinh(x);
  }

  @Differentiable
  static double cosh(double x) {
    return Math.cosh(x);
  }

  @Differentiable
  static double tanh(double x) {
    return Math.tanh(x);
  }

  // Exponential and logarithmic.

  @Differentiable
  static double exp(double x) {
    return Math.exp(x);
  }

  @Differentiable
  static double expm1(double x) {
    return Math.expm1(x);
  }

  @Differentiable
  static double log(double x) {
    return Math.log(x);
  }

  @Differentiable
  static double log10(double x) {
    return Math.log10(x);
  }

  @Differentiable
  static double log1p(double x) {
    return Math.log1p(x);
  }

  // Powers and roots.

  @Differentiable
  static double sqrt(double x) {
    return Math.sqrt(x);
  }

  @Differentiable
  static double cbrt(double x) {
    return Math.cbrt(x);
  }

  @Differentiable
  static double powCube(double x) {
    return Math.pow(x, 3);
  }

  @Differentiable
  static double powSquare(double x) {
    return Math.pow(x, 2);
  }

  @Differentiable
  static double powSquareDouble(double x) {
    return Math.pow(x, 2.0);
  }

  @Differentiable
  static double powHalf(double x) {
    return Math.pow(x, 0.5);
  }

  @Differentiable
  static double powMinusThreeHalves(double x) {
    return Math.pow(x, -1.5);
  }

  /** Both base and exponent active. */
  @Differentiable
  static double pow(double x, double y) {
    return Math.pow(x, y);
  }

  /** Only the exponent active. */
  @Differentiable
  static double powConstantBase(double y) {
    return Math.pow(2.5, y);
  }

  @Differentiable
  static double hypot(double x, double y) {
    return Math.hypot(x, y);
  }

  @Differentiable
  static double hypotConstantSecond(double x) {
    return Math.hypot(x, 1.5);
  }

  @Differentiable
  static double hypotConstantFirst(double y) {
    return Math.hypot(-2.0, y);
  }

  @Differentiable
  static double fma(double a, double b, double c) {
    return Math.fma(a, b, c);
  }

  @Differentiable
  static double fmaConstantMiddle(double a, double c) {
    return Math.fma(a, 2.5, c);
  }

  /** The same variable in two argument slots: both partials must be summed. */
  @Differentiable
  static double fmaSquare(double a) {
    return Math.fma(a, a, 1.0);
  }

  // Piecewise linear.

  @Differentiable
  static double abs(double x) {
    return Math.abs(x);
  }

  /** A kink inside an expression: at x == y the convention gives ∂x = +1, ∂y = −1. */
  @Differentiable
  static double absDifference(double x, double y) {
    return Math.abs(x - y);
  }

  @Differentiable
  static double max(double x, double y) {
    return Math.max(x, y);
  }

  @Differentiable
  static double min(double x, double y) {
    return Math.min(x, y);
  }

  @Differentiable
  static double maxConstantSecond(double x) {
    return Math.max(x, 0.5);
  }

  @Differentiable
  static double minConstantFirst(double x) {
    return Math.min(0.5, x);
  }

  // Zero derivative wherever the derivative exists.

  @Differentiable
  static double signum(double x) {
    return Math.signum(x);
  }

  @Differentiable
  static double floor(double x) {
    return Math.floor(x);
  }

  @Differentiable
  static double ceil(double x) {
    return Math.ceil(x);
  }

  @Differentiable
  static double rint(double x) {
    return Math.rint(x);
  }

  /** A zero-derivative factor next to an active one: d/dx = floor(x). */
  @Differentiable
  static double timesFloor(double x) {
    return x * Math.floor(x);
  }

  /** d/dx = ceil(x) + signum(x), both treated as constants. */
  @Differentiable
  static double timesCeilPlusSignum(double x) {
    return x * (Math.ceil(x) + Math.signum(x)) + Math.rint(x);
  }

  // StrictMath variants.

  @Differentiable
  static double strictSin(double x) {
    return StrictMath.sin(x);
  }

  @Differentiable
  static double strictTan(double x) {
    return StrictMath.tan(x);
  }

  @Differentiable
  static double strictExp(double x) {
    return StrictMath.exp(x);
  }

  @Differentiable
  static double strictLog(double x) {
    return StrictMath.log(x);
  }

  @Differentiable
  static double strictCbrt(double x) {
    return StrictMath.cbrt(x);
  }

  @Differentiable
  static double strictPow(double x, double y) {
    return StrictMath.pow(x, y);
  }

  @Differentiable
  static double strictAtan2(double y, double x) {
    return StrictMath.atan2(y, x);
  }

  @Differentiable
  static double strictHypot(double x, double y) {
    return StrictMath.hypot(x, y);
  }

  @Differentiable
  static double strictTanh(double x) {
    return StrictMath.tanh(x);
  }

  // Composite arguments.

  @Differentiable
  static double sinOfProduct(double x, double y) {
    return Math.sin(x * y);
  }

  @Differentiable
  static double gaussian(double x) {
    return Math.exp(-x * x);
  }

  @Differentiable
  static double logOnePlusSquare(double x) {
    return Math.log(1 + x * x);
  }

  @Differentiable
  static double norm(double x, double y) {
    return Math.sqrt(x * x + y * y);
  }

  @Differentiable
  static double tanhOfSinTimes(double x, double y) {
    return Math.tanh(Math.sin(x) * y);
  }

  @Differentiable
  static double powOfFunctions(double x, double y) {
    return Math.pow(Math.sin(x) + 2, Math.cos(y));
  }

  @Differentiable
  static double atan2OfComposites(double x, double y) {
    return Math.atan2(x * y, x + y);
  }

  @Differentiable
  static double nestedCalls(double x) {
    return Math.exp(Math.sin(Math.sqrt(1 + x * x))) / Math.cosh(x);
  }
}
