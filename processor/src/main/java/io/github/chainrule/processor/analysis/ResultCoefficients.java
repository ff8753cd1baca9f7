package io.github.chainrule.processor.analysis;

import io.github.chainrule.processor.ir.BinaryOp;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.Exprs;
import io.github.chainrule.processor.ir.IrWalk;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.UnaryOp;
import io.github.chainrule.processor.ir.Variable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How the rest of a method passes a variable's value on to the result, when it adds it with a
 * factor known in advance: in {@code err = c + slse - n * lse; return err + prior;} the result's
 * derivative with respect to {@code slse} is 1, in {@code return s / rows;} it is
 * {@code 1 / rows}, whatever the inputs. Reverse mode then knows that adjoint before running the
 * rest, and can reverse a loop summing into {@code slse} in the same pass as the loop itself.
 *
 * <p>The rest is read backwards from the return: a top-level assignment passes its target's
 * factor to each variable its value adds, through {@code + -}, unary minus, and products and
 * quotients by a fixed factor (literals and variables nothing changes from the loop on, combined
 * without anything that could throw). Anything else reaching the result (a product of two
 * values, a call, a branch or a loop assigning something that reaches it) makes every variable it
 * reads unknown.
 */
public final class ResultCoefficients {

  private final Predicate<Variable> fixed;
  private final Map<Variable, Expr> coefficients = new HashMap<>();
  private final Set<Variable> unknown = new HashSet<>();

  private ResultCoefficients(Predicate<Variable> fixed) {
    this.fixed = fixed;
  }

  /**
   * The factor of each of {@code wanted} (null when it does not reach the result) just before
   * {@code rest}, the statements that end the method with its return; null when one of them is
   * not passed on with a fixed factor.
   *
   * @param fixed the variables whose values do not change from the point of interest to the end
   *     of the method: a factor may read them
   */
  public static Map<Variable, Expr> of(List<Stmt> rest, Set<Variable> wanted,
      Predicate<Variable> fixed) {
    ResultCoefficients r = new ResultCoefficients(fixed);
    for (int i = rest.size() - 1; i >= 0; i--) {
      r.statement(rest.get(i));
    }
    Map<Variable, Expr> out = new HashMap<>();
    for (Variable v : wanted) {
      if (r.unknown.contains(v)) {
        return null;
      }
      out.put(v, r.coefficients.get(v));
    }
    return out;
  }

  private void statement(Stmt s) {
    if (s instanceof Stmt.Return r) {
      add(r.value(), Exprs.literal(1.0));
    } else if (s instanceof Stmt.Declare d && d.init() != null) {
      assign(d.variable(), d.init());
    } else if (s instanceof Stmt.Assign a) {
      assign(a.variable(), a.value());
    } else if (s instanceof Stmt.Declare d) {
      coefficients.remove(d.variable());
      unknown.remove(d.variable());
    } else {
      // A store, a branch or a loop: whatever it writes that reaches the result now depends on
      // whatever it reads, in a way not followed here.
      Set<Variable> written = IrWalk.assigned(List.of(s));
      boolean reaches = written.stream()
          .anyMatch(v -> coefficients.containsKey(v) || unknown.contains(v));
      if (reaches) {
        written.forEach(this::makeUnknown);
        IrWalk.reads(s, this::makeUnknown);
      }
    }
  }

  /** {@code target = value}: the target's factor goes to what the value adds. */
  private void assign(Variable target, Expr value) {
    if (unknown.remove(target)) {
      IrWalk.reads(value, this::makeUnknown);
      return;
    }
    Expr c = coefficients.remove(target);
    if (c != null) {
      add(value, c);
    }
  }

  private void add(Expr e, Expr scale) {
    if (e instanceof Expr.Read r) {
      if (!unknown.contains(r.variable())) {
        coefficients.merge(r.variable(), scale, Exprs::add);
      }
    } else if (e instanceof Expr.Binary b && b.op() == BinaryOp.ADD) {
      add(b.left(), scale);
      add(b.right(), scale);
    } else if (e instanceof Expr.Binary b && b.op() == BinaryOp.SUB) {
      add(b.left(), scale);
      add(b.right(), Exprs.neg(scale));
    } else if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
      add(u.operand(), Exprs.neg(scale));
    } else if (e instanceof Expr.Binary b && b.op() == BinaryOp.MUL && isFixed(b.left())) {
      add(b.right(), Exprs.mul(scale, asDouble(b.left())));
    } else if (e instanceof Expr.Binary b && b.op() == BinaryOp.MUL && isFixed(b.right())) {
      add(b.left(), Exprs.mul(scale, asDouble(b.right())));
    } else if (e instanceof Expr.Binary b && b.op() == BinaryOp.DIV && isFixed(b.right())
        && b.type() == Type.DOUBLE) {
      add(b.left(), Exprs.div(scale, asDouble(b.right())));
    } else if (e instanceof Expr.Cast c && c.type() == Type.DOUBLE) {
      add(c.operand(), scale);
    } else if (!(e instanceof Expr.Literal)) {
      IrWalk.reads(e, this::makeUnknown);
    }
  }

  /** The variable reaches the result in a way not followed: no factor for it. */
  private void makeUnknown(Variable v) {
    unknown.add(v);
    coefficients.remove(v);
  }

  /** A factor known in advance: no throw, no call, only variables that do not change. */
  private boolean isFixed(Expr e) {
    boolean[] ok = {!IrWalk.mayThrow(e)};
    IrWalk.reads(e, v -> ok[0] &= fixed.test(v));
    return ok[0];
  }

  private static Expr asDouble(Expr e) {
    return e.type() == Type.DOUBLE ? e : new Expr.Cast(Type.DOUBLE, e);
  }
}
