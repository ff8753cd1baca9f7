package io.github.chainrule.processor.transform;

import io.github.chainrule.processor.ir.BinaryOp;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.Exprs;
import io.github.chainrule.processor.ir.IrWalk;
import io.github.chainrule.processor.ir.MathFunction;
import io.github.chainrule.processor.ir.SourcePos;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Edits of statement lists that reverse mode makes once it has written a sweep: dropping saves or
 * assignments, moving declarations to the top, copying loop state in and out. Plain functions
 * over the IR, apart from the adjoint transform's bookkeeping.
 */
final class StatementEdits {

  private StatementEdits() {}

  static boolean pushesInNestedLoop(List<Stmt> body) {
    boolean[] found = {false};
    IrWalk.forEachStatement(body, s -> {
      if (s instanceof Stmt.For || s instanceof Stmt.While) {
        IrWalk.forEachStatement(IrWalk.nestedBlocks(s).get(0),
            inner -> found[0] |= inner instanceof Stmt.Push);
      }
    });
    return found[0];
  }

  /** The statements without their saves: the primal alone. */
  static List<Stmt> withoutPushes(List<Stmt> body) {
    return filter(body, s -> !(s instanceof Stmt.Push));
  }

  /** The statements without the assignments to {@code sums}: a rerun must not add twice. */
  static List<Stmt> withoutAssignments(List<Stmt> body, Set<Variable> sums) {
    return filter(body, s -> !(s instanceof Stmt.Assign a && sums.contains(a.variable())));
  }

  static List<Stmt> filter(List<Stmt> body, Predicate<Stmt> keep) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (!keep.test(s)) {
        continue;
      }
      if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), filter(i.whenTrue(), keep),
            filter(i.whenFalse(), keep), i.pos()));
      } else if (s instanceof Stmt.While w) {
        out.add(Stmt.While.of(w.condition(), filter(w.body(), keep), w.pos()));
      } else if (s instanceof Stmt.For loop) {
        out.add(loop.withBody(filter(loop.body(), keep)));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** The index's value after a counted loop with invariant bounds, e.g. max(from, to). */
  static Expr endIndex(Stmt.For loop) {
    Expr from = loop.from();
    Expr to = loop.to();
    switch (loop.comparison()) {
      case LT: return new Expr.MathCall(MathFunction.MAX, false,
          List.of(from, to));
      case LE: return new Expr.MathCall(MathFunction.MAX, false,
          List.of(from, new Expr.Binary(BinaryOp.ADD, to, Expr.Literal.ofInt(1))));
      case GT: return new Expr.MathCall(MathFunction.MIN, false,
          List.of(from, to));
      default: return new Expr.MathCall(MathFunction.MIN, false,
          List.of(from, new Expr.Binary(BinaryOp.SUB, to, Expr.Literal.ofInt(1))));
    }
  }

  static void restoreEntry(List<Variable> state, Map<Variable, Variable> entry,
      List<Stmt> out, SourcePos pos) {
    for (Variable v : state) {
      Variable copy = entry.get(v);
      if (v.type().isArray()) {
        Variable k = Variable.generated("k", Type.INT);
        out.add(new Stmt.For(k, true, Expr.Literal.ofInt(0), BinaryOp.LT,
            new Expr.ArrayLength(Exprs.read(v)), 1, List.of(new Stmt.ArrayStore(v, Exprs.read(k),
                new Expr.ArrayLoad(Exprs.read(copy), Exprs.read(k)), pos)), null, pos));
      } else {
        out.add(new Stmt.Assign(v, Exprs.read(copy), pos));
      }
    }
  }

  /** Copies the state into snapshot slot {@code check} ({@code take}) or back out of it. */
  static List<Stmt> copies(List<Variable> state, Map<Variable, Variable> slots,
      Expr check, boolean take, SourcePos pos) {
    List<Stmt> out = new ArrayList<>();
    for (Variable v : state) {
      Variable slot = slots.get(v);
      if (v.type().isArray()) {
        Variable k = Variable.generated("k", Type.INT);
        Expr at = new Expr.Binary(BinaryOp.ADD, new Expr.Binary(BinaryOp.MUL, check,
            new Expr.ArrayLength(Exprs.read(v))), Exprs.read(k));
        Stmt copy = take
            ? new Stmt.ArrayStore(slot, at, new Expr.ArrayLoad(Exprs.read(v), Exprs.read(k)), pos)
            : new Stmt.ArrayStore(v, Exprs.read(k), new Expr.ArrayLoad(Exprs.read(slot), at), pos);
        out.add(new Stmt.For(k, true, Expr.Literal.ofInt(0), BinaryOp.LT,
            new Expr.ArrayLength(Exprs.read(v)), 1, List.of(copy), null, pos));
      } else {
        out.add(take
            ? new Stmt.ArrayStore(slot, check, Exprs.read(v), pos)
            : new Stmt.Assign(v, new Expr.ArrayLoad(Exprs.read(slot), check), pos));
      }
    }
    return out;
  }

  /**
   * Declarations inside branches and loops of the forward sweep become assignments, declared
   * with a default value at the top: the reverse sweep, outside those blocks, reads them.
   */
  static List<Stmt> hoistNestedDeclarations(List<Stmt> forward) {
    List<Stmt> hoisted = new ArrayList<>();
    List<Stmt> body = new ArrayList<>();
    for (Stmt s : forward) {
      body.add(undeclareInside(s, hoisted));
    }
    hoisted.addAll(body);
    return hoisted;
  }

  static Stmt undeclareInside(Stmt s, List<Stmt> hoisted) {
    if (s instanceof Stmt.If i) {
      return new Stmt.If(i.condition(), undeclare(i.whenTrue(), hoisted),
          undeclare(i.whenFalse(), hoisted), i.pos());
    }
    if (s instanceof Stmt.While w) {
      return Stmt.While.of(w.condition(), undeclare(w.body(), hoisted), w.pos());
    }
    if (s instanceof Stmt.For f) {
      return f.withBody(undeclare(f.body(), hoisted));
    }
    return s;
  }

  static List<Stmt> undeclare(List<Stmt> block, List<Stmt> hoisted) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.Declare d) {
        hoisted.add(new Stmt.Declare(d.variable(), Exprs.defaultValue(d.variable().type()),
            SourcePos.NONE));
        if (d.init() != null) {
          out.add(new Stmt.Assign(d.variable(), d.init(), d.pos()));
        }
      } else {
        out.add(undeclareInside(s, hoisted));
      }
    }
    return out;
  }

  /**
   * The body without the loops that zero {@code fresh} before anything else writes it: the
   * pullback overwrites its gradient, but fHvp's result and fJacobian's rows are new arrays.
   */
  static List<Stmt> withoutZeroFill(List<Stmt> body, Variable fresh) {
    List<Stmt> out = new ArrayList<>();
    boolean written = false;
    for (Stmt s : body) {
      if (!written && s instanceof Stmt.For loop && loop.body().size() == 1
          && loop.body().get(0) instanceof Stmt.ArrayStore store && store.array() == fresh
          && store.value() instanceof Expr.Literal zero && zero.denotes(0.0)) {
        continue;
      }
      written |= IrWalk.assigned(List.of(s)).contains(fresh) || s instanceof Stmt.Effect;
      out.add(s);
    }
    return out;
  }
}
