package io.github.chainrule.processor.analysis;

import io.github.chainrule.processor.ir.BinaryOp;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.IrWalk;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Merges two increments of one array element in a block into the later one:
 * {@code g[i] -= a; g[i + 1] += b; g[i] -= c;} becomes {@code g[i + 1] += b; g[i] = g[i] - a - c;}.
 * The reverse sweep adds each statement's contributions separately, and an element read by two
 * statements of an iteration is written twice; the JIT does not merge stores across a store to
 * a neighbouring element. The sum is formed in the same order, so the result is the same to the
 * bit.
 *
 * <p>The first increment moves past a statement only if that statement does not touch the
 * element (it may store into the same array at an index that differs by a constant) and does not
 * assign anything the increment or the index reads.
 */
public final class MergedIncrements {

  private MergedIncrements() {}

  public static IrMethod apply(IrMethod method) {
    return method.withBody(block(method.body()));
  }

  private static List<Stmt> block(List<Stmt> statements) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      out.add(IrWalk.withNestedBlocks(s, MergedIncrements::block));
    }
    for (int later = 1; later < out.size(); later++) {
      if (!(out.get(later) instanceof Stmt.ArrayStore second) || increment(second) == null) {
        continue;
      }
      for (int earlier = later - 1; earlier >= 0; earlier--) {
        Stmt s = out.get(earlier);
        if (s instanceof Stmt.ArrayStore first && increment(first) != null
            && first.array() == second.array() && first.index().equals(second.index())) {
          if (out.subList(earlier + 1, later).stream().allMatch(m -> independent(m, first))) {
            // g[e] = (g[e] ± a) ± c: the second's load of g[e] becomes the first's value.
            Expr.Binary secondValue = (Expr.Binary) second.value();
            out.set(later, new Stmt.ArrayStore(second.array(), second.index(),
                new Expr.Binary(secondValue.op(), first.value(), secondValue.right()),
                second.pos()));
            out.remove(earlier);
            later--;
          }
          break;
        }
        if (!independent(s, second)) {
          break;
        }
      }
    }
    return out;
  }

  /** The added or subtracted amount of {@code a[e] = a[e] ± x}, or null. */
  static Expr increment(Stmt.ArrayStore store) {
    if (store.value() instanceof Expr.Binary b
        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
        && b.left() instanceof Expr.ArrayLoad load && load.array() instanceof Expr.Read r
        && r.variable() == store.array() && load.index().equals(store.index())) {
      return b.right();
    }
    return null;
  }

  /**
   * Whether the increment {@code store} may move from before {@code s} to after it, meaning the
   * same: s is a plain statement that assigns nothing the increment reads and touches the array
   * only at indices that differ from the increment's by a constant.
   */
  private static boolean independent(Stmt s, Stmt.ArrayStore store) {
    if (!(s instanceof Stmt.Assign || s instanceof Stmt.Declare || s instanceof Stmt.ArrayStore)) {
      return false;
    }
    Variable array = store.array();
    Set<Variable> read = new HashSet<>();
    IrWalk.reads(store.value(), read::add);
    IrWalk.reads(store.index(), read::add);
    read.remove(array);
    if (IrWalk.assigned(List.of(s)).stream().anyMatch(read::contains)) {
      return false;
    }
    if (s instanceof Stmt.ArrayStore other && other.array() == array
        && !differsByConstant(other.index(), store.index())) {
      return false;
    }
    return IrWalk.expressions(s).stream().noneMatch(e -> mayRead(e, array, store.index()));
  }

  /**
   * Whether {@code e} may read {@code array[index]}: at an index not provably different, or by
   * passing the whole array on.
   */
  private static boolean mayRead(Expr e, Variable array, Expr index) {
    if (e instanceof Expr.Read r) {
      return r.variable() == array;
    }
    if (e instanceof Expr.ArrayLoad load && load.array() instanceof Expr.Read r
        && r.variable() == array) {
      return !differsByConstant(load.index(), index) || mayRead(load.index(), array, index);
    }
    return IrWalk.children(e).stream().anyMatch(c -> mayRead(c, array, index));
  }

  /** Whether {@code a} and {@code b} are {@code i + k} and {@code i + l} with k ≠ l literals. */
  private static boolean differsByConstant(Expr a, Expr b) {
    Object[] x = baseAndOffset(a);
    Object[] y = baseAndOffset(b);
    return x != null && y != null && x[0].equals(y[0]) && !x[1].equals(y[1]);
  }

  private static Object[] baseAndOffset(Expr e) {
    if (e instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
        && b.right() instanceof Expr.Literal l && l.text().matches("[0-9]+")) {
      int k = Integer.parseInt(l.text());
      return new Object[] {b.left(), b.op() == BinaryOp.ADD ? k : -k};
    }
    return new Object[] {e, 0};
  }
}
