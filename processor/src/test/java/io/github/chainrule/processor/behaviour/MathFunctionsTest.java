package io.github.chainrule.processor.behaviour;

import static io.github.chainrule.processor.behaviour.Numeric.assertAllModes;
import static io.github.chainrule.processor.behaviour.Numeric.assertArrayExact;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.processor.behaviour.Numeric.Fn;
import io.github.chainrule.processor.behaviour.Numeric.Grad;
import io.github.chainrule.processor.behaviour.Numeric.Jvp;
import io.github.chainrule.processor.behaviour.Numeric.Vag;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The primitive table: every supported Math/StrictMath function × forward and reverse mode ×
 * several points inside its domain, against a closed-form derivative written here (independently
 * of the rule table) and against central differences; plus the exact kink conventions and the
 * exactly-zero derivatives.
 */
class MathFunctionsTest {

  /** One row of the table: a function with its generated derivatives and closed form. */
  record Case(String name, Fn f, Jvp jvp, Grad grad, Vag vag, Grad exact, List<double[]> points) {
    @Override
    public String toString() {
      return name;
    }
  }

  // Adapters from the generated signatures to the flattened interfaces.

  interface F1 {
    double at(double x);
  }

  interface J1 {
    double at(double x, double dx);
  }

  interface G1 {
    double[] at(double x);
  }

  interface V1 {
    double at(double x, double[] gradient);
  }

  interface F2 {
    double at(double x, double y);
  }

  interface J2 {
    double at(double x, double dx, double y, double dy);
  }

  interface G2 {
    double[] at(double x, double y);
  }

  interface V2 {
    double at(double x, double y, double[] gradient);
  }

  interface F3 {
    double at(double a, double b, double c);
  }

  interface J3 {
    double at(double a, double da, double b, double db, double c, double dc);
  }

  interface G3 {
    double[] at(double a, double b, double c);
  }

  interface V3 {
    double at(double a, double b, double c, double[] gradient);
  }

  static Case unary(String name, F1 f, J1 jvp, G1 grad, V1 vag, DoubleUnaryOperator derivative,
      double... points) {
    return new Case(name, x -> f.at(x[0]), (x, d) -> jvp.at(x[0], d[0]), x -> grad.at(x[0]),
        (x, g) -> vag.at(x[0], g), x -> new double[] {derivative.applyAsDouble(x[0])},
        Arrays.stream(points).mapToObj(p -> new double[] {p}).toList());
  }

  static Case binary(String name, F2 f, J2 jvp, G2 grad, V2 vag, G2 exact, double[]... points) {
    return new Case(name, x -> f.at(x[0], x[1]), (x, d) -> jvp.at(x[0], d[0], x[1], d[1]),
        x -> grad.at(x[0], x[1]), (x, g) -> vag.at(x[0], x[1], g), x -> exact.at(x[0], x[1]),
        List.of(points));
  }

  static Case ternary(String name, F3 f, J3 jvp, G3 grad, V3 vag, G3 exact, double[]... points) {
    return new Case(name, x -> f.at(x[0], x[1], x[2]),
        (x, d) -> jvp.at(x[0], d[0], x[1], d[1], x[2], d[2]), x -> grad.at(x[0], x[1], x[2]),
        (x, g) -> vag.at(x[0], x[1], x[2], g), x -> exact.at(x[0], x[1], x[2]), List.of(points));
  }

  static double[] p(double... x) {
    return x;
  }

  private static double square(double v) {
    return v * v;
  }

  static final double LN10 = 2.302585092994046;

