package io.github.chainrule.processor.analysis;

import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.Exprs;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.IrWalk;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.Variable;
import io.github.chainrule.processor.ir.BinaryOp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes assignments whose value nothing reads, by backward liveness over the structured IR (a
 * fixpoint around loops). A forward-mode method needs only the primal values its tangents read;
 * the rest of the primal computation goes, and so do flags nothing tests. Statements that could
 * throw (integer division, array access, calls) stay, so the generated code fails where the
 * original would; an element read that the enclosing counted loop's bounds keep inside the array
 * cannot throw, so a forward sweep whose values the reverse sweep recomputes goes away entirely. A
 * counted loop left without a body becomes the index's final value.
 */
public final class DeadCode {

  private final Set<Variable> discardedArrays;
  /** The counted loops around the statement being looked at, innermost first. */
  private final Deque<Stmt.For> enclosingLoops = new ArrayDeque<>();

  private DeadCode(Set<Variable> discardedArrays) {
    this.discardedArrays = discardedArrays;
  }

  public static IrMethod eliminate(IrMethod method) {
    return eliminate(method, Set.of());
  }

  /**
   * As {@link #eliminate(IrMethod)}, where the stores into {@code discardedArrays} are dead too:
   * the caller throws those arrays away (the primal gradient of a Hessian-vector product).
   */
  public static IrMethod eliminate(IrMethod method, Set<Variable> discardedArrays) {
    return new DeadCode(discardedArrays).run(method);
  }

  private IrMethod run(IrMethod method) {
    List<Stmt> body = block(method.body(), new HashSet<>());
    // A declaration without a value stays while anything reads or assigns the variable.
    Set<Variable> used = new HashSet<>();
    body.forEach(s -> IrWalk.reads(s, used::add));
    IrWalk.forEachStatement(body, s -> {
      if (s instanceof Stmt.Assign a) {
        used.add(a.variable());
      }
    });
    return method.withBody(dropUnusedDeclarations(body, used));
  }

  /** The block without dead statements; {@code live} goes from live-out to live-in. */
  private List<Stmt> block(List<Stmt> statements, Set<Variable> live) {
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

  private Stmt statement(Stmt s, Set<Variable> live) {
    if (s instanceof Stmt.ArrayStore a && discardedArrays.contains(a.array())) {
      return null;
    }
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
      boolean needed = live.remove(d.variable()) || mayThrow(d.init());
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
      boolean needed = live.contains(a.variable()) || mayThrow(a.value());
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
      Set<Variable> liveAfter = new HashSet<>(live);
      enclosingLoops.push(f);
      List<Stmt> body = loopBody(f.body(), f.to(), f.index(), live);
      enclosingLoops.pop();
      IrWalk.reads(f.from(), live::add);
      if (body.isEmpty() && !f.isCheckpointed()) {
        return emptyLoop(f, liveAfter, live);
      }
      return f.withBody(body);
    }
    throw new IllegalStateException("unknown statement " + s);
  }

  /**
   * A counted loop with nothing left to do but count: the index's final value if something reads
   * it ({@code from < to ? to : from} for {@code i < to, i++}), else nothing, unless the bounds
   * could throw.
   */
  private Stmt emptyLoop(Stmt.For f, Set<Variable> liveAfter, Set<Variable> live) {
    boolean indexRead = !f.declaresIndex() && liveAfter.contains(f.index());
    if (!indexRead && (mayThrow(f.from()) || mayThrow(f.to()))) {
      return f.withBody(List.of());
    }
    live.clear();
    live.addAll(liveAfter);
    if (!indexRead) {
      return null;
    }
    live.remove(f.index());
    IrWalk.reads(f.from(), live::add);
    IrWalk.reads(f.to(), live::add);
    boolean inclusive = f.comparison() == BinaryOp.LE || f.comparison() == BinaryOp.GE;
    Expr last = inclusive
        ? Exprs.binary(BinaryOp.ADD, f.to(), Expr.Literal.ofInt(f.step()))
        : f.to();
    return new Stmt.Assign(f.index(), Exprs.select(
        Exprs.binary(f.comparison(), f.from(), f.to()), last, f.from()), f.pos());
  }

