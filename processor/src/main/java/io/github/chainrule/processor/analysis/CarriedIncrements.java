package io.github.chainrule.processor.analysis;

import io.github.chainrule.processor.ir.BinaryOp;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.Exprs;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.IrWalk;
import io.github.chainrule.processor.ir.SourcePos;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries an element's contribution to the next iteration in a local, as a hand-written gradient
 * does: in {@code for (i = f; i < n; i++) { ... g[i + 1] += p; g[i] = g[i] - q; }} iteration i
 * adds to the element that iteration i + 1 updates again, a store and a load through memory per
 * element. The loop becomes
 * {@code carried = 0; for (i ...) { ... next = p; g[i] = g[i] + carried - q; carried = next; }
 * if (i != f) g[i] += carried;}: each element is written once, with its additions in the same
 * order as before, so the same bits (but for the sign of a zero first element).
 *
 * <p>Only for a counted loop upwards whose body touches the array in exactly these two top-level
 * increments, the first before the second, neither amount reading the array.
 */
public final class CarriedIncrements {

  private CarriedIncrements() {}

  public static IrMethod apply(IrMethod method) {
    return method.withBody(block(method.body()));
  }

  private static List<Stmt> block(List<Stmt> statements) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      Stmt rewritten = IrWalk.withNestedBlocks(s, CarriedIncrements::block);
      if (!(rewritten instanceof Stmt.For inner) || !carry(inner, out)) {
        out.add(rewritten);
      }
    }
    return out;
  }

  /** Appends the carrying form of {@code loop} to {@code out}, if it has the pattern. */
  private static boolean carry(Stmt.For loop, List<Stmt> out) {
    if (loop.step() != 1 || loop.isCheckpointed()
        || !(loop.comparison() == BinaryOp.LT || loop.comparison() == BinaryOp.LE)
        || !(loop.from() instanceof Expr.Literal)) {
      return false;
    }
    Variable i = loop.index();
    List<Stmt> body = loop.body();
    for (int first = 0; first < body.size(); first++) {
      if (!(body.get(first) instanceof Stmt.ArrayStore next) || !isIncrementAt(next, i, 1)) {
        continue;
      }
      Variable array = next.array();
      int second = -1;
      for (int k = first + 1; k < body.size(); k++) {
        if (body.get(k) instanceof Stmt.ArrayStore s && s.array() == array
            && isIncrementAt(s, i, 0)) {
          second = k;
          break;
        }
      }
      if (second < 0 || touchesElsewhere(body, array, first, second)) {
        continue;
      }
      out.addAll(rewrite(loop, first, second));
      return true;
    }
    return false;
  }

  private static List<Stmt> rewrite(Stmt.For loop, int first, int second) {
    SourcePos pos = loop.pos();
    Variable i = loop.index();
    Stmt.ArrayStore next = (Stmt.ArrayStore) loop.body().get(first);
    Stmt.ArrayStore here = (Stmt.ArrayStore) loop.body().get(second);
    Variable carried = Variable.generated("carried", Type.DOUBLE);
    Variable nextValue = Variable.generated("next", Type.DOUBLE);
    List<Stmt> body = new ArrayList<>(loop.body());
    body.set(first, new Stmt.Declare(nextValue, amount(next), next.pos()));
    // g[i] = ((g[i] + carried) - q) - r: the element's additions in the original order.
    body.set(second, new Stmt.ArrayStore(here.array(), here.index(),
        withCarried((Expr.Binary) here.value(), carried), here.pos()));
    body.add(new Stmt.Assign(carried, Exprs.read(nextValue), pos));
    List<Stmt> out = new ArrayList<>();
    out.add(new Stmt.Declare(carried, Exprs.literal(0.0), pos));
    if (loop.declaresIndex()) {
      out.add(new Stmt.Declare(i, Expr.Literal.ofInt(0), pos));
    }
    out.add(new Stmt.For(i, false, loop.from(), loop.comparison(), loop.to(), 1, body, null,
        pos));
    // The last iteration's contribution to the element after it, if there was an iteration.
    Expr element = new Expr.ArrayLoad(Exprs.read(next.array()), Exprs.read(i));
    out.add(new Stmt.If(new Expr.Binary(BinaryOp.NE, Exprs.read(i), loop.from()),
        List.of(new Stmt.ArrayStore(next.array(), Exprs.read(i),
            new Expr.Binary(BinaryOp.ADD, element, Exprs.read(carried)), next.pos())),
        List.of(), pos));
    return out;
  }

  /** The leftmost load of {@code g[i] ± a ± b} gets {@code + carried}. */
  private static Expr withCarried(Expr.Binary value, Variable carried) {
    if (value.left() instanceof Expr.ArrayLoad load) {
      return new Expr.Binary(value.op(),
          new Expr.Binary(BinaryOp.ADD, load, Exprs.read(carried)), value.right());
    }
    return new Expr.Binary(value.op(), withCarried((Expr.Binary) value.left(), carried),
        value.right());
  }

  /** {@code p} of {@code g[i + 1] = g[i + 1] + p}. */
  private static Expr amount(Stmt.ArrayStore store) {
    return ((Expr.Binary) store.value()).right();
  }

  /**
   * Whether {@code store} is {@code g[i + k] = g[i + k] ± ...} (for k = 1 exactly
   * {@code g[i + 1] + p}), its amounts not reading g.
   */
  private static boolean isIncrementAt(Stmt.ArrayStore store, Variable i, int k) {
    if (!isIndex(store.index(), i, k)) {
      return false;
    }
    Expr value = store.value();
    if (k == 1 && !(value instanceof Expr.Binary b && b.op() == BinaryOp.ADD
        && b.left() instanceof Expr.ArrayLoad)) {
      return false;
    }
    while (value instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
        && !(b.left() instanceof Expr.ArrayLoad)) {
      if (IrWalk.readsVariable(b.right(), store.array())) {
        return false;
      }
      value = b.left();
    }
    return value instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
        && b.left() instanceof Expr.ArrayLoad load && load.array() instanceof Expr.Read r
        && r.variable() == store.array() && load.index().equals(store.index())
        && !IrWalk.readsVariable(b.right(), store.array());
  }

  private static boolean isIndex(Expr index, Variable i, int k) {
    if (k == 0) {
      return index instanceof Expr.Read r && r.variable() == i;
    }
    return index instanceof Expr.Binary b && b.op() == BinaryOp.ADD
        && b.left() instanceof Expr.Read r && r.variable() == i
        && b.right() instanceof Expr.Literal l && l.text().equals(Integer.toString(k));
  }

  /** Whether anything in the body but the two increments reads or writes the array. */
  private static boolean touchesElsewhere(List<Stmt> body, Variable array, int first,
      int second) {
    for (int k = 0; k < body.size(); k++) {
      if (k == first || k == second) {
        continue;
      }
      boolean[] found = {false};
      IrWalk.forEachStatement(List.of(body.get(k)), s -> {
        found[0] |= s instanceof Stmt.ArrayStore store && store.array() == array
            || s instanceof Stmt.Assign assign && assign.variable() == array
            || s instanceof Stmt.Effect;
        IrWalk.expressions(s).forEach(e -> found[0] |= IrWalk.readsVariable(e, array));
      });
      if (found[0]) {
        return true;
      }
    }
    return false;
  }
}
