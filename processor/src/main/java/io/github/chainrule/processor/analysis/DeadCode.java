package io.github.chainrule.processor.analysis;

import io.github.chainrule.processor.ir.BinaryOp;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Removes assignments whose value nothing reads, by backward liveness over the structured IR. A
 * forward-mode method needs only the primal values its tangents read; the rest of the primal
 * computation goes. Statements that could throw (integer division, array access) stay, so the
 * generated code fails where the original would.
 */
public final class DeadCode {

  private DeadCode() {}

  public static IrMethod eliminate(IrMethod method) {
    Set<Variable> live = new HashSet<>();
    List<Stmt> body = block(method.body(), live);
    Set<Variable> used = new HashSet<>();
    body.forEach(s -> mentions(s, used::add));
    return new IrMethod(method.name(), method.parameters(), method.returnType(),
        dropUnusedDeclarations(body, used), method.pos());
  }

  /** The block without dead statements; {@code live} goes from live-out to live-in. */
  private static List<Stmt> block(List<Stmt> statements, Set<Variable> live) {
    List<Stmt> kept = new ArrayList<>();
    for (int i = statements.size() - 1; i >= 0; i--) {
      Stmt s = statements.get(i);
      Stmt k = statement(s, live);
      if (k != null) {
        kept.add(k);
      }
    }
    Collections.reverse(kept);
    return kept;
  }

  private static Stmt statement(Stmt s, Set<Variable> live) {
    if (s instanceof Stmt.Return r) {
      reads(r.value(), live::add);
      return s;
    }
    if (s instanceof Stmt.Declare d) {
      if (d.init() == null) {
        return s;
      }
      boolean needed = live.remove(d.variable()) || mayThrow(d.init());
      if (needed) {
        reads(d.init(), live::add);
        return s;
      }
      return null;
    }
    if (s instanceof Stmt.Assign a) {
      boolean needed = live.contains(a.variable()) || mayThrow(a.value());
      if (needed) {
        live.remove(a.variable());
        reads(a.value(), live::add);
        return s;
      }
      return null;
    }
    if (s instanceof Stmt.ArrayStore a) {
      live.add(a.array());
      reads(a.index(), live::add);
      reads(a.value(), live::add);
      return s;
    }
    if (s instanceof Stmt.If i) {
      Set<Variable> trueLive = new HashSet<>(live);
      List<Stmt> whenTrue = block(i.whenTrue(), trueLive);
      Set<Variable> falseLive = new HashSet<>(live);
      List<Stmt> whenFalse = block(i.whenFalse(), falseLive);
      if (whenTrue.isEmpty() && whenFalse.isEmpty() && !mayThrow(i.condition())) {
        return null;
      }
      live.addAll(trueLive);
      live.addAll(falseLive);
      reads(i.condition(), live::add);
      return new Stmt.If(i.condition(), whenTrue, whenFalse, i.pos());
    }
    throw new IllegalStateException("unknown statement " + s);
  }

  private static List<Stmt> dropUnusedDeclarations(List<Stmt> body, Set<Variable> used) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare d && d.init() == null && !used.contains(d.variable())) {
        continue;
      }
      if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), dropUnusedDeclarations(i.whenTrue(), used),
            dropUnusedDeclarations(i.whenFalse(), used), i.pos()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** Every variable a statement reads or writes, other than by its own declaration. */
  private static void mentions(Stmt s, Consumer<Variable> sink) {
    if (s instanceof Stmt.Declare d && d.init() != null) {
      reads(d.init(), sink);
    } else if (s instanceof Stmt.Assign a) {
      sink.accept(a.variable());
      reads(a.value(), sink);
    } else if (s instanceof Stmt.ArrayStore a) {
      sink.accept(a.array());
      reads(a.index(), sink);
      reads(a.value(), sink);
    } else if (s instanceof Stmt.If i) {
      reads(i.condition(), sink);
      i.whenTrue().forEach(t -> mentions(t, sink));
      i.whenFalse().forEach(t -> mentions(t, sink));
    } else if (s instanceof Stmt.Return r) {
      reads(r.value(), sink);
    }
  }

  /** Every variable an expression reads. */
  public static void reads(Expr e, Consumer<Variable> sink) {
    if (e instanceof Expr.Read r) {
      sink.accept(r.variable());
    } else if (e instanceof Expr.Unary u) {
      reads(u.operand(), sink);
    } else if (e instanceof Expr.Binary b) {
      reads(b.left(), sink);
      reads(b.right(), sink);
    } else if (e instanceof Expr.Conditional c) {
      reads(c.condition(), sink);
      reads(c.whenTrue(), sink);
      reads(c.whenFalse(), sink);
    } else if (e instanceof Expr.Cast c) {
      reads(c.operand(), sink);
    } else if (e instanceof Expr.MathCall m) {
      m.arguments().forEach(a -> reads(a, sink));
    } else if (e instanceof Expr.ArrayLoad a) {
      reads(a.array(), sink);
      reads(a.index(), sink);
    } else if (e instanceof Expr.ArrayLength a) {
      reads(a.array(), sink);
    }
  }

  /** Whether evaluating {@code e} can throw: integer division or remainder, array access. */
  static boolean mayThrow(Expr e) {
    if (e instanceof Expr.Binary b) {
      boolean integerDivision = (b.op() == BinaryOp.DIV || b.op() == BinaryOp.REM)
          && b.type().isIntegral();
      return integerDivision || mayThrow(b.left()) || mayThrow(b.right());
    }
    if (e instanceof Expr.Unary u) {
      return mayThrow(u.operand());
    }
    if (e instanceof Expr.Conditional c) {
      return mayThrow(c.condition()) || mayThrow(c.whenTrue()) || mayThrow(c.whenFalse());
    }
    if (e instanceof Expr.Cast c) {
      return mayThrow(c.operand());
    }
    if (e instanceof Expr.MathCall m) {
      return m.arguments().stream().anyMatch(DeadCode::mayThrow);
    }
    return e instanceof Expr.ArrayLoad || e instanceof Expr.ArrayLength;
  }
}