  /**
   * Whether evaluating {@code e} can throw, as {@link IrWalk#mayThrow}, except that an element
   * read {@code a[i + k]} inside {@code for (i = f; i < a.length - c; i++)} with
   * {@code 0 <= k <= c} and {@code f >= 0} cannot.
   */
  private boolean mayThrow(Expr e) {
    return IrWalk.mayThrow(e, load -> load.array() instanceof Expr.Read array
        && isInBounds(array.variable(), load.index()));
  }

  private boolean isInBounds(Variable array, Expr index) {
    for (Stmt.For loop : enclosingLoops) {
      Integer offset = offsetFrom(loop.index(), index);
      if (offset == null) {
        continue;
      }
      Integer from = intLiteral(loop.from());
      Integer slack = slackBelowLength(loop, array);
      if (loop.step() == 1 && from != null && from >= 0 && from + offset >= 0 && slack != null
          && offset <= slack && !reassigns(loop.body(), array)) {
        return true;
      }
    }
    return false;
  }

  /** k when {@code index} is {@code i}, {@code i + k} or {@code i - k} for a literal k. */
  private static Integer offsetFrom(Variable i, Expr index) {
    if (index instanceof Expr.Read r) {
      return r.variable() == i ? 0 : null;
    }
    if (index instanceof Expr.Binary b && b.left() instanceof Expr.Read r && r.variable() == i
        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)) {
      Integer k = intLiteral(b.right());
      return k == null ? null : b.op() == BinaryOp.ADD ? k : -k;
    }
    return null;
  }

  /**
   * c when the loop runs while {@code i < a.length - c} (or {@code i <= a.length - c - 1}) over
   * an array as long as {@code array}: the index stays below {@code array.length - c}.
   */
  private static Integer slackBelowLength(Stmt.For loop, Variable array) {
    int inclusive = loop.comparison() == BinaryOp.LE ? 1 : 0;
    if (loop.comparison() != BinaryOp.LT && inclusive == 0) {
      return null;
    }
    Expr to = loop.to();
    int c = 0;
    if (to instanceof Expr.Binary b && b.op() == BinaryOp.SUB) {
      Integer k = intLiteral(b.right());
      if (k == null) {
        return null;
      }
      c = k;
      to = b.left();
    }
    if (to instanceof Expr.ArrayLength length && length.array() instanceof Expr.Read r
        && sameLength(r.variable(), array)) {
      return c - inclusive;
    }
    return null;
  }

  /**
   * Whether two arrays have one length: the same variable, or an array and its tangent (every
   * entry checks a tangent's length against its primal's, and the generated code passes only
   * matching tangents to the entries that do not).
   */
  private static boolean sameLength(Variable a, Variable b) {
    return root(a) == root(b);
  }

  private static Variable root(Variable v) {
    return v.role() == Variable.Role.TANGENT && v.primal() != null ? root(v.primal()) : v;
  }

  private static boolean reassigns(List<Stmt> body, Variable array) {
    boolean[] found = {false};
    IrWalk.forEachStatement(body, s -> {
      if (s instanceof Stmt.Assign a && a.variable() == array
          || s instanceof Stmt.Declare d && d.variable() == array) {
        found[0] = true;
      }
    });
    return found[0];
  }

  private static Integer intLiteral(Expr e) {
    if (e instanceof Expr.Literal l && l.type() == Type.INT) {
      try {
        return Integer.decode(l.text());
      } catch (NumberFormatException notDecimal) {
        return null;
      }
    }
    return null;
  }

  /** Liveness around a loop: what the next iteration reads is live at the end of the body. */
  private List<Stmt> loopBody(List<Stmt> body, Expr condition, Variable index,
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
