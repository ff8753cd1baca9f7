package io.github.chainrule.processor.analysis;

import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.Exprs;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.IrWalk;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes assignments whose value nothing reads, by backward liveness over the structured IR (a
 * fixpoint around loops). A forward-mode method needs only the primal values its tangents read;
 * the rest of the primal computation goes, and so do flags nothing tests. Statements that could
 * throw (integer division, array access, calls) stay, so the generated code fails where the
 * original would.
 */
public final class DeadCode {

  private DeadCode() {}

  public static IrMethod eliminate(IrMethod method) {
    List<Stmt> body = block(method.body(), new HashSet<>());
    // A declaration without a value stays while anything reads or assigns the variable.
    Set<Variable> used = new HashSet<>();
    body.forEach(s -> IrWalk.reads(s, used::add));
    IrWalk.forEachStatement(body, s -> {
      if (s instanceof Stmt.Assign a) {
        used.add(a.variable());
      }
    });
    return new IrMethod(method.name(), method.parameters(), method.returnType(),
        dropUnusedDeclarations(body, used), method.pos());
  }

  /** The block without dead statements; {@code live} goes from live-out to live-in. */
  private static List<Stmt> block(List<Stmt> statements, Set<Variable> live) {
    List<Stmt> kept = new ArrayList<>();
    for (int i = statements.size() - 1; i >= 0; i--) {
      Stmt k = statement(statements.get(i), live);
      if (k != null) {
        kept.add(k);
      }
    }
    Collections.reverse(kept);
    return kept;
  }

  private static Stmt statement(Stmt s, Set<Variable> live) {
    if (s instanceof Stmt.Return || s instanceof Stmt.Push || s instanceof Stmt.ArrayStore
        || s instanceof Stmt.Effect || s instanceof Stmt.LengthCheck
        || s instanceof Stmt.Release) {
      IrWalk.reads(s, live::add);
      return s;
    }
    if (s instanceof Stmt.Declare d) {
      if (d.init() == null) {
        return s;
      }
      boolean needed = live.remove(d.variable()) || IrWalk.mayThrow(d.init());
      if (!needed) {
        // A declaration with a constant may only be giving the variable its scope (the reverse
        // sweep hoists declarations); it goes later if nothing uses the variable at all.
        return d.init() instanceof Expr.Literal
            ? s
            : new Stmt.Declare(d.variable(), Exprs.defaultValue(d.variable().type()), d.pos());
      }
      IrWalk.reads(d.init(), live::add);
      return s;
    }
    if (s instanceof Stmt.Assign a) {
      boolean needed = live.contains(a.variable()) || IrWalk.mayThrow(a.value());
      if (!needed) {
        return null;
      }
      live.remove(a.variable());
      IrWalk.reads(a.value(), live::add);
      return s;
    }
    if (s instanceof Stmt.If i) {
      Set<Variable> trueLive = new HashSet<>(live);
      List<Stmt> whenTrue = block(i.whenTrue(), trueLive);
      Set<Variable> falseLive = new HashSet<>(live);
      List<Stmt> whenFalse = block(i.whenFalse(), falseLive);
      if (whenTrue.isEmpty() && whenFalse.isEmpty() && !IrWalk.mayThrow(i.condition())) {
        return null;
      }
      live.addAll(trueLive);
      live.addAll(falseLive);
      IrWalk.reads(i.condition(), live::add);
      return new Stmt.If(i.condition(), whenTrue, whenFalse, i.pos());
    }
    if (s instanceof Stmt.While w) {
      List<Stmt> body = loopBody(w.body(), w.condition(), null, live);
      return new Stmt.While(w.condition(), body, List.of(), w.label(), w.pos());
    }
    if (s instanceof Stmt.For f) {
      List<Stmt> body = loopBody(f.body(), f.to(), f.index(), live);
      IrWalk.reads(f.from(), live::add);
      return f.withBody(body);
    }
    throw new IllegalStateException("unknown statement " + s);
  }

  /** Liveness around a loop: what the next iteration reads is live at the end of the body. */
  private static List<Stmt> loopBody(List<Stmt> body, Expr condition, Variable index,
      Set<Variable> live) {
    Set<Variable> head = new HashSet<>(live);
    IrWalk.reads(condition, head::add);
    if (index != null) {
      head.add(index);
    }
    while (true) {
      Set<Variable> in = new HashSet<>(head);
      block(body, in);
      if (!head.addAll(in)) {
        break;
      }
    }
    List<Stmt> kept = block(body, new HashSet<>(head));
    live.addAll(head);
    return kept;
  }

  private static List<Stmt> dropUnusedDeclarations(List<Stmt> body, Set<Variable> used) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare d && (d.init() == null || d.init() instanceof Expr.Literal)
          && !used.contains(d.variable())) {
        continue;
      }
      if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), dropUnusedDeclarations(i.whenTrue(), used),
            dropUnusedDeclarations(i.whenFalse(), used), i.pos()));
      } else if (s instanceof Stmt.While w) {
        out.add(new Stmt.While(w.condition(), dropUnusedDeclarations(w.body(), used), List.of(),
            w.label(), w.pos()));
      } else if (s instanceof Stmt.For f) {
        out.add(f.withBody(dropUnusedDeclarations(f.body(), used)));
      } else {
        out.add(s);
      }
    }
    return out;
  }
}
