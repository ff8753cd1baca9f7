package io.github.chainrule.processor.ir;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The traversals every pass needs: statements in program order, variables read and assigned. */
public final class IrWalk {

  private IrWalk() {}

  /** Visits every statement, nested ones included, in program order. */
  public static void forEachStatement(List<Stmt> body, Consumer<Stmt> action) {
    for (Stmt s : body) {
      action.accept(s);
      for (List<Stmt> nested : nestedBlocks(s)) {
        forEachStatement(nested, action);
      }
    }
  }

  /** The statement lists directly inside {@code s}. */
  public static List<List<Stmt>> nestedBlocks(Stmt s) {
    if (s instanceof Stmt.If i) {
      return List.of(i.whenTrue(), i.whenFalse());
    }
    if (s instanceof Stmt.While w) {
      return List.of(w.body(), w.update());
    }
    if (s instanceof Stmt.For f) {
      return List.of(f.body());
    }
    return List.of();
  }

  /**
   * {@code s} with each statement list directly inside it replaced by {@code block} of it (both
   * branches of an {@code if}, a loop's body); any other statement as it is. The passes that
   * rewrite blocks recurse with it.
   */
  public static Stmt withNestedBlocks(Stmt s,
      java.util.function.UnaryOperator<List<Stmt>> block) {
    if (s instanceof Stmt.If i) {
      return new Stmt.If(i.condition(), block.apply(i.whenTrue()), block.apply(i.whenFalse()),
          i.pos());
    }
    if (s instanceof Stmt.While w) {
      return new Stmt.While(w.condition(), block.apply(w.body()), block.apply(w.update()),
          w.label(), w.pos());
    }
    if (s instanceof Stmt.For f) {
      return f.withBody(block.apply(f.body()));
    }
    return s;
  }

  /** Every variable an expression reads. */
  public static void reads(Expr e, Consumer<Variable> sink) {
    if (e instanceof Expr.Read r) {
      sink.accept(r.variable());
    } else if (e instanceof Expr.Pop p) {
      sink.accept(p.tape());
    } else if (e instanceof Expr.Invoke i) {
      sink.accept(i.receiver());
    }
    for (Expr child : children(e)) {
      reads(child, sink);
    }
  }

  /** Whether {@code e} reads {@code v}. */
  public static boolean readsVariable(Expr e, Variable v) {
    boolean[] found = {false};
    reads(e, x -> found[0] |= x == v);
    return found[0];
  }

  /** Whether {@code e} or any expression inside it satisfies {@code test}. */
  public static boolean anyExpression(Expr e, java.util.function.Predicate<Expr> test) {
    if (test.test(e)) {
      return true;
    }
    for (Expr child : children(e)) {
      if (anyExpression(child, test)) {
        return true;
      }
    }
    return false;
  }

  /** The direct subexpressions of {@code e}. */
  public static List<Expr> children(Expr e) {
    if (e instanceof Expr.Unary u) {
      return List.of(u.operand());
    }
    if (e instanceof Expr.Binary b) {
      return List.of(b.left(), b.right());
    }
    if (e instanceof Expr.Conditional c) {
      return List.of(c.condition(), c.whenTrue(), c.whenFalse());
    }
    if (e instanceof Expr.Cast c) {
      return List.of(c.operand());
    }
    if (e instanceof Expr.MathCall m) {
      return m.arguments();
    }
    if (e instanceof Expr.StaticCall c) {
      return c.arguments();
    }
    if (e instanceof Expr.Call c) {
      return c.arguments();
    }
    if (e instanceof Expr.ArrayLoad a) {
      return List.of(a.array(), a.index());
    }
    if (e instanceof Expr.ArrayLength a) {
      return List.of(a.array());
    }
    if (e instanceof Expr.NewArray n) {
      return List.of(n.length());
    }
    if (e instanceof Expr.ArrayClone c) {
      return List.of(c.array());
    }
    if (e instanceof Expr.NewRevolve r) {
      return List.of(r.steps(), r.snapshots());
    }
    return List.of();
  }