  static List<Case> cases() {
    return List.of(
        // Trigonometric.
        unary("sin", MathFunctions::sin, MathFunctionsGradient::sinJvp,
            MathFunctionsGradient::sinGradient, MathFunctionsGradient::sinValueAndGradient,
            x -> Math.cos(x), -2.5, -0.4, 0.0, 1.0, 3.0),
        unary("cos", MathFunctions::cos, MathFunctionsGradient::cosJvp,
            MathFunctionsGradient::cosGradient, MathFunctionsGradient::cosValueAndGradient,
            x -> -Math.sin(x), -2.5, -0.4, 0.7, 1.0, 3.0),
        unary("tan", MathFunctions::tan, MathFunctionsGradient::tanJvp,
            MathFunctionsGradient::tanGradient, MathFunctionsGradient::tanValueAndGradient,
            x -> 1 / square(Math.cos(x)), -1.2, -0.3, 0.0, 0.7, 1.3),
        unary("asin", MathFunctions::asin, MathFunctionsGradient::asinJvp,
            MathFunctionsGradient::asinGradient, MathFunctionsGradient::asinValueAndGradient,
            x -> 1 / Math.sqrt(1 - x * x), -0.9, -0.4, 0.0, 0.3, 0.85),
        unary("acos", MathFunctions::acos, MathFunctionsGradient::acosJvp,
            MathFunctionsGradient::acosGradient, MathFunctionsGradient::acosValueAndGradient,
            x -> -1 / Math.sqrt(1 - x * x), -0.9, -0.4, 0.0, 0.3, 0.85),
        unary("atan", MathFunctions::atan, MathFunctionsGradient::atanJvp,
            MathFunctionsGradient::atanGradient, MathFunctionsGradient::atanValueAndGradient,
            x -> 1 / (1 + x * x), -3.0, -0.5, 0.0, 0.5, 10.0),
        binary("atan2", MathFunctions::atan2, MathFunctionsGradient::atan2Jvp,
            MathFunctionsGradient::atan2Gradient, MathFunctionsGradient::atan2ValueAndGradient,
            (y, x) -> new double[] {x / (x * x + y * y), -y / (x * x + y * y)},
            p(1.0, 2.0), p(-0.5, 0.3), p(2.0, -1.5), p(-3.0, -0.25), p(0.0, 1.0), p(1.0, 0.0)),
        unary("atan2(y, 0.75)", MathFunctions::atan2ConstantAbscissa,
            MathFunctionsGradient::atan2ConstantAbscissaJvp,
            MathFunctionsGradient::atan2ConstantAbscissaGradient,
            MathFunctionsGradient::atan2ConstantAbscissaValueAndGradient,
            y -> 0.75 / (y * y + 0.5625), -2.0, 0.0, 0.4, 5.0),
        unary("atan2(-1.25, x)", MathFunctions::atan2ConstantOrdinate,
            MathFunctionsGradient::atan2ConstantOrdinateJvp,
            MathFunctionsGradient::atan2ConstantOrdinateGradient,
            MathFunctionsGradient::atan2ConstantOrdinateValueAndGradient,
            x -> 1.25 / (x * x + 1.5625), -2.0, 0.0, 0.4, 5.0),
        unary("toRadians", MathFunctions::toRadians, MathFunctionsGradient::toRadiansJvp,
            MathFunctionsGradient::toRadiansGradient,
            MathFunctionsGradient::toRadiansValueAndGradient,
            x -> Math.PI / 180, -720.0, -1.0, 0.0, 45.0, 1e4),
        unary("toDegrees", MathFunctions::toDegrees, MathFunctionsGradient::toDegreesJvp,
            MathFunctionsGradient::toDegreesGradient,
            MathFunctionsGradient::toDegreesValueAndGradient,
            x -> 180 / Math.PI, -7.0, -0.1, 0.0, 1.0, 100.0),
        // Hyperbolic.
        unary("sinh", MathFunctions::sinh, MathFunctionsGradient::sinhJvp,
            MathFunctionsGradient::sinhGradient, MathFunctionsGradient::sinhValueAndGradient,
            x -> Math.cosh(x), -2.0, -0.5, 0.0, 0.7, 3.0),
        unary("cosh", MathFunctions::cosh, MathFunctionsGradient::coshJvp,
            MathFunctionsGradient::coshGradient, MathFunctionsGradient::coshValueAndGradient,
            x -> Math.sinh(x), -2.0, -0.5, 0.0, 0.7, 3.0),
        unary("tanh", MathFunctions::tanh, MathFunctionsGradient::tanhJvp,
            MathFunctionsGradient::tanhGradient, MathFunctionsGradient::tanhValueAndGradient,
            x -> 1 / square(Math.cosh(x)), -2.0, -0.5, 0.0, 0.7, 3.0),
        // Exponential and logarithmic.
        unary("exp", MathFunctions::exp, MathFunctionsGradient::expJvp,
            MathFunctionsGradient::expGradient, MathFunctionsGradient::expValueAndGradient,
            x -> Math.exp(x), -3.0, -0.5, 0.0, 1.0, 4.0),
        unary("expm1", MathFunctions::expm1, MathFunctionsGradient::expm1Jvp,
            MathFunctionsGradient::expm1Gradient, MathFunctionsGradient::expm1ValueAndGradient,
            x -> Math.exp(x), -2.0, -1e-3, 0.0, 1e-3, 2.0),
        unary("log", MathFunctions::log, MathFunctionsGradient::logJvp,
            MathFunctionsGradient::logGradient, MathFunctionsGradient::logValueAndGradient,
            x -> 1 / x, 0.05, 0.5, 1.0, 2.7, 100.0),
        unary("log10", MathFunctions::log10, MathFunctionsGradient::log10Jvp,
            MathFunctionsGradient::log10Gradient, MathFunctionsGradient::log10ValueAndGradient,
            x -> 1 / (x * LN10), 0.05, 0.5, 1.0, 2.7, 100.0),
        unary("log1p", MathFunctions::log1p, MathFunctionsGradient::log1pJvp,
            MathFunctionsGradient::log1pGradient, MathFunctionsGradient::log1pValueAndGradient,
            x -> 1 / (1 + x), -0.9, -0.5, 0.0, 1.0, 50.0),
        // Powers and roots.
        unary("sqrt", MathFunctions::sqrt, MathFunctionsGradient::sqrtJvp,
            MathFunctionsGradient::sqrtGradient, MathFunctionsGradient::sqrtValueAndGradient,
            x -> 0.5 / Math.sqrt(x), 0.01, 0.5, 2.0, 9.0, 1e4),
        unary("cbrt", MathFunctions::cbrt, MathFunctionsGradient::cbrtJvp,
            MathFunctionsGradient::cbrtGradient, MathFunctionsGradient::cbrtValueAndGradient,
            x -> 1 / (3 * Math.pow(x * x, 1.0 / 3)), -8.0, -0.3, 0.2, 1.0, 27.0),
        unary("pow(x, 3)", MathFunctions::powCube, MathFunctionsGradient::powCubeJvp,
            MathFunctionsGradient::powCubeGradient, MathFunctionsGradient::powCubeValueAndGradient,
            x -> 3 * x * x, -2.0, -0.5, 0.0, 1.5, 4.0),
        unary("pow(x, 2)", MathFunctions::powSquare, MathFunctionsGradient::powSquareJvp,
            MathFunctionsGradient::powSquareGradient,
            MathFunctionsGradient::powSquareValueAndGradient,
            x -> 2 * x, -2.0, -0.5, 0.0, 1.5, 4.0),
        unary("pow(x, 2.0)", MathFunctions::powSquareDouble,
            MathFunctionsGradient::powSquareDoubleJvp,
            MathFunctionsGradient::powSquareDoubleGradient,
            MathFunctionsGradient::powSquareDoubleValueAndGradient,
            x -> 2 * x, -2.0, -0.5, 0.0, 1.5, 4.0),
        unary("pow(x, 0.5)", MathFunctions::powHalf, MathFunctionsGradient::powHalfJvp,
            MathFunctionsGradient::powHalfGradient, MathFunctionsGradient::powHalfValueAndGradient,
            x -> 0.5 / Math.sqrt(x), 0.01, 0.5, 2.0, 9.0),
        unary("pow(x, -1.5)", MathFunctions::powMinusThreeHalves,
            MathFunctionsGradient::powMinusThreeHalvesJvp,
            MathFunctionsGradient::powMinusThreeHalvesGradient,
            MathFunctionsGradient::powMinusThreeHalvesValueAndGradient,
            x -> -1.5 / (x * x * Math.sqrt(x)), 0.2, 1.0, 2.0, 9.0),
        binary("pow(x, y)", MathFunctions::pow, MathFunctionsGradient::powJvp,
            MathFunctionsGradient::powGradient, MathFunctionsGradient::powValueAndGradient,
            (x, y) -> new double[] {y * Math.pow(x, y - 1), Math.pow(x, y) * Math.log(x)},
            p(0.5, 1.5), p(2.0, 3.0), p(3.7, -0.8), p(1.2, 0.0), p(1.0, 2.5), p(0.25, -2.0)),
        unary("pow(2.5, y)", MathFunctions::powConstantBase,
            MathFunctionsGradient::powConstantBaseJvp,
            MathFunctionsGradient::powConstantBaseGradient,
            MathFunctionsGradient::powConstantBaseValueAndGradient,
            y -> Math.pow(2.5, y) * Math.log(2.5), -3.0, 0.0, 0.5, 4.0),
        binary("hypot", MathFunctions::hypot, MathFunctionsGradient::hypotJvp,
            MathFunctionsGradient::hypotGradient, MathFunctionsGradient::hypotValueAndGradient,
            (x, y) -> new double[] {x / Math.sqrt(x * x + y * y), y / Math.sqrt(x * x + y * y)},
            p(3.0, 4.0), p(-1.0, 0.5), p(0.0, -2.0), p(1e3, 1e-2), p(-0.3, -0.7)),
        unary("hypot(x, 1.5)", MathFunctions::hypotConstantSecond,
            MathFunctionsGradient::hypotConstantSecondJvp,
            MathFunctionsGradient::hypotConstantSecondGradient,
            MathFunctionsGradient::hypotConstantSecondValueAndGradient,
            x -> x / Math.sqrt(x * x + 2.25), -3.0, 0.0, 2.0),
        unary("hypot(-2.0, y)", MathFunctions::hypotConstantFirst,
            MathFunctionsGradient::hypotConstantFirstJvp,
            MathFunctionsGradient::hypotConstantFirstGradient,
            MathFunctionsGradient::hypotConstantFirstValueAndGradient,
            y -> y / Math.sqrt(4 + y * y), -3.0, 0.0, 2.0),
        ternary("fma", MathFunctions::fma, MathFunctionsGradient::fmaJvp,
            MathFunctionsGradient::fmaGradient, MathFunctionsGradient::fmaValueAndGradient,
            (a, b, c) -> new double[] {b, a, 1},
            p(1.5, -2.0, 0.25), p(-3.0, 0.5, 7.0), p(0.0, 0.0, 0.0), p(1e3, 1e-3, -1.0)),
        binary("fma(a, 2.5, c)", MathFunctions::fmaConstantMiddle,
            MathFunctionsGradient::fmaConstantMiddleJvp,
            MathFunctionsGradient::fmaConstantMiddleGradient,
            MathFunctionsGradient::fmaConstantMiddleValueAndGradient,
            (a, c) -> new double[] {2.5, 1}, p(1.0, 2.0), p(-4.0, 0.5)),
        unary("fma(a, a, 1)", MathFunctions::fmaSquare, MathFunctionsGradient::fmaSquareJvp,
            MathFunctionsGradient::fmaSquareGradient,
            MathFunctionsGradient::fmaSquareValueAndGradient,
            a -> 2 * a, -2.0, 0.0, 0.3, 5.0),
        // Piecewise linear, away from the kinks (the kinks have their own tests).
        unary("abs", MathFunctions::abs, MathFunctionsGradient::absJvp,
            MathFunctionsGradient::absGradient, MathFunctionsGradient::absValueAndGradient,
            x -> x < 0 ? -1 : 1, -2.5, -0.1, 0.3, 4.0),
        binary("abs(x - y)", MathFunctions::absDifference,
            MathFunctionsGradient::absDifferenceJvp, MathFunctionsGradient::absDifferenceGradient,
            MathFunctionsGradient::absDifferenceValueAndGradient,
            (x, y) -> x > y ? new double[] {1, -1} : new double[] {-1, 1},
            p(2.0, 1.0), p(-1.0, 0.5)),
        binary("max", MathFunctions::max, MathFunctionsGradient::maxJvp,
            MathFunctionsGradient::maxGradient, MathFunctionsGradient::maxValueAndGradient,
            (x, y) -> x > y ? new double[] {1, 0} : new double[] {0, 1},
            p(2.0, 1.0), p(-1.0, 0.5), p(0.0, -3.0), p(-4.0, -2.0)),
        binary("min", MathFunctions::min, MathFunctionsGradient::minJvp,
            MathFunctionsGradient::minGradient, MathFunctionsGradient::minValueAndGradient,
            (x, y) -> x < y ? new double[] {1, 0} : new double[] {0, 1},
            p(2.0, 1.0), p(-1.0, 0.5), p(0.0, -3.0), p(-4.0, -2.0)),
        unary("max(x, 0.5)", MathFunctions::maxConstantSecond,
            MathFunctionsGradient::maxConstantSecondJvp,
            MathFunctionsGradient::maxConstantSecondGradient,
            MathFunctionsGradient::maxConstantSecondValueAndGradient,
            x -> x > 0.5 ? 1 : 0, -1.0, 0.0, 0.7, 3.0),
        unary("min(0.5, x)", MathFunctions::minConstantFirst,
            MathFunctionsGradient::minConstantFirstJvp,
            MathFunctionsGradient::minConstantFirstGradient,
            MathFunctionsGradient::minConstantFirstValueAndGradient,
            x -> x < 0.5 ? 1 : 0, -1.0, 0.0, 0.7, 3.0),
        // Zero derivative, away from the jumps.
        unary("signum", MathFunctions::signum, MathFunctionsGradient::signumJvp,
            MathFunctionsGradient::signumGradient, MathFunctionsGradient::signumValueAndGradient,
            x -> 0, -2.3, -0.7, 0.4, 1.6, 3.2),
        unary("floor", MathFunctions::floor, MathFunctionsGradient::floorJvp,
            MathFunctionsGradient::floorGradient, MathFunctionsGradient::floorValueAndGradient,
            x -> 0, -2.3, -0.7, 0.4, 1.6, 3.2),
        unary("ceil", MathFunctions::ceil, MathFunctionsGradient::ceilJvp,
            MathFunctionsGradient::ceilGradient, MathFunctionsGradient::ceilValueAndGradient,
            x -> 0, -2.3, -0.7, 0.4, 1.6, 3.2),
        unary("rint", MathFunctions::rint, MathFunctionsGradient::rintJvp,
            MathFunctionsGradient::rintGradient, MathFunctionsGradient::rintValueAndGradient,
            x -> 0, -2.3, -0.7, 0.4, 1.6, 3.2),
        unary("x * floor(x)", MathFunctions::timesFloor, MathFunctionsGradient::timesFloorJvp,
            MathFunctionsGradient::timesFloorGradient,
            MathFunctionsGradient::timesFloorValueAndGradient,
            x -> Math.floor(x), -2.3, -0.7, 0.4, 1.6, 3.2),
        unary("x * (ceil(x) + signum(x)) + rint(x)", MathFunctions::timesCeilPlusSignum,
            MathFunctionsGradient::timesCeilPlusSignumJvp,
            MathFunctionsGradient::timesCeilPlusSignumGradient,
            MathFunctionsGradient::timesCeilPlusSignumValueAndGradient,
            x -> Math.ceil(x) + Math.signum(x), -2.3, -0.7, 0.4, 1.6, 3.2),
        // StrictMath.
        unary("StrictMath.sin", MathFunctions::strictSin, MathFunctionsGradient::strictSinJvp,
            MathFunctionsGradient::strictSinGradient,
            MathFunctionsGradient::strictSinValueAndGradient,
            x -> StrictMath.cos(x), -2.5, 0.0, 1.0, 3.0),
        unary("StrictMath.tan", MathFunctions::strictTan, MathFunctionsGradient::strictTanJvp,
            MathFunctionsGradient::strictTanGradient,
            MathFunctionsGradient::strictTanValueAndGradient,
            x -> 1 / square(StrictMath.cos(x)), -1.2, 0.0, 0.7),
        unary("StrictMath.exp", MathFunctions::strictExp, MathFunctionsGradient::strictExpJvp,
            MathFunctionsGradient::strictExpGradient,
            MathFunctionsGradient::strictExpValueAndGradient,
            x -> StrictMath.exp(x), -3.0, 0.0, 2.5),
        unary("StrictMath.log", MathFunctions::strictLog, MathFunctionsGradient::strictLogJvp,
            MathFunctionsGradient::strictLogGradient,
            MathFunctionsGradient::strictLogValueAndGradient,
            x -> 1 / x, 0.05, 1.0, 30.0),
        unary("StrictMath.cbrt", MathFunctions::strictCbrt, MathFunctionsGradient::strictCbrtJvp,
            MathFunctionsGradient::strictCbrtGradient,
            MathFunctionsGradient::strictCbrtValueAndGradient,
            x -> 1 / (3 * Math.pow(x * x, 1.0 / 3)), -8.0, 0.2, 27.0),
        unary("StrictMath.tanh", MathFunctions::strictTanh, MathFunctionsGradient::strictTanhJvp,
            MathFunctionsGradient::strictTanhGradient,
            MathFunctionsGradient::strictTanhValueAndGradient,
            x -> 1 / square(StrictMath.cosh(x)), -2.0, 0.0, 0.7),
        binary("StrictMath.pow", MathFunctions::strictPow, MathFunctionsGradient::strictPowJvp,
            MathFunctionsGradient::strictPowGradient,
            MathFunctionsGradient::strictPowValueAndGradient,
            (x, y) -> new double[] {y * Math.pow(x, y - 1), Math.pow(x, y) * Math.log(x)},
            p(0.5, 1.5), p(2.0, 3.0), p(3.7, -0.8)),
        binary("StrictMath.atan2", MathFunctions::strictAtan2,
            MathFunctionsGradient::strictAtan2Jvp, MathFunctionsGradient::strictAtan2Gradient,
            MathFunctionsGradient::strictAtan2ValueAndGradient,
            (y, x) -> new double[] {x / (x * x + y * y), -y / (x * x + y * y)},
            p(1.0, 2.0), p(-0.5, 0.3), p(2.0, -1.5)),
        binary("StrictMath.hypot", MathFunctions::strictHypot,
            MathFunctionsGradient::strictHypotJvp, MathFunctionsGradient::strictHypotGradient,
            MathFunctionsGradient::strictHypotValueAndGradient,
            (x, y) -> new double[] {x / Math.sqrt(x * x + y * y), y / Math.sqrt(x * x + y * y)},
            p(3.0, 4.0), p(-1.0, 0.5)),
        // Composite arguments: intermediate temporaries.
        binary("sin(x * y)", MathFunctions::sinOfProduct, MathFunctionsGradient::sinOfProductJvp,
            MathFunctionsGradient::sinOfProductGradient,
            MathFunctionsGradient::sinOfProductValueAndGradient,
            (x, y) -> new double[] {y * Math.cos(x * y), x * Math.cos(x * y)},
            p(0.5, 1.5), p(-2.0, 0.3), p(0.0, 4.0), p(3.0, -1.1)),
        unary("exp(-x * x)", MathFunctions::gaussian, MathFunctionsGradient::gaussianJvp,
            MathFunctionsGradient::gaussianGradient,
            MathFunctionsGradient::gaussianValueAndGradient,
            x -> -2 * x * Math.exp(-x * x), -2.0, -0.5, 0.0, 0.8, 2.5),
        unary("log(1 + x * x)", MathFunctions::logOnePlusSquare,
            MathFunctionsGradient::logOnePlusSquareJvp,
            MathFunctionsGradient::logOnePlusSquareGradient,
            MathFunctionsGradient::logOnePlusSquareValueAndGradient,
            x -> 2 * x / (1 + x * x), -3.0, -0.5, 0.0, 0.8, 10.0),
        binary("sqrt(x * x + y * y)", MathFunctions::norm, MathFunctionsGradient::normJvp,
            MathFunctionsGradient::normGradient, MathFunctionsGradient::normValueAndGradient,
            (x, y) -> new double[] {x / Math.hypot(x, y), y / Math.hypot(x, y)},
            p(3.0, 4.0), p(-1.0, 0.5), p(0.0, -2.0), p(-0.3, -0.7)),
        binary("tanh(sin(x) * y)", MathFunctions::tanhOfSinTimes,
            MathFunctionsGradient::tanhOfSinTimesJvp,
            MathFunctionsGradient::tanhOfSinTimesGradient,
            MathFunctionsGradient::tanhOfSinTimesValueAndGradient,
            (x, y) -> {
              double sech2 = 1 / square(Math.cosh(Math.sin(x) * y));
              return new double[] {sech2 * Math.cos(x) * y, sech2 * Math.sin(x)};
            },
            p(0.5, 1.5), p(-2.0, 0.3), p(1.2, -2.0)),
        binary("pow(sin(x) + 2, cos(y))", MathFunctions::powOfFunctions,
            MathFunctionsGradient::powOfFunctionsJvp,
            MathFunctionsGradient::powOfFunctionsGradient,
            MathFunctionsGradient::powOfFunctionsValueAndGradient,
            (x, y) -> {
              double b = Math.sin(x) + 2;
              double e = Math.cos(y);
              return new double[] {
                  e * Math.pow(b, e - 1) * Math.cos(x), -Math.pow(b, e) * Math.log(b) * Math.sin(y)};
            },
            p(0.5, 1.5), p(-2.0, 0.3), p(1.2, -2.0)),
        binary("atan2(x * y, x + y)", MathFunctions::atan2OfComposites,
            MathFunctionsGradient::atan2OfCompositesJvp,
            MathFunctionsGradient::atan2OfCompositesGradient,
            MathFunctionsGradient::atan2OfCompositesValueAndGradient,
            (x, y) -> {
              double u = x * y;
              double v = x + y;
              double n = u * u + v * v;
              return new double[] {(v * y - u) / n, (v * x - u) / n};
            },
            p(0.5, 1.5), p(-2.0, 0.3), p(1.2, -2.0)),
        unary("exp(sin(sqrt(1 + x * x))) / cosh(x)", MathFunctions::nestedCalls,
            MathFunctionsGradient::nestedCallsJvp, MathFunctionsGradient::nestedCallsGradient,
            MathFunctionsGradient::nestedCallsValueAndGradient,
            x -> {
              double s = Math.sqrt(1 + x * x);
              double e = Math.exp(Math.sin(s));
              return e * Math.cos(s) * (x / s) / Math.cosh(x)
                  - e * Math.sinh(x) / square(Math.cosh(x));
            },
            -1.5, 0.0, 0.6, 2.0));
  }

