package io.github.chainrule.processor.analysis;

import io.github.chainrule.processor.ir.BinaryOp;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.Exprs;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.IrWalk;
import io.github.chainrule.processor.ir.MathFunction;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A gradient zeroed and then filled by a loop that touches one element per iteration: the loop
 * assigns instead of adding to the zero, and the zeroing covers only the elements the loop does
 * not reach. {@code for (k…) g[k] = 0.0; … for (i = 0; i < n - 1; i++) { g[i] = g[i] + c - e; }}
 * becomes {@code for (i = 0; i < n - 1; i++) { g[i] = c - e; } for (k = i; k < n; k++) g[k] =
 * 0.0;}, as a hand-written gradient writes it: one pass over the array instead of two, and no
 * load of the zero. The only difference in value is the sign of a zero derivative (0 + −0 is +0).
 *
 * <p>Safe because the loop's index grows by one from 0 and the loop touches the array only at
 * the element of its own index, first by an increment every iteration runs: each element it
 * reaches is still zero there. Only the method's top level is looked at, where the reverse
 * transform zeroes the gradient.
 */
public final class FirstTouches {

  private FirstTouches() {}

  /** {@code for (k = 0; k < bound; k++) array[offset + k] = 0.0;} (offset null for none). */
  private record ZeroFill(Variable array, Expr offset, Expr bound) {

    Expr element(Expr index) {
      return offset == null ? index : new Expr.Binary(BinaryOp.ADD, offset, index);
    }
  }

  public static IrMethod apply(IrMethod method) {
    List<Stmt> body = new ArrayList<>(method.body());
    for (int at = 0; at < body.size(); at++) {
      ZeroFill fill = zeroFill(body.get(at));
      if (fill == null) {
        continue;
      }
      int next = at + 1;
      while (next < body.size() && !mentions(body.get(next), fill.array())) {
        next++;
      }
      if (next == body.size() || !(body.get(next) instanceof Stmt.For loop)
          || !fillsFirst(loop, fill, body.subList(at + 1, next))) {
        continue;
      }
      body.set(next, withFirstTouchAssigned(loop, fill));
      body.add(next + 1, tailFill(loop, fill));
      body.remove(at);
      at--;
    }
    return method.withBody(body);
  }

  private static ZeroFill zeroFill(Stmt s) {
    if (!(s instanceof Stmt.For f) || !countsUpFromZero(f) || f.body().size() != 1
        || !(f.body().get(0) instanceof Stmt.ArrayStore store)
        || !(store.value() instanceof Expr.Literal zero) || !zero.denotes(0.0)
        || zero.text().startsWith("-")) {
      return null;
    }
    Expr index = Exprs.read(f.index());
    if (store.index().equals(index)) {
      return new ZeroFill(store.array(), null, f.to());
    }
    if (store.index() instanceof Expr.Binary b && b.op() == BinaryOp.ADD
        && b.right().equals(index) && !IrWalk.readsVariable(b.left(), f.index())) {
      return new ZeroFill(store.array(), b.left(), f.to());
    }
    return null;
  }

  private static boolean countsUpFromZero(Stmt.For f) {
    return f.from() instanceof Expr.Literal from && from.text().equals("0") && f.step() == 1
        && f.comparison() == BinaryOp.LT && !f.isCheckpointed();
  }

  /**
   * Whether {@code loop} touches the filled part of the array one element per iteration, each
   * first by an increment at the top of its body, and reaches no element the fill did not zero
   * (its bound is the fill's, or that minus a constant); nothing between the fill and the loop
   * changes the offset or the bound.
   */
  private static boolean fillsFirst(Stmt.For loop, ZeroFill fill, List<Stmt> between) {
    if (!countsUpFromZero(loop) || !withinBound(loop.to(), fill.bound())) {
      return false;
    }
    Set<Variable> changed = IrWalk.assigned(between);
    changed.addAll(IrWalk.assigned(loop.body()));
    Set<Variable> fixed = new HashSet<>();
    IrWalk.reads(fill.bound(), fixed::add);
    if (fill.offset() != null) {
      IrWalk.reads(fill.offset(), fixed::add);
    }
    if (fixed.contains(loop.index()) || fixed.stream().anyMatch(changed::contains)) {
      return false;
    }
    Expr element = fill.element(Exprs.read(loop.index()));
    if (!touchesOnly(loop.body(), fill.array(), element)) {
      return false;
    }
    for (Stmt s : loop.body()) {
      if (mentions(s, fill.array())) {
        return s instanceof Stmt.ArrayStore store && store.index().equals(element)
            && withoutLoad(store.value(), element, fill.array()) != null;
      }
    }
    return false;
  }

