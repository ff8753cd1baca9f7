package io.github.chainrule.processor.analysis;

import io.github.chainrule.processor.ir.BinaryOp;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.IrWalk;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.Variable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds counted loops whose iterations depend on one another only through sums: every iteration
 * computes what it reads from its index and from values the loop never writes. Each scalar the
 * body assigns is assigned before the iteration reads it, or is a sum the body only adds to and
 * never reads; each array the body writes is written in full (a loop over all its indices) before
 * the iteration reads it. Reverse mode can then rerun one iteration, taping it, just before
 * reversing it: the tape holds one iteration instead of the whole loop (the loop over the points
 * of a mixture model, with its per-point scratch arrays).
 *
 * <p>Bodies that call a non-differentiable method are left out: the rerun would repeat its
 * effects.
 */
public final class IndependentIterations {

  private final Set<Variable> sums;
  private final Set<Variable> overwritten;
  private final Set<Variable> reads;

  private IndependentIterations(Set<Variable> sums, Set<Variable> overwritten,
      Set<Variable> reads) {
    this.sums = sums;
    this.overwritten = overwritten;
    this.reads = reads;
  }

  /** Scalars from outside the loop that the body only adds to. */
  public Set<Variable> sums() {
    return sums;
  }

  /** What the body writes that lives outside it, sums aside: rerunning writes it again. */
  public Set<Variable> overwritten() {
    return overwritten;
  }

  /** Everything the body writes that lives outside it: the sums and what it overwrites. */
  public Set<Variable> written() {
    Set<Variable> all = new HashSet<>(sums);
    all.addAll(overwritten);
    return all;
  }

  /** Every variable the body and the bounds read: rerunning reads them again. */
  public Set<Variable> reads() {
    return reads;
  }

  /**
   * The loop's independence, or null when an iteration reads something an earlier one wrote.
   *
   * @param methodBody the whole method, where the lengths of the arrays are found
   */
  public static IndependentIterations of(Stmt.For loop, List<Stmt> methodBody) {
    if (loop.isCheckpointed() || callsOutside(loop.body())) {
      return null;
    }
    Set<Variable> declaredInside = new HashSet<>();
    IrWalk.forEachStatement(loop.body(), s -> {
      if (s instanceof Stmt.Declare d) {
        declaredInside.add(d.variable());
      } else if (s instanceof Stmt.For f && f.declaresIndex()) {
        declaredInside.add(f.index());
      }
    });
    Set<Variable> state = new HashSet<>(IrWalk.assigned(loop.body()));
    state.removeAll(declaredInside);
    state.remove(loop.index());
    Set<Variable> sums = new HashSet<>();
    for (Variable v : state) {
      if (!v.type().isArray() && v.type() != Type.BOOLEAN && isOnlySummedInto(v, loop.body())) {
        sums.add(v);
      }
    }
    Set<Variable> overwritten = new HashSet<>(state);
    overwritten.removeAll(sums);
    Walk walk = new Walk(overwritten, FullWrites.of(methodBody));
    if (!walk.block(loop.body(), new HashSet<>())) {
      return null;
    }
    Set<Variable> reads = new HashSet<>();
    IrWalk.forEachStatement(loop.body(), s -> IrWalk.expressions(s)
        .forEach(e -> IrWalk.reads(e, reads::add)));
    IrWalk.reads(loop.from(), reads::add);
    IrWalk.reads(loop.to(), reads::add);
    return new IndependentIterations(sums, overwritten, reads);
  }

  private static boolean callsOutside(List<Stmt> body) {
    boolean[] found = {false};
    IrWalk.forEachStatement(body, s -> IrWalk.expressions(s).forEach(e ->
        found[0] |= IrWalk.anyExpression(e, x -> x instanceof Expr.StaticCall)));
    return found[0];
  }

  /** Whether every assignment of v in the body is v = v ± e with e not reading v, and no other
   * statement reads v. */
  private static boolean isOnlySummedInto(Variable v, List<Stmt> body) {
    boolean[] ok = {true};
    IrWalk.forEachStatement(body, s -> {
      if (s instanceof Stmt.Assign a && a.variable() == v) {
        ok[0] &= a.value() instanceof Expr.Binary b
            && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
            && b.left() instanceof Expr.Read r && r.variable() == v
            && !IrWalk.readsVariable(b.right(), v);
      } else {
        ok[0] &= IrWalk.expressions(s).stream().noneMatch(e -> IrWalk.readsVariable(e, v));
      }
    });
    return ok[0];
  }

  /**
   * Definite assignment over one iteration: what the iteration has written so far (scalars
   * assigned, arrays written in full); a read of anything else the loop writes is a dependence on
   * an earlier iteration.
   */
  private static final class Walk {
    private final Set<Variable> overwritten;
    private final FullWrites fullWrites;

    Walk(Set<Variable> overwritten, FullWrites fullWrites) {
      this.overwritten = overwritten;
      this.fullWrites = fullWrites;
    }

    boolean block(List<Stmt> body, Set<Variable> written) {
      for (Stmt s : body) {
        if (!statement(s, written)) {
          return false;
        }
      }
      return true;
    }

    private boolean statement(Stmt s, Set<Variable> written) {
      if (s instanceof Stmt.Declare d) {
        written.add(d.variable());
        return d.init() == null || readsWritten(d.init(), written);
      }
      if (s instanceof Stmt.Assign a) {
        // A sum's own reads of itself are not reads of an earlier iteration's value.
        Expr value = a.value();
        if (!overwritten.contains(a.variable()) && value instanceof Expr.Binary b
            && b.left() instanceof Expr.Read r && r.variable() == a.variable()) {
          value = b.right();
        }
        boolean ok = readsWritten(value, written);
        written.add(a.variable());
        return ok;
      }
      if (s instanceof Stmt.ArrayStore a) {
        return readsWritten(a.index(), written) && readsWritten(a.value(), written);
      }
      if (s instanceof Stmt.If i) {
        Set<Variable> whenFalse = new HashSet<>(written);
        Set<Variable> whenTrue = new HashSet<>(written);
        boolean ok = readsWritten(i.condition(), written) && block(i.whenTrue(), whenTrue)
            && block(i.whenFalse(), whenFalse);
        whenTrue.retainAll(whenFalse);
        written.addAll(whenTrue);
        return ok;
      }
      if (s instanceof Stmt.While w) {
        return readsWritten(w.condition(), written)
            && block(w.body(), new HashSet<>(written));
      }
      if (s instanceof Stmt.For f) {
        if (!readsWritten(f.from(), written) || !readsWritten(f.to(), written)) {
          return false;
        }
        Set<Variable> inside = new HashSet<>(written);
        inside.add(f.index());
        if (!block(f.body(), inside)) {
          return false;
        }
        written.add(f.index());
        Variable full = fullWrites.arrayWrittenInFull(f);
        if (full != null) {
          written.add(full);
        }
        return true;
      }
      return false;
    }

    private boolean readsWritten(Expr e, Set<Variable> written) {
      boolean[] ok = {true};
      IrWalk.reads(e, v -> ok[0] &= !overwritten.contains(v) || written.contains(v));
      return ok[0];
    }
  }
}