  static Stream<Arguments> pointsOfEveryCase() {
    return cases().stream()
        .flatMap(c -> c.points().stream().map(x -> Arguments.of(c, x)));
  }

  @ParameterizedTest(name = "{0} at {1}")
  @MethodSource("pointsOfEveryCase")
  void derivativeInBothModesMatchesClosedFormAndFiniteDifferences(Case c, double[] x) {
    assertAllModes(c.name(), c.f(), c.jvp(), c.grad(), c.vag(), c.exact(), x);
  }

  /** Every function of the foundation scope has a row of its own (a guard against deletions). */
  @Test
  void tableCoversEveryFunctionOfTheScope() {
    List<String> names = cases().stream().map(Case::name).toList();
    for (String f : List.of("sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh",
        "tanh", "exp", "expm1", "log", "log10", "log1p", "sqrt", "cbrt", "pow", "hypot", "abs",
        "max", "min", "toRadians", "toDegrees", "fma", "signum", "floor", "ceil", "rint")) {
      Pattern word = Pattern.compile("(^|[^A-Za-z0-9])" + f + "([^A-Za-z0-9]|$)");
      assertTrue(names.stream().anyMatch(n -> word.matcher(n).find()),
          () -> f + " is missing from the table " + names);
    }
  }

  // The functions with zero derivative: exactly zero, not merely small.