  /** The expressions a statement evaluates itself (not those of the statements inside it). */
  public static List<Expr> expressions(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      return d.init() == null ? List.of() : List.of(d.init());
    }
    if (s instanceof Stmt.Assign a) {
      return List.of(a.value());
    }
    if (s instanceof Stmt.ArrayStore a) {
      return List.of(a.index(), a.value());
    }
    if (s instanceof Stmt.If i) {
      return List.of(i.condition());
    }
    if (s instanceof Stmt.While w) {
      return List.of(w.condition());
    }
    if (s instanceof Stmt.For f) {
      return List.of(f.from(), f.to());
    }
    if (s instanceof Stmt.Push p) {
      return List.of(p.value());
    }
    if (s instanceof Stmt.Effect e) {
      return List.of(e.call());
    }
    if (s instanceof Stmt.Release r) {
      return List.of(new Expr.Read(r.tape()));
    }
    if (s instanceof Stmt.LengthCheck c) {
      return List.of(new Expr.Read(c.array()), c.expected());
    }
    if (s instanceof Stmt.Return r) {
      return List.of(r.value());
    }
    return List.of();
  }

  /** Every variable a statement (and what it contains) reads. */
  public static void reads(Stmt s, Consumer<Variable> sink) {
    forEachStatement(List.of(s), inner -> {
      expressions(inner).forEach(e -> reads(e, sink));
      if (inner instanceof Stmt.ArrayStore a) {
        sink.accept(a.array());
      } else if (inner instanceof Stmt.For f) {
        sink.accept(f.index());
      } else if (inner instanceof Stmt.Push p) {
        sink.accept(p.tape());
      }
    });
  }

  /** The variables assigned (declared with a value, assigned, or whose elements are stored). */
  public static Set<Variable> assigned(List<Stmt> body) {
    Set<Variable> out = reassigned(body);
    forEachStatement(body, s -> {
      if (s instanceof Stmt.ArrayStore a) {
        out.add(a.array());
      }
    });
    return out;
  }

  /**
   * The variables given a new value as a whole (declared, assigned, a loop's index); unlike
   * {@link #assigned}, not the arrays whose elements are stored: their lengths stay.
   */
  public static Set<Variable> reassigned(List<Stmt> body) {
    Set<Variable> out = new HashSet<>();
    forEachStatement(body, s -> {
      if (s instanceof Stmt.Declare d) {
        out.add(d.variable());
      } else if (s instanceof Stmt.Assign a) {
        out.add(a.variable());
      } else if (s instanceof Stmt.For f) {
        out.add(f.index());
      }
    });
    return out;
  }

  /** Whether evaluating {@code e} can throw: integer division or remainder, array access, a call. */
  public static boolean mayThrow(Expr e) {
    return mayThrow(e, load -> false);
  }

  /**
   * As {@link #mayThrow(Expr)}, where the element reads {@code inBounds} accepts are known not to
   * throw (their array and index expressions are still looked at).
   */
  public static boolean mayThrow(Expr e, Predicate<Expr.ArrayLoad> inBounds) {
    if (e instanceof Expr.ArrayLoad load) {
      return !inBounds.test(load) || mayThrow(load.array(), inBounds)
          || mayThrow(load.index(), inBounds);
    }
    if (e instanceof Expr.Binary b) {
      boolean integerDivision = (b.op() == BinaryOp.DIV || b.op() == BinaryOp.REM)
          && b.type().isIntegral();
      return integerDivision || mayThrow(b.left(), inBounds) || mayThrow(b.right(), inBounds);
    }
    if (e instanceof Expr.Unary || e instanceof Expr.Conditional || e instanceof Expr.Cast
        || e instanceof Expr.MathCall) {
      return children(e).stream().anyMatch(c -> mayThrow(c, inBounds));
    }
    return e instanceof Expr.ArrayLength || e instanceof Expr.NewArray
        || e instanceof Expr.ArrayClone || e instanceof Expr.StaticCall
        || e instanceof Expr.Call || e instanceof Expr.Pop || e instanceof Expr.Invoke
        || e instanceof Expr.NewRevolve;
  }
}
