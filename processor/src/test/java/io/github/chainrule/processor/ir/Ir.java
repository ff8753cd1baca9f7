package io.github.chainrule.processor.ir;

import java.util.Arrays;
import java.util.List;

/**
 * Builders that keep hand-written IR short in tests. They build exactly the node asked for
 * (unlike {@link Exprs}, which simplifies), so a test controls the shape it checks.
 */
final class Ir {

  private Ir() {}

  static Variable param(String name) {
    return Variable.parameter(name, Type.DOUBLE);
  }

  static Variable param(String name, Type type) {
    return Variable.parameter(name, type);
  }

  static Variable local(String name) {
    return Variable.local(name, Type.DOUBLE);
  }

  static Variable local(String name, Type type) {
    return Variable.local(name, type);
  }

  static Expr read(Variable v) {
    return new Expr.Read(v);
  }

  static Expr num(double value) {
    return Expr.Literal.ofDouble(value);
  }

  static Expr integer(int value) {
    return Expr.Literal.ofInt(value);
  }

  static Expr plus(Expr a, Expr b) {
    return new Expr.Binary(BinaryOp.ADD, a, b);
  }

  static Expr minus(Expr a, Expr b) {
    return new Expr.Binary(BinaryOp.SUB, a, b);
  }

  static Expr times(Expr a, Expr b) {
    return new Expr.Binary(BinaryOp.MUL, a, b);
  }

  static Expr over(Expr a, Expr b) {
    return new Expr.Binary(BinaryOp.DIV, a, b);
  }

  static Expr binary(BinaryOp op, Expr a, Expr b) {
    return new Expr.Binary(op, a, b);
  }

  static Expr neg(Expr a) {
    return new Expr.Unary(UnaryOp.NEG, a);
  }

  static Expr not(Expr a) {
    return new Expr.Unary(UnaryOp.NOT, a);
  }

  static Expr cond(Expr condition, Expr whenTrue, Expr whenFalse) {
    return new Expr.Conditional(condition, whenTrue, whenFalse);
  }

  static Expr cast(Type type, Expr operand) {
    return new Expr.Cast(type, operand);
  }

  static Expr call(MathFunction function, Expr... arguments) {
    return new Expr.MathCall(function, false, Arrays.asList(arguments));
  }

  static Stmt declare(Variable v, Expr init) {
    return new Stmt.Declare(v, init, SourcePos.NONE);
  }

  static Stmt assign(Variable v, Expr value) {
    return new Stmt.Assign(v, value, SourcePos.NONE);
  }

  static Stmt ifThen(Expr condition, Stmt... whenTrue) {
    return new Stmt.If(condition, List.of(whenTrue), List.of(), SourcePos.NONE);
  }

  static Stmt ret(Expr value) {
    return new Stmt.Return(value, SourcePos.NONE);
  }

  /** {@code double name(parameters) { body }}. */
  static IrMethod method(String name, List<Variable> parameters, Stmt... body) {
    return new IrMethod(name, parameters, Type.DOUBLE, List.of(body), SourcePos.NONE);
  }

  /** The method as the front end hands it over, differentiated with respect to {@code active}. */
  static LoweredMethod lowered(IrMethod method, Variable... active) {
    return new LoweredMethod(method, List.of(active), LoweredMethod.Access.PACKAGE,
        "Model#" + method.name());
  }
}
