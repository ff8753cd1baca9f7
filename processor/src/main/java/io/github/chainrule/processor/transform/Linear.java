package io.github.chainrule.processor.transform;

import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.Variable;
import java.util.List;

/**
 * The linear part of an expression, as {@link Linearizer} leaves it: how a derivative of the value
 * is made of derivatives of the active variables it reads. The tangent transform evaluates it
 * from the leaves up, the adjoint transform from the root down (its transpose), with the same
 * partials.
 */
sealed interface Linear {

  /** An active variable read by the expression. */
  record Leaf(Variable variable) implements Linear {}

  /** An element of an active array, {@code array[index]}; the index carries no derivative. */
  record Element(Variable array, Expr index) implements Linear {}

  /**
   * A call of a method with derivatives: the call with its arguments already computed into atoms,
   * and the linear part of each argument (null where none flows into the callee). Forward mode
   * calls the callee's forward entry, reverse mode its pullback.
   */
  record Call(Expr.Call call, List<Linear> arguments) implements Linear {
    public Call {
      arguments = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(arguments));
    }
  }

  /** {@code Σ partialᵢ(childᵢ)} over the active operands of one primitive. */
  record Node(List<Term> terms) implements Linear {
    public Node {
      terms = List.copyOf(terms);
    }
  }

  /** One operand of a primitive: its partial, the atoms the partial reads, the operand. */
  record Term(Rules.Partial partial, Atoms atoms, Linear operand) {}

  /** The primal values a primitive's partials may read, already computed into atoms. */
  record Atoms(List<Expr> arguments, Expr result, boolean strictMath) {}

  /** Whether {@code v} is among the leaves. */
  static boolean reads(Linear linear, Variable v) {
    if (linear instanceof Leaf leaf) {
      return leaf.variable() == v;
    }
    if (linear instanceof Element element) {
      return element.array() == v;
    }
    if (linear instanceof Call call) {
      return call.arguments().stream().anyMatch(a -> a != null && reads(a, v));
    }
    for (Term t : ((Node) linear).terms()) {
      if (reads(t.operand(), v)) {
        return true;
      }
    }
    return false;
  }
}
