package io.github.chainrule.processor.transform;

import static io.github.chainrule.processor.ir.Exprs.add;
import static io.github.chainrule.processor.ir.Exprs.binary;
import static io.github.chainrule.processor.ir.Exprs.div;
import static io.github.chainrule.processor.ir.Exprs.literal;
import static io.github.chainrule.processor.ir.Exprs.mul;
import static io.github.chainrule.processor.ir.Exprs.neg;
import static io.github.chainrule.processor.ir.Exprs.select;
import static io.github.chainrule.processor.ir.Exprs.sub;
import static io.github.chainrule.processor.ir.MathFunction.*;

import io.github.chainrule.processor.ir.BinaryOp;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.MathFunction;
import io.github.chainrule.processor.ir.UnaryOp;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one derivative-rule table. Each primitive lists its partial derivatives as linear maps
 * {@code d ↦ ∂f/∂xᵢ · d}, built from IR. The tangent transform sums {@code partialᵢ(ẋᵢ)}, the
 * adjoint transform adds {@code partialᵢ(ȳ)} to {@code x̄ᵢ}; higher orders differentiate the IR
 * these rules produce. A rule names the values it needs through its {@link Site}; the transform
 * computes exactly those once.
 *
 * <p>Conventions at points where a function is not differentiable (documented in the README):
 * each takes the derivative of the branch {@code java.lang.Math} itself takes there. {@code abs}
 * is {@code a <= 0 ? 0 - a : a}, so its derivative at 0 is −1; {@code max}/{@code min} on a tie
 * return their first argument, so they take its derivative;
 * {@code pow(0, y)} has derivative 0 in {@code y}, {@code pow(x, 0)} derivative 0 in {@code x};
 * {@code hypot(0, 0)} and {@code atan2(0, 0)} have derivative 0.
 */
public final class Rules {

  /** One partial derivative: {@code d ↦ ∂f/∂xᵢ · d} at the given site. */
  @FunctionalInterface
  public interface Partial {
    Expr apply(Site site, Expr d);
  }

  private static final Map<MathFunction, List<Partial>> MATH = new EnumMap<>(MathFunction.class);

  /** Functions whose derivative is zero wherever it exists: an explicit list, not a default. */
  private static final Set<MathFunction> ZERO_DERIVATIVE = EnumSet.of(SIGNUM, FLOOR, CEIL, RINT);

  private static final Expr ONE = literal(1.0);
  private static final Expr ZERO = literal(0.0);

  private static void def(MathFunction f, Partial... partials) {
    if (partials.length != f.arity()) {
      throw new IllegalStateException(f + " needs " + f.arity() + " partials");
    }
    MATH.put(f, List.of(partials));
  }

  private static Expr x(Site s) {
    return s.argument(0);
  }

  private static Expr y(Site s) {
    return s.argument(1);
  }

  private static Expr r(Site s) {
    return s.result();
  }

  private static Expr square(Expr e) {
    return mul(e, e);
  }

  static {
    // Trigonometric.
    def(SIN, (s, d) -> mul(d, s.call(COS, x(s))));
    def(COS, (s, d) -> neg(mul(d, s.call(SIN, x(s)))));
    def(TAN, (s, d) -> mul(d, add(ONE, square(r(s)))));
    def(ASIN, (s, d) -> div(d, s.call(SQRT, sub(ONE, square(x(s))))));
    def(ACOS, (s, d) -> neg(div(d, s.call(SQRT, sub(ONE, square(x(s)))))));
    def(ATAN, (s, d) -> div(d, add(ONE, square(x(s)))));
    // atan2(y, x): the first argument is y. Both partials share x² + y².
    def(ATAN2,
        (s, d) -> atan2Partial(s, mul(d, y(s))),
        (s, d) -> neg(atan2Partial(s, mul(d, x(s)))));
    def(TO_RADIANS, (s, d) -> mul(d, literal(Math.toRadians(1.0))));
    def(TO_DEGREES, (s, d) -> mul(d, literal(Math.toDegrees(1.0))));

    // Hyperbolic.
    def(SINH, (s, d) -> mul(d, s.call(COSH, x(s))));
    def(COSH, (s, d) -> mul(d, s.call(SINH, x(s))));
    def(TANH, (s, d) -> mul(d, sub(ONE, square(r(s)))));

    // Exponential and logarithmic.
    def(EXP, (s, d) -> mul(d, r(s)));
    def(EXPM1, (s, d) -> mul(d, add(r(s), ONE)));
    def(LOG, (s, d) -> div(d, x(s)));
    def(LOG10, (s, d) -> div(d, mul(x(s), literal(Math.log(10.0)))));
    def(LOG1P, (s, d) -> div(d, add(ONE, x(s))));

    // Powers and roots.
    def(SQRT, (s, d) -> div(d, mul(literal(2.0), r(s))));
    def(CBRT, (s, d) -> div(d, mul(literal(3.0), square(r(s)))));
    def(POW, Rules::powWrtBase, Rules::powWrtExponent);
    def(HYPOT,
        (s, d) -> select(binary(BinaryOp.EQ, r(s), ZERO), null, div(mul(d, x(s)), r(s))),
        (s, d) -> select(binary(BinaryOp.EQ, r(s), ZERO), null, div(mul(d, y(s)), r(s))));
    def(FMA, (s, d) -> mul(d, y(s)), (s, d) -> mul(x(s), d), (s, d) -> d);

    // Piecewise linear.
    def(ABS, (s, d) -> select(binary(BinaryOp.LE, x(s), ZERO), neg(d), d));
    def(MAX,
        (s, d) -> select(binary(BinaryOp.GE, x(s), y(s)), d, null),
        (s, d) -> select(binary(BinaryOp.GE, x(s), y(s)), null, d));
    def(MIN,
        (s, d) -> select(binary(BinaryOp.LE, x(s), y(s)), d, null),
        (s, d) -> select(binary(BinaryOp.LE, x(s), y(s)), null, d));
  }

