package io.github.chainrule.processor.analysis;

import io.github.chainrule.processor.ir.BinaryOp;
import io.github.chainrule.processor.ir.Expr;
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

/**
 * How the rest of a method passes a variable's value on to the result, when it adds it with a
 * constant factor: in {@code err = c + slse - n * lse; return err + prior;} the result's
 * derivative with respect to {@code slse} is 1 whatever the inputs. Reverse mode then knows that
 * adjoint before running the rest, and can reverse a loop summing into {@code slse} in the same
 * pass as the loop itself.
 *
 * <p>The rest is read backwards from the return: a top-level assignment passes its target's
 * coefficient to each variable its value adds (through {@code + - } unary minus and products
 * with a literal); anything else reaching the result (a product of two variables, a call, a
 * branch or a loop assigning something that reaches it) makes every variable it reads unknown.
 */
public final class ResultCoefficients {

  private final Map<Variable, Double> coefficients = new HashMap<>();
  private final Set<Variable> unknown = new HashSet<>();

  private ResultCoefficients() {}

  /**
   * The coefficient of each of {@code wanted} (0 when it does not reach the result) just before
   * {@code rest}, the statements that end the method with its return; null when one of them is
   * not passed on with a constant factor.
   */
  public static Map<Variable, Double> of(List<Stmt> rest, Set<Variable> wanted) {
    ResultCoefficients r = new ResultCoefficients();
    for (int i = rest.size() - 1; i >= 0; i--) {
      r.statement(rest.get(i));
    }
    Map<Variable, Double> out = new HashMap<>();
    for (Variable v : wanted) {
      if (r.unknown.contains(v)) {
        return null;
      }
      out.put(v, r.coefficients.getOrDefault(v, 0.0));
    }
    return out;
  }

  private void statement(Stmt s) {
    if (s instanceof Stmt.Return r) {
      add(r.value(), 1.0);
    } else if (s instanceof Stmt.Declare d && d.init() != null) {
      assign(d.variable(), d.init());
    } else if (s instanceof Stmt.Assign a) {
      assign(a.variable(), a.value());
    } else if (s instanceof Stmt.Declare) {
      coefficients.remove(((Stmt.Declare) s).variable());
    } else {
      // A store, a branch or a loop: whatever it writes that reaches the result now depends on
      // whatever it reads, in a way not followed here.
      Set<Variable> written = IrWalk.assigned(List.of(s));
      boolean reaches = written.stream()
          .anyMatch(v -> coefficients.containsKey(v) || unknown.contains(v));
      if (reaches) {
        unknown.addAll(written);
        written.forEach(coefficients::remove);
        IrWalk.reads(s, unknown::add);
      }
    }
  }

  /** {@code target = value}: the target's coefficient goes to what the value adds. */
  private void assign(Variable target, Expr value) {
    if (unknown.remove(target)) {
      IrWalk.reads(value, unknown::add);
      return;
    }
    Double c = coefficients.remove(target);
    if (c != null) {
      add(value, c);
    }
  }

  private void add(Expr e, double scale) {
    if (e instanceof Expr.Read r) {
      if (!unknown.contains(r.variable())) {
        coefficients.merge(r.variable(), scale, Double::sum);
      }
    } else if (e instanceof Expr.Binary b && b.op() == BinaryOp.ADD) {
      add(b.left(), scale);
      add(b.right(), scale);
    } else if (e instanceof Expr.Binary b && b.op() == BinaryOp.SUB) {
      add(b.left(), scale);
      add(b.right(), -scale);
    } else if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
      add(u.operand(), -scale);
    } else if (e instanceof Expr.Binary b && b.op() == BinaryOp.MUL && literal(b.left()) != null) {
      add(b.right(), scale * literal(b.left()));
    } else if (e instanceof Expr.Binary b && b.op() == BinaryOp.MUL
        && literal(b.right()) != null) {
      add(b.left(), scale * literal(b.right()));
    } else if (e instanceof Expr.Cast c && c.type() == Type.DOUBLE) {
      add(c.operand(), scale);
    } else if (!(e instanceof Expr.Literal)) {
      IrWalk.reads(e, v -> {
        unknown.add(v);
        coefficients.remove(v);
      });
    }
  }

  private static Double literal(Expr e) {
    if (e instanceof Expr.Literal l && (l.type() == Type.DOUBLE
        || l.type() == Type.INT && l.text().matches("0|[1-9][0-9_]*"))) {
      try {
        return Double.parseDouble(l.text().replace("_", ""));
      } catch (NumberFormatException notPlain) {
        return null;
      }
    }
    return null;
  }
}
