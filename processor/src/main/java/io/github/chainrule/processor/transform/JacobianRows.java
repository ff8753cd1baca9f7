package io.github.chainrule.processor.transform;

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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The reverse strategy of {@code fJacobian} for a method returning {@code double[]}, cut from its
 * pullback: the forward sweep runs once, then the reverse sweep runs once per output, seeded with
 * a unit cotangent, and writes that output's row. Calling {@code fVjp} per row would repeat the
 * forward sweep each time.
 *
 * <p>The reverse sweep can only run again if it finds, each time, what the forward sweep left.
 * What it declares itself is new each time; the gradient is a new (zero) row; an adjoint array the
 * forward sweep only allocated is allocated again per row; and whatever else it overwrites (a
 * restored {@code s = s_saved}, a loop index counting back down) and may read before overwriting
 * is copied once after the forward sweep and put back at the start of each row. A sweep that pops
 * tapes cannot be rewound this way: then there are no rows, and {@code fJacobian} calls
 * {@code fVjp} per row.
 *
 * @param forward the forward sweep, ending with {@code int m = }(the result's length) and the
 *     copies of what the rows put back; the caller's argument checks come before it
 * @param outputs m, declared by {@code forward}
 * @param cotangent the seed the row statements read; the caller declares it, {@code new
 *     double[m]}, and makes it the unit vector of each row in turn
 * @param gradient the row the row statements accumulate into, zero at their start; the caller
 *     declares it
 * @param row the statements of one row: put back, allocate afresh, then the reverse sweep
 */
public record JacobianRows(List<Stmt> forward, Variable outputs, Variable cotangent,
    Variable gradient, List<Stmt> row) {

  public JacobianRows {
    forward = List.copyOf(forward);
    row = List.copyOf(row);
  }

  /**
   * The rows of the Jacobian, or null when the reverse sweep cannot be run again: it uses tapes,
   * or it writes an array that is neither new per row nor a plain local it can be given back
   * (never seen), or the pullback does not have the shape {@link AdjointTransform#pullback} gives
   * it.
   *
   * @param pullback {@code fPullback(p..., cotangent, gradient)} returning {@code double[]}
   * @param activeInputs the active parameters among {@code p...}
   */
  public static JacobianRows of(IrMethod pullback, List<Variable> activeInputs) {
    List<Variable> parameters = pullback.parameters();
    Variable cotangent = parameters.get(parameters.size() - 2);
    Variable gradient = parameters.get(parameters.size() - 1);
    List<Stmt> body = pullback.body();
    if (usesTapes(body) || body.isEmpty()
        || !(body.get(body.size() - 1) instanceof Stmt.Return ret)
        || !(ret.value() instanceof Expr.Read returned)) {
      return null;
    }
    // The cotangent's length check ends the forward sweep; just before it is the copy returned.
    int end = -1;
    for (int i = 1; i < body.size(); i++) {
      if (body.get(i) instanceof Stmt.LengthCheck check && check.array() == cotangent
          && body.get(i - 1) instanceof Stmt.Declare d && d.variable() == returned.variable()) {
        end = i;
      }
    }
    if (end < 0) {
      return null;
    }
    Stmt.LengthCheck check = (Stmt.LengthCheck) body.get(end);
    List<Stmt> forward = StatementEdits.withoutZeroFill(body.subList(0, end - 1), gradient);
    List<Stmt> reverse = body.subList(end + 1, body.size() - 1);
    // fJacobian needs no copy of the value, and sizes the cotangent itself.
    if (mentions(forward, returned.variable()) || mentions(reverse, returned.variable())
        || mentions(forward, cotangent) || mentions(forward, gradient)) {
      return null;
    }

    Set<Variable> declaredInReverse = declared(reverse);
    Set<Variable> writtenArrays = writtenArrays(reverse);
    Set<Variable> assignedInReverse = new LinkedHashSet<>();
    IrWalk.forEachStatement(reverse, s -> {
      if (s instanceof Stmt.Assign a) {
        assignedInReverse.add(a.variable());
      } else if (s instanceof Stmt.For f) {
        assignedInReverse.add(f.index());
      }
    });
    assignedInReverse.removeAll(declaredInReverse);
    if (writtenArrays == null || writtenArrays.contains(cotangent)
        || assignedInReverse.stream().anyMatch(v -> v.type().isArray())) {
      return null;
    }
    writtenArrays.removeAll(declaredInReverse);
    writtenArrays.remove(gradient);
    Set<Variable> exposed = new HashSet<>();
    exposedReads(reverse, new HashSet<>(), exposed);

    List<Stmt> restores = new ArrayList<>();
    List<Stmt> fresh = new ArrayList<>();
    List<Stmt> snapshots = new ArrayList<>();
    List<Stmt> kept = new ArrayList<>(forward);
    for (Variable array : writtenArrays) {
      Stmt.Declare declaration = topLevelDeclaration(forward, array);
      if (declaration == null || !(declaration.init() instanceof Expr.NewArray
          || declaration.init() instanceof Expr.ArrayClone) || rebound(forward, array)) {
        return null;
      }
      if (isFreshAllocation(declaration, forward, activeInputs, assignedInReverse)) {
        // Only allocated by the forward sweep (an adjoint array, a callee's gradient): allocate
        // it again for each row.
        kept.remove(declaration);
        fresh.add(declaration);
      } else {
        // The reverse sweep restores elements of a primal array: give each row the forward
        // sweep's elements again.
        Variable copy = Variable.generated(array.hint() + "_afterForward", array.type());
        snapshots.add(new Stmt.Declare(copy, new Expr.ArrayClone(Exprs.read(array)),
            SourcePos.NONE));
        Variable k = Variable.generated("k", Type.INT);
        restores.add(new Stmt.For(k, true, Expr.Literal.ofInt(0), BinaryOp.LT,
            new Expr.ArrayLength(Exprs.read(array)), 1,
            List.of(new Stmt.ArrayStore(array, Exprs.read(k),
                new Expr.ArrayLoad(Exprs.read(copy), Exprs.read(k)), SourcePos.NONE)),
            null, SourcePos.NONE));
      }
    }
    for (Variable v : assignedInReverse) {
      if (exposed.contains(v)) {
        Variable copy = Variable.generated(v.hint() + "_afterForward", v.type());
        snapshots.add(new Stmt.Declare(copy, Exprs.read(v), SourcePos.NONE));
        restores.add(new Stmt.Assign(v, Exprs.read(copy), SourcePos.NONE));
      }
    }

    Variable outputs = Variable.generated("m", Type.INT);
    kept.add(new Stmt.Declare(outputs, check.expected(), check.pos()));
    kept.addAll(snapshots);
    List<Stmt> row = new ArrayList<>(restores);
    row.addAll(fresh);
    row.addAll(reverse);
    return new JacobianRows(kept, outputs, cotangent, gradient, row);
  }

  /** Whether the body saves values on tapes or checkpoints loops: state a sweep uses up. */
  private static boolean usesTapes(List<Stmt> body) {
    boolean[] found = {false};
    IrWalk.forEachStatement(body, s -> {
      found[0] |= s instanceof Stmt.Push || s instanceof Stmt.Release
          || s instanceof Stmt.Declare d && (d.variable().type().isTape()
              || d.variable().type() == Type.REVOLVE);
    });
    return found[0];
  }

  private static boolean mentions(List<Stmt> body, Variable v) {
    boolean[] found = {false};
    for (Stmt s : body) {
      IrWalk.reads(s, read -> found[0] |= read == v);
    }
    return found[0] || IrWalk.assigned(body).contains(v);
  }

  /** The variables declared anywhere in {@code body}, loop indices included. */
  private static Set<Variable> declared(List<Stmt> body) {
    Set<Variable> out = new HashSet<>();
    IrWalk.forEachStatement(body, s -> {
      if (s instanceof Stmt.Declare d) {
        out.add(d.variable());
      } else if (s instanceof Stmt.For f && f.declaresIndex()) {
        out.add(f.index());
      }
    });
    return out;
  }

  /**
   * The arrays whose elements {@code body} writes: by element stores and as the output arrays of
   * calls (a callee's pullback). Null if a call writes into something other than a variable.
   */
  private static Set<Variable> writtenArrays(List<Stmt> body) {
    Set<Variable> out = new LinkedHashSet<>();
    boolean[] unknown = {false};
    IrWalk.forEachStatement(body, s -> {
      if (s instanceof Stmt.ArrayStore a) {
        out.add(a.array());
      }
      for (Expr e : IrWalk.expressions(s)) {
        IrWalk.anyExpression(e, x -> {
          if (x instanceof Expr.Call call) {
            for (int i = 0; i < call.arguments().size(); i++) {
              if (call.target().isOutput(i)) {
                if (call.arguments().get(i) instanceof Expr.Read r) {
                  out.add(r.variable());
                } else {
                  unknown[0] = true;
                }
              }
            }
          }
          return false;
        });
      }
    });
    return unknown[0] ? null : out;
  }

  /**
   * Adds to {@code exposed} the variables {@code body} may read before it assigns them itself;
   * {@code assigned} goes from the variables surely assigned before the body to those after it.
   * A loop's body is looked at once, as its first iteration sees it; later iterations only see
   * more assigned.
   */
  private static void exposedReads(List<Stmt> body, Set<Variable> assigned,
      Set<Variable> exposed) {
    Consumer<Variable> read = v -> {
      if (!assigned.contains(v)) {
        exposed.add(v);
      }
    };
    for (Stmt s : body) {
      if (s instanceof Stmt.For f) {
        IrWalk.reads(f.from(), read);
        Set<Variable> inside = new HashSet<>(assigned);
        inside.add(f.index());
        IrWalk.reads(f.to(), v -> {
          if (!inside.contains(v)) {
            exposed.add(v);
          }
        });
        exposedReads(f.body(), inside, exposed);
        // The index is set even when the body never runs.
        assigned.add(f.index());
        continue;
      }
      IrWalk.expressions(s).forEach(e -> IrWalk.reads(e, read));
      if (s instanceof Stmt.Declare d) {
        assigned.add(d.variable());
      } else if (s instanceof Stmt.Assign a) {
        assigned.add(a.variable());
      } else if (s instanceof Stmt.If i) {
        Set<Variable> whenTrue = new HashSet<>(assigned);
        exposedReads(i.whenTrue(), whenTrue, exposed);
        Set<Variable> whenFalse = new HashSet<>(assigned);
        exposedReads(i.whenFalse(), whenFalse, exposed);
        whenTrue.retainAll(whenFalse);
        assigned.addAll(whenTrue);
      } else if (s instanceof Stmt.While w) {
        Set<Variable> inside = new HashSet<>(assigned);
        exposedReads(w.body(), inside, exposed);
        exposedReads(w.update(), inside, exposed);
      }
    }
  }

  private static Stmt.Declare topLevelDeclaration(List<Stmt> body, Variable v) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare d && d.variable() == v) {
        return d;
      }
    }
    return null;
  }

  /** Whether anything in {@code body} binds {@code array} to another array after declaring it. */
  private static boolean rebound(List<Stmt> body, Variable array) {
    boolean[] found = {false};
    IrWalk.forEachStatement(body, s -> found[0] |= s instanceof Stmt.Assign a
        && a.variable() == array);
    return found[0];
  }

  /**
   * Whether {@code declaration} allocates a zero array that nothing else in {@code forward}
   * touches, with a length that is the same after the forward sweep and in every row (literals
   * and lengths of arrays never rebound), so that allocating it at the start of each row is what
   * the reverse sweep found after the forward sweep.
   */
  private static boolean isFreshAllocation(Stmt.Declare declaration, List<Stmt> forward,
      List<Variable> activeInputs, Set<Variable> assignedInReverse) {
    Variable array = declaration.variable();
    if (!(declaration.init() instanceof Expr.NewArray allocation)) {
      return false;
    }
    for (Stmt s : forward) {
      if (s != declaration && mentions(List.of(s), array)) {
        return false;
      }
    }
    return isStableLength(allocation.length(), forward, activeInputs, assignedInReverse);
  }

  private static boolean isStableLength(Expr length, List<Stmt> forward,
      List<Variable> activeInputs, Set<Variable> assignedInReverse) {
    if (length instanceof Expr.Literal l) {
      return l.type() == Type.INT;
    }
    if (length instanceof Expr.Binary b && b.op() == BinaryOp.ADD) {
      return isStableLength(b.left(), forward, activeInputs, assignedInReverse)
          && isStableLength(b.right(), forward, activeInputs, assignedInReverse);
    }
    if (length instanceof Expr.ArrayLength a && a.array() instanceof Expr.Read r) {
      Variable v = r.variable();
      if (assignedInReverse.contains(v) || rebound(forward, v)) {
        return false;
      }
      // Never null: an active input (checked on entry) or a local array bound at its declaration.
      Stmt.Declare d = topLevelDeclaration(forward, v);
      return activeInputs.contains(v) || d != null
          && (d.init() instanceof Expr.NewArray || d.init() instanceof Expr.ArrayClone);
    }
    return false;
  }
}
