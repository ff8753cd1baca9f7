package io.github.chainrule.processor.analysis;

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
 * Calls a method once where the reverse sweep follows its call at once: {@code s += g(v);
 * gPullback(v, s_bar, bars);} becomes {@code s += gPullback(v, s_bar, bars);}. This happens in a
 * loop reversed in place (each iteration's reverse right after its forward), where the pullback
 * would otherwise repeat g's whole computation for the value the call already gave. A pullback
 * returns its method's value computed by the same code, so the result is the same to the bit.
 *
 * <p>Only for the pullback as emitted: a pullback's own tangent ({@code gPullbackJvp}) gives the
 * tangent of the gradient, not of the value, so forward mode over a pullback must see the call.
 */
public final class PullbackValues {

  private PullbackValues() {}

  public static IrMethod apply(IrMethod method) {
    return method.withBody(block(method.body()));
  }

  private static List<Stmt> block(List<Stmt> statements) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      Stmt rewritten = IrWalk.withNestedBlocks(s, PullbackValues::block);
      if (!out.isEmpty() && rewritten instanceof Stmt.Effect effect) {
        Stmt merged = merged(out.get(out.size() - 1), effect.call());
        if (merged != null) {
          out.set(out.size() - 1, merged);
          continue;
        }
      }
      out.add(rewritten);
    }
    return out;
  }

  /**
   * {@code s} with its call of the method whose pullback is {@code pullback} replaced by that
   * pullback, or null. The pullback must take the call's own arguments (then the seed and the
   * array it writes), and moving it into {@code s} must change nothing it reads: s assigns none
   * of its arguments and reads nothing of the array the pullback writes.
   */
  private static Stmt merged(Stmt s, Expr.Call pullback) {
    Expr value;
    Variable assigned;
    if (s instanceof Stmt.Assign a) {
      value = a.value();
      assigned = a.variable();
    } else if (s instanceof Stmt.Declare d && d.init() != null) {
      value = d.init();
      assigned = d.variable();
    } else {
      return null;
    }
    List<Expr.Call> calls = new ArrayList<>();
    collectCalls(value, calls);
    if (calls.size() != 1) {
      return null;
    }
    Expr.Call call = calls.get(0);
    if (!call.target().userMethod() || !call.target().pullback().equals(pullback.target())) {
      return null;
    }
    List<Expr> arguments = pullback.arguments();
    int n = call.arguments().size();
    if (!arguments.subList(0, n).equals(call.arguments())) {
      return null;
    }
    Set<Variable> pullbackReads = new HashSet<>();
    arguments.forEach(e -> IrWalk.reads(e, pullbackReads::add));
    Variable written = arguments.get(arguments.size() - 1) instanceof Expr.Read r
        ? r.variable() : null;
    Set<Variable> valueReads = new HashSet<>();
    IrWalk.reads(value, valueReads::add);
    if (written == null || pullbackReads.contains(assigned) || valueReads.contains(written)) {
      return null;
    }
    Expr replaced = replace(value, call, pullback);
    if (replaced == null) {
      return null;
    }
    return s instanceof Stmt.Assign
        ? new Stmt.Assign(assigned, replaced, s.pos())
        : new Stmt.Declare(assigned, replaced, s.pos());
  }

  private static void collectCalls(Expr e, List<Expr.Call> out) {
    if (e instanceof Expr.Call c) {
      out.add(c);
    }
    IrWalk.children(e).forEach(child -> collectCalls(child, out));
  }

  /**
   * {@code e} with the node {@code from} (by identity) replaced by {@code to}, or null when
   * {@code from} is not evaluated every time {@code e} is (a branch of {@code ?:}, {@code &&},
   * {@code ||}) or sits where this does not look (an index, an argument of another call).
   */
  private static Expr replace(Expr e, Expr from, Expr to) {
    if (e == from) {
      return to;
    }
    if (e instanceof Expr.Binary b && !b.op().isLogical()) {
      Expr left = replace(b.left(), from, to);
      Expr right = left == null ? replace(b.right(), from, to) : null;
      return left != null ? new Expr.Binary(b.op(), left, b.right())
          : right != null ? new Expr.Binary(b.op(), b.left(), right) : null;
    }
    if (e instanceof Expr.Unary u) {
      Expr operand = replace(u.operand(), from, to);
      return operand == null ? null : new Expr.Unary(u.op(), operand);
    }
    if (e instanceof Expr.Cast c) {
      Expr operand = replace(c.operand(), from, to);
      return operand == null ? null : new Expr.Cast(c.type(), operand);
    }
    return null;
  }
}