  static Stream<Arguments> zeroDerivativeFunctions() {
    return cases().stream()
        .filter(c -> List.of("signum", "floor", "ceil", "rint").contains(c.name()))
        .flatMap(c -> Stream.of(-5.75, -2.3, -0.7, 0.4, 1.6, 3.2, 1e6 + 0.25)
            .map(x -> Arguments.of(c, x)));
  }

  @ParameterizedTest(name = "{0} at {1}")
  @MethodSource("zeroDerivativeFunctions")
  void zeroDerivativeFunctionsHaveExactlyZeroDerivative(Case c, double x) {
    double[] at = {x};
    assertEquals(0.0, c.jvp().at(at, new double[] {1.0}), () -> c.name() + " fJvp at " + x);
    assertEquals(0.0, c.jvp().at(at, new double[] {-1e3}), () -> c.name() + " fJvp at " + x);
    assertArrayEquals(new double[] {0.0}, c.grad().at(at), () -> c.name() + " fGradient");
    double[] g = {Double.NaN};
    assertEquals(c.f().at(at), c.vag().at(at, g), () -> c.name() + " value");
    assertArrayEquals(new double[] {0.0}, g, () -> c.name() + " fValueAndGradient");
  }

  // Kink conventions, checked exactly.

  @Test
  void absAtZeroTakesTheBranchMathAbsTakes() {
    // Math.abs is a <= 0 ? 0 - a : a: at ±0 it takes the negating branch, slope −1.
    for (double zero : new double[] {0.0, -0.0}) {
      assertEquals(-1.0, MathFunctionsGradient.absJvp(zero, 1.0), "abs'(" + zero + ") forward");
      assertEquals(2.5, MathFunctionsGradient.absJvp(zero, -2.5), "abs at " + zero + " along -2.5");
      assertArrayEquals(new double[] {-1.0}, MathFunctionsGradient.absGradient(zero),
          "abs'(" + zero + ") reverse");
    }
    // Inside an expression: |x - y| at x == y differentiates -(x - y): slopes −1 and +1.
    assertArrayEquals(new double[] {-1.0, 1.0}, MathFunctionsGradient.absDifferenceGradient(0.75, 0.75));
    assertEquals(-1.0 + 3.0, MathFunctionsGradient.absDifferenceJvp(0.75, 1.0, 0.75, 3.0));
  }