  private static boolean withinBound(Expr to, Expr bound) {
    return to.equals(bound) || to instanceof Expr.Binary b && b.op() == BinaryOp.SUB
        && b.left().equals(bound) && b.right() instanceof Expr.Literal l
        && l.text().matches("[0-9]+");
  }

  /** Whether every load and store of {@code array} in {@code body} is at {@code element}. */
  private static boolean touchesOnly(List<Stmt> body, Variable array, Expr element) {
    boolean[] ok = {true};
    IrWalk.forEachStatement(body, s -> {
      if (s instanceof Stmt.ArrayStore store && store.array() == array) {
        ok[0] &= store.index().equals(element);
      }
      IrWalk.expressions(s).forEach(e -> ok[0] &= onlyAt(e, array, element));
    });
    return ok[0];
  }

  private static boolean onlyAt(Expr e, Variable array, Expr element) {
    if (e instanceof Expr.ArrayLoad load && load.array() instanceof Expr.Read r
        && r.variable() == array) {
      return load.index().equals(element) && !IrWalk.readsVariable(load.index(), array);
    }
    if (e instanceof Expr.Read r) {
      return r.variable() != array;
    }
    return IrWalk.children(e).stream().allMatch(c -> onlyAt(c, array, element));
  }

  /**
   * {@code value} without its leftmost operand {@code array[element]}: {@code a[e] + x - y}
   * becomes {@code x - y}, {@code a[e] - x} becomes {@code -x}; null if it has another shape.
   */
  private static Expr withoutLoad(Expr value, Expr element, Variable array) {
    if (!(value instanceof Expr.Binary b)
        || !(b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)) {
      return null;
    }
    if (b.left() instanceof Expr.ArrayLoad load && load.array() instanceof Expr.Read r
        && r.variable() == array && load.index().equals(element)) {
      return b.op() == BinaryOp.ADD ? b.right() : Exprs.neg(b.right());
    }
    Expr left = withoutLoad(b.left(), element, array);
    return left == null ? null : new Expr.Binary(b.op(), left, b.right());
  }

  private static Stmt.For withFirstTouchAssigned(Stmt.For loop, ZeroFill fill) {
    Expr element = fill.element(Exprs.read(loop.index()));
    List<Stmt> body = new ArrayList<>(loop.body());
    for (int i = 0; i < body.size(); i++) {
      if (mentions(body.get(i), fill.array())) {
        Stmt.ArrayStore store = (Stmt.ArrayStore) body.get(i);
        body.set(i, new Stmt.ArrayStore(store.array(), store.index(),
            withoutLoad(store.value(), element, fill.array()), store.pos()));
        break;
      }
    }
    return loop.withBody(body);
  }

  /** Zeroes what the loop did not reach: from its index's final value up to the fill's bound. */
  private static Stmt tailFill(Stmt.For loop, ZeroFill fill) {
    Expr end = loop.declaresIndex()
        ? new Expr.MathCall(MathFunction.MAX, false, List.of(loop.from(), loop.to()))
        : Exprs.read(loop.index());
    Variable k = Variable.generated("k", Type.INT);
    return new Stmt.For(k, true, end, BinaryOp.LT, fill.bound(), 1,
        List.of(new Stmt.ArrayStore(fill.array(), fill.element(Exprs.read(k)),
            Expr.Literal.ofDouble(0.0), loop.pos())),
        null, loop.pos());
  }

  private static boolean mentions(Stmt s, Variable v) {
    boolean[] found = {false};
    IrWalk.reads(s, r -> found[0] |= r == v);
    return found[0] || IrWalk.assigned(List.of(s)).contains(v);
  }
}