  /** atan2's partials share x² + y²; at (0, 0) they are taken as 0, like hypot's. */
  private static Expr atan2Partial(Site s, Expr numerator) {
    Expr radius = s.bind(add(square(x(s)), square(y(s))));
    return select(binary(BinaryOp.EQ, radius, ZERO), null, div(numerator, radius));
  }

  /**
   * d/dx x^y = y·x^(y−1); a literal exponent 2 gives 2x. For y = 0 the derivative is 0, also at
   * x = 0 where y·x^(y−1) would be 0·∞.
   */
  private static Expr powWrtBase(Site s, Expr d) {
    Expr exponent = y(s);
    if (exponent instanceof Expr.Literal l && l.denotes(2.0)) {
      return mul(d, mul(literal(2.0), x(s)));
    }
    if (exponent instanceof Expr.Literal l && l.denotes(0.0)) {
      return null;
    }
    Expr partial = mul(d, mul(exponent, s.call(POW, x(s), sub(exponent, ONE))));
    return exponent instanceof Expr.Literal
        ? partial
        : select(binary(BinaryOp.EQ, exponent, ZERO), null, partial);
  }

  /** d/dy x^y = x^y·ln x, taken as 0 at x = 0 (its limit for y > 0). */
  private static Expr powWrtExponent(Site s, Expr d) {
    Expr value = mul(r(s), s.call(LOG, x(s)));
    return select(binary(BinaryOp.EQ, x(s), ZERO), null, mul(d, value));
  }

  private Rules() {}

  /** Whether a call passes derivatives from its arguments to its value. */
  public static boolean carriesDerivative(Expr.MathCall call) {
    return call.type() == io.github.chainrule.processor.ir.Type.DOUBLE
        && !ZERO_DERIVATIVE.contains(call.function());
  }

  /** The partials of a math function, one per argument. */
  static List<Partial> partials(MathFunction f) {
    List<Partial> partials = MATH.get(f);
    if (partials == null) {
      throw new IllegalStateException("no derivative rule for " + f);
    }
    return partials;
  }

  /** The partials of an arithmetic operator, one per operand. */
  static List<Partial> partials(BinaryOp op) {
    switch (op) {
      case ADD:
        return List.of((s, d) -> d, (s, d) -> d);
      case SUB:
        return List.of((s, d) -> d, (s, d) -> neg(d));
      case MUL:
        return List.of((s, d) -> mul(d, s.argument(1)), (s, d) -> mul(s.argument(0), d));
      case DIV:
        // d(a/b) = da/b − (a/b)·db/b: the quotient is reused.
        return List.of((s, d) -> div(d, s.argument(1)),
            (s, d) -> neg(div(mul(d, s.result()), s.argument(1))));
      default:
        throw new IllegalStateException("no derivative rule for " + op);
    }
  }

  /** The partial of {@code x * x} as a function of its one operand x: d ↦ 2·(d·x). */
  static List<Partial> squarePartials() {
    return List.of((s, d) -> mul(literal(2.0), mul(d, s.argument(0))));
  }

  static List<Partial> partials(UnaryOp op) {
    if (op == UnaryOp.NEG) {
      return List.of((s, d) -> neg(d));
    }
    throw new IllegalStateException("no derivative rule for " + op);
  }
}
