package io.github.chainrule.processor.analysis;

import io.github.chainrule.processor.ir.BinaryOp;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.Exprs;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the first increment of an accumulator into an assignment: {@code v += e} where {@code v}
 * is known to hold 0 becomes {@code v = e}. Reverse mode declares every adjoint as 0, adds each
 * contribution, and zeroes it again once its variable is dead; the add onto a known zero is work
 * the JIT may not drop (0.0 + e is not e when e is −0.0), and the reset it needed then goes as dead
 * code. The only difference in value is the sign of a zero derivative.
 *
 * <p>A forward pass over the structured IR: after a branch, a variable is known zero if it is on
 * both paths; at a loop's head, if it is before the loop and at the end of the body.
 */
public final class KnownZeros {

  private final boolean rewrite;

  private KnownZeros(boolean rewrite) {
    this.rewrite = rewrite;
  }

  public static IrMethod apply(IrMethod method) {
    List<Stmt> body = new KnownZeros(true).block(method.body(), new HashSet<>());
    return method.withBody(body);
  }

  /** The block rewritten; {@code zeros} goes from the known zeros before it to those after. */
  private List<Stmt> block(List<Stmt> statements, Set<Variable> zeros) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      out.add(statement(s, zeros));
    }
    return out;
  }

  private Stmt statement(Stmt s, Set<Variable> zeros) {
    if (s instanceof Stmt.Declare d) {
      assign(d.variable(), d.init(), zeros);
      return s;
    }
    if (s instanceof Stmt.Assign a) {
      Variable v = a.variable();
      if (rewrite && zeros.contains(v) && a.value() instanceof Expr.Binary b
          && b.left() instanceof Expr.Read r && r.variable() == v
          && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)) {
        Expr value = b.op() == BinaryOp.ADD ? b.right() : Exprs.neg(b.right());
        assign(v, value, zeros);
        return new Stmt.Assign(v, value, a.pos());
      }
      assign(v, a.value(), zeros);
      return s;
    }
    if (s instanceof Stmt.If i) {
      Set<Variable> whenFalse = new HashSet<>(zeros);
      List<Stmt> trueBranch = block(i.whenTrue(), zeros);
      List<Stmt> falseBranch = block(i.whenFalse(), whenFalse);
      zeros.retainAll(whenFalse);
      return new Stmt.If(i.condition(), trueBranch, falseBranch, i.pos());
    }
    if (s instanceof Stmt.While w) {
      return Stmt.While.of(w.condition(), loopBody(w.body(), zeros), w.pos());
    }
    if (s instanceof Stmt.For f) {
      return f.withBody(loopBody(f.body(), zeros));
    }
    return s;
  }

  /** The zeros at a loop's head: those before it that every iteration leaves zero. */
  private List<Stmt> loopBody(List<Stmt> body, Set<Variable> zeros) {
    KnownZeros look = new KnownZeros(false);
    while (true) {
      Set<Variable> end = new HashSet<>(zeros);
      look.block(body, end);
      if (end.containsAll(zeros)) {
        break;
      }
      zeros.retainAll(end);
    }
    return block(body, new HashSet<>(zeros));
  }

  private static void assign(Variable v, Expr value, Set<Variable> zeros) {
    if (v.type() == Type.DOUBLE && value instanceof Expr.Literal l && isPositiveZero(l)) {
      zeros.add(v);
    } else {
      zeros.remove(v);
    }
  }

  private static boolean isPositiveZero(Expr.Literal l) {
    return l.denotes(0.0) && !l.text().startsWith("-");
  }
}