  @Test
  void maxAndMinTiesTakeTheFirstArgumentsDerivative() {
    for (double t : new double[] {-1.5, 0.0, 2.0}) {
      assertArrayEquals(new double[] {1.0, 0.0}, MathFunctionsGradient.maxGradient(t, t),
          "max tie at " + t);
      assertArrayEquals(new double[] {1.0, 0.0}, MathFunctionsGradient.minGradient(t, t),
          "min tie at " + t);
      assertEquals(0.25, MathFunctionsGradient.maxJvp(t, 0.25, t, -4.0), "max tie forward at " + t);
      assertEquals(0.25, MathFunctionsGradient.minJvp(t, 0.25, t, -4.0), "min tie forward at " + t);
    }
    // The first argument is the active x: slope 1. The first argument is the constant: slope 0.
    assertEquals(1.0, MathFunctionsGradient.maxConstantSecondJvp(0.5, 1.0));
    assertArrayEquals(new double[] {1.0}, MathFunctionsGradient.maxConstantSecondGradient(0.5));
    assertEquals(0.0, MathFunctionsGradient.minConstantFirstJvp(0.5, 1.0));
    assertArrayEquals(new double[] {0.0}, MathFunctionsGradient.minConstantFirstGradient(0.5));
  }

  @Test
  void powWithZeroBaseHasZeroDerivativeInTheExponent() {
    for (double y : new double[] {1.0, 2.0, 3.5}) {
      double[] expected = {y == 1.0 ? 1.0 : 0.0, 0.0};
      assertArrayExact("pow gradient", new double[] {0.0, y}, expected,
          MathFunctionsGradient.powGradient(0.0, y));
      assertEquals(0.0, MathFunctionsGradient.powJvp(0.0, 0.0, y, 1.0), "∂/∂y pow(0, " + y + ")");
      assertEquals(expected[0] * 2.0, MathFunctionsGradient.powJvp(0.0, 2.0, y, 1.0),
          "pow(0, " + y + ") along (2, 1)");
    }
    // With y = 0.5 the base derivative is infinite, the exponent derivative still exactly 0.
    double[] g = MathFunctionsGradient.powGradient(0.0, 0.5);
    assertEquals(Double.POSITIVE_INFINITY, g[0], "∂/∂x pow(x, 0.5) at 0");
    assertEquals(0.0, g[1], "∂/∂y pow(0, 0.5)");
  }

  @Test
  void hypotAtTheOriginHasZeroDerivative() {
    assertArrayEquals(new double[] {0.0, 0.0}, MathFunctionsGradient.hypotGradient(0.0, 0.0));
    assertEquals(0.0, MathFunctionsGradient.hypotJvp(0.0, 1.0, 0.0, 1.0));
    assertEquals(0.0, MathFunctionsGradient.hypotJvp(0.0, -3.0, 0.0, 0.5));
    double[] g = {7.0, 7.0};
    assertEquals(0.0, MathFunctionsGradient.hypotValueAndGradient(0.0, 0.0, g));
    assertArrayEquals(new double[] {0.0, 0.0}, g);
    // One argument constant and non-zero: no kink, the ordinary derivative x / hypot = 0 at 0.
    assertArrayEquals(new double[] {0.0}, MathFunctionsGradient.hypotConstantSecondGradient(0.0));
    assertEquals(0.0, MathFunctionsGradient.hypotConstantSecondJvp(0.0, 1.0));
  }
}
