package io.github.chainrule.processor.ir;

/**
 * Builders for the expressions the transforms write, with the few algebraic shortcuts that keep
 * generated code close to what a person would write and never change a value: multiplying by a
 * literal one, negating twice. A {@code null} operand stands for a symbolic zero.
 */
public final class Exprs {

  private Exprs() {}

  public static Expr read(Variable v) {
    return new Expr.Read(v);
  }

  public static Expr literal(double value) {
    return Expr.Literal.ofDouble(value);
  }

  /** {@code a + b}; zero when both are zero. */
  public static Expr add(Expr a, Expr b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (b instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
      return new Expr.Binary(BinaryOp.SUB, a, u.operand());
    }
    return new Expr.Binary(BinaryOp.ADD, a, b);
  }

  public static Expr sub(Expr a, Expr b) {
    if (b == null) {
      return a;
    }
    if (a == null) {
      return neg(b);
    }
    if (b instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
      return new Expr.Binary(BinaryOp.ADD, a, u.operand());
    }
    return new Expr.Binary(BinaryOp.SUB, a, b);
  }

  /** {@code a * b}, dropping a literal factor of one (exact in IEEE arithmetic); zero if either is. */
  public static Expr mul(Expr a, Expr b) {
    if (a == null || b == null) {
      return null;
    }
    // (-a) * b is -(a * b) exactly: the sign goes outside, where add and sub absorb it.
    if (a instanceof Expr.Unary u && u.op() == UnaryOp.NEG && a.type() == Type.DOUBLE) {
      return neg(mul(u.operand(), b));
    }
    if (b instanceof Expr.Unary u && u.op() == UnaryOp.NEG && b.type() == Type.DOUBLE) {
      return neg(mul(a, u.operand()));
    }
    Expr product = new Expr.Binary(BinaryOp.MUL, a, b);
    // 2 * 1.0 (an integer literal times a seed of one) is the double literal 2.0.
    if (isOne(a) && b instanceof Expr.Literal l && isDecimalInteger(l)) {
      return new Expr.Literal(Type.DOUBLE, l.text().replace("_", "") + ".0");
    }
    if (isOne(b) && a instanceof Expr.Literal l && isDecimalInteger(l)) {
      return new Expr.Literal(Type.DOUBLE, l.text().replace("_", "") + ".0");
    }
    // Dropping the one must not turn a double product into integer arithmetic.
    if (isOne(a) && b.type() == product.type()) {
      return b;
    }
    if (isOne(b) && a.type() == product.type()) {
      return a;
    }
    return product;
  }

  public static Expr div(Expr a, Expr b) {
    if (a == null) {
      return null;
    }
    if (a instanceof Expr.Unary u && u.op() == UnaryOp.NEG && a.type() == Type.DOUBLE) {
      return neg(div(u.operand(), b));
    }
    Expr quotient = new Expr.Binary(BinaryOp.DIV, a, b);
    if (isOne(b) && a.type() == quotient.type()) {
      return a;
    }
    return quotient;
  }

  /** {@code -a}; {@code -(-a)} is {@code a} exactly. */
  public static Expr neg(Expr a) {
    if (a == null) {
      return null;
    }
    if (a instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
      return u.operand();
    }
    return new Expr.Unary(UnaryOp.NEG, a);
  }

  public static Expr call(MathFunction f, Expr... args) {
    return new Expr.MathCall(f, false, java.util.List.of(args));
  }

  public static Expr binary(BinaryOp op, Expr a, Expr b) {
    return new Expr.Binary(op, a, b);
  }

  /** {@code condition ? a : b} where either side may be a symbolic zero. */
  public static Expr select(Expr condition, Expr a, Expr b) {
    if (a == null && b == null) {
      return null;
    }
    return new Expr.Conditional(
        condition, a == null ? literal(0.0) : a, b == null ? literal(0.0) : b);
  }

  /** The value a variable of this type holds before anything is assigned: 0, false, null. */
  public static Expr defaultValue(Type type) {
    switch (type) {
      case DOUBLE: return literal(0.0);
      case INT: return Expr.Literal.ofInt(0);
      case LONG: return new Expr.Literal(Type.LONG, "0L");
      case BOOLEAN: return Expr.Literal.ofBoolean(false);
      default: return new Expr.Literal(type, "null");
    }
  }

  private static boolean isDecimalInteger(Expr.Literal l) {
    return l.type() == Type.INT && l.text().replace("_", "").matches("[1-9][0-9]{0,8}|0");
  }

  private static boolean isOne(Expr e) {
    return e instanceof Expr.Literal l && l.denotes(1.0);
  }
}
