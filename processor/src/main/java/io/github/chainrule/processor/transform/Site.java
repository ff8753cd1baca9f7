package io.github.chainrule.processor.transform;

import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.MathFunction;

/**
 * What a derivative rule sees of the primitive it differentiates: its arguments' values and its
 * result, each a cheap atom (a variable or a literal) that the transform has already computed,
 * and a way to share a subexpression between partials.
 */
public interface Site {

  /** The value of argument {@code i}. */
  Expr argument(int i);

  /** The argument values as they are, without widening to double (for calls). */
  java.util.List<Expr> arguments();

  /** The value of the primitive itself (rules such as exp and sqrt reuse it). */
  Expr result();

  /** A call of {@code function} of the same class ({@code Math} or {@code StrictMath}). */
  Expr call(MathFunction function, Expr... arguments);

  /** {@code e} bound to a temporary, so partials that share it compute it once. */
  Expr bind(Expr e);
}
