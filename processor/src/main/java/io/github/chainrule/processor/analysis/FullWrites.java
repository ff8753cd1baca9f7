package io.github.chainrule.processor.analysis;

import io.github.chainrule.processor.ir.BinaryOp;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.IrWalk;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Variable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognises loops that write every element of an array: {@code for (i = 0; i < n; i++) { ...
 * a[i] = e; ... }} where n is a's length, which never changes (a is declared once, outside loops,
 * as {@code new double[n]} with n never reassigned), and the body does not read a. After such a
 * loop the array's earlier contents are gone.
 */
public final class FullWrites {

  private final Map<Variable, Expr> lengths;

  private FullWrites(Map<Variable, Expr> lengths) {
    this.lengths = lengths;
  }

  public static FullWrites of(List<Stmt> methodBody) {
    return new FullWrites(invariantLengths(methodBody));
  }

  /**
   * The length of each array declared once as {@code new double[len]} outside loops and never
   * reassigned, where len reads only variables that are never reassigned either (an array's
   * length, not its elements).
   */
  private static Map<Variable, Expr> invariantLengths(List<Stmt> methodBody) {
    Map<Variable, Integer> assignments = new HashMap<>();
    Set<Variable> inLoops = new HashSet<>();
    IrWalk.forEachStatement(methodBody, s -> {
      if (s instanceof Stmt.Declare d) {
        assignments.merge(d.variable(), 1, Integer::sum);
      } else if (s instanceof Stmt.Assign a) {
        assignments.merge(a.variable(), 2, Integer::sum);
      } else if (s instanceof Stmt.For f) {
        assignments.merge(f.index(), 2, Integer::sum);
        IrWalk.forEachStatement(f.body(), inner -> {
          if (inner instanceof Stmt.Declare d) {
            inLoops.add(d.variable());
          }
        });
      } else if (s instanceof Stmt.While w) {
        IrWalk.forEachStatement(w.body(), inner -> {
          if (inner instanceof Stmt.Declare d) {
            inLoops.add(d.variable());
          }
        });
      }
    });
    Map<Variable, Expr> lengths = new HashMap<>();
    IrWalk.forEachStatement(methodBody, s -> {
      if (s instanceof Stmt.Declare d && d.init() instanceof Expr.NewArray array
          && assignments.get(d.variable()) == 1 && !inLoops.contains(d.variable())) {
        // The declaration ran, so its length evaluated; an element read could differ later.
        boolean[] invariant = {!IrWalk.anyExpression(array.length(),
            e -> e instanceof Expr.ArrayLoad || e instanceof Expr.Call
                || e instanceof Expr.StaticCall || e instanceof Expr.Pop)};
        IrWalk.reads(array.length(), v -> invariant[0] &= assignments.getOrDefault(v, 0) <= 1
            && !inLoops.contains(v));
        if (invariant[0]) {
          lengths.put(d.variable(), array.length());
        }
      }
    });
    return lengths;
  }

  /** The array {@code f} writes in full, or null. */
  public Variable arrayWrittenInFull(Stmt.For f) {
    if (!(f.from() instanceof Expr.Literal from) || !from.text().equals("0") || f.step() != 1
        || f.comparison() != BinaryOp.LT) {
      return null;
    }
    for (Stmt s : f.body()) {
      if (s instanceof Stmt.ArrayStore store && store.index() instanceof Expr.Read r
          && r.variable() == f.index() && coversLength(store.array(), f.to())
          && !readsContents(f.body(), store.array())) {
        return store.array();
      }
    }
    return null;
  }

  private boolean coversLength(Variable array, Expr bound) {
    return bound.equals(lengths.get(array))
        || bound instanceof Expr.ArrayLength l && l.array() instanceof Expr.Read r
            && r.variable() == array && lengths.containsKey(array);
  }

  private static boolean readsContents(List<Stmt> body, Variable array) {
    boolean[] found = {false};
    IrWalk.forEachStatement(body, s -> IrWalk.expressions(s).forEach(e ->
        IrWalk.reads(e, v -> found[0] |= v == array)));
    return found[0];
  }
}
