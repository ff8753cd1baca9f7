package io.github.chainrule.processor.analysis;

import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.IrWalk;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.Variable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Activity analysis: a variable is active when it is <em>varied</em> (its value depends on an
 * active input) and <em>useful</em> (the result depends on its value). Only active variables get
 * tangents and adjoints; everything else is copied as written. The analysis is per variable and
 * flow-insensitive, which is exact for the straight-line and branching code lowered so far, and
 * conservative (never misses a dependence) in general.
 *
 * <p>Dependence follows only differentiable positions: a condition, a comparison, a cast to an
 * integer type or a function with zero derivative carries no derivative.
 */
public final class Activity {

  private final Set<Variable> active;

  private Activity(Set<Variable> active) {
    this.active = active;
  }

  /**
   * @param carriesDerivative whether a math call passes derivatives from its arguments to its
   *     value; false for the zero-derivative functions (floor, signum, ...)
   */
  public static Activity analyse(IrMethod method, List<Variable> activeInputs,
      Predicate<Expr.MathCall> carriesDerivative) {
    return analyse(method, activeInputs, List.of(), carriesDerivative);
  }

  /**
   * @param outputs variables whose final values are results besides the returned value (the
   *     gradient array of a reverse-mode method, when forward mode differentiates it again)
   */
  public static Activity analyse(IrMethod method, List<Variable> activeInputs,
      List<Variable> outputs, Predicate<Expr.MathCall> carriesDerivative) {
    Set<Variable> varied = new HashSet<>(activeInputs);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Assignment a : assignments(method.body())) {
        if (!varied.contains(a.target) && a.target.type().isDifferentiable()
            && dependsOnAny(a.value, varied, carriesDerivative)) {
          varied.add(a.target);
          changed = true;
        }
      }
    }
    Set<Variable> useful = new HashSet<>(outputs);
    IrWalk.forEachStatement(method.body(), s -> {
      if (s instanceof Stmt.Return r) {
        differentiableReads(r.value(), carriesDerivative, useful::add);
      }
    });
    changed = true;
    while (changed) {
      changed = false;
      for (Assignment a : assignments(method.body())) {
        if (useful.contains(a.target)) {
          Set<Variable> reads = new HashSet<>();
          differentiableReads(a.value, carriesDerivative, reads::add);
          changed |= useful.addAll(reads);
        }
      }
    }
    varied.retainAll(useful);
    return new Activity(varied);
  }

  public boolean isActive(Variable v) {
    return active.contains(v);
  }

  /** Whether the expression's value carries a derivative: it reads an active variable in a
   *  differentiable position. */
  public boolean isActive(Expr e, Predicate<Expr.MathCall> carriesDerivative) {
    return dependsOnAny(e, active, carriesDerivative);
  }

  public Set<Variable> activeVariables() {
    return Set.copyOf(active);
  }

  private record Assignment(Variable target, Expr value) {}

  private static List<Assignment> assignments(List<Stmt> body) {
    List<Assignment> all = new java.util.ArrayList<>();
    IrWalk.forEachStatement(body, s -> {
      if (s instanceof Stmt.Declare d && d.init() != null) {
        all.add(new Assignment(d.variable(), d.init()));
      } else if (s instanceof Stmt.Assign a) {
        all.add(new Assignment(a.variable(), a.value()));
      } else if (s instanceof Stmt.ArrayStore a) {
        all.add(new Assignment(a.array(), a.value()));
      } else if (s instanceof Stmt.Effect e) {
        // A call writing its output arrays: each output depends on the call's active arguments.
        List<Expr> arguments = e.call().arguments();
        for (int i = 0; i < arguments.size(); i++) {
          if (e.call().target().isOutput(i) && arguments.get(i) instanceof Expr.Read out) {
            all.add(new Assignment(out.variable(), e.call()));
          }
        }
      }
    });
    return all;
  }


  private static boolean dependsOnAny(Expr e, Set<Variable> vars,
      Predicate<Expr.MathCall> carriesDerivative) {
    boolean[] found = {false};
    differentiableReads(e, carriesDerivative, v -> found[0] |= vars.contains(v));
    return found[0];
  }

  /** The variables read in differentiable positions of {@code e}. */
  public static void differentiableReads(Expr e, Predicate<Expr.MathCall> carriesDerivative,
      Consumer<Variable> sink) {
    if (e.type() != Type.DOUBLE && e.type() != Type.DOUBLE_ARRAY) {
      return;
    }
    if (e instanceof Expr.Read r) {
      sink.accept(r.variable());
    } else if (e instanceof Expr.Unary u) {
      differentiableReads(u.operand(), carriesDerivative, sink);
    } else if (e instanceof Expr.Binary b) {
      differentiableReads(b.left(), carriesDerivative, sink);
      differentiableReads(b.right(), carriesDerivative, sink);
    } else if (e instanceof Expr.Conditional c) {
      differentiableReads(c.whenTrue(), carriesDerivative, sink);
      differentiableReads(c.whenFalse(), carriesDerivative, sink);
    } else if (e instanceof Expr.Cast c) {
      differentiableReads(c.operand(), carriesDerivative, sink);
    } else if (e instanceof Expr.MathCall m && carriesDerivative.test(m)) {
      m.arguments().forEach(a -> differentiableReads(a, carriesDerivative, sink));
    } else if (e instanceof Expr.ArrayLoad a) {
      differentiableReads(a.array(), carriesDerivative, sink);
    } else if (e instanceof Expr.ArrayClone c) {
      differentiableReads(c.array(), carriesDerivative, sink);
    } else if (e instanceof Expr.Call c) {
      // Every argument is followed, also into parameters the callee does not differentiate: a
      // derivative arriving there is an error the linearizer reports, never a silent zero.
      for (int i = 0; i < c.arguments().size(); i++) {
        if (!c.target().isOutput(i)) {
          differentiableReads(c.arguments().get(i), carriesDerivative, sink);
        }
      }
    } else if (e instanceof Expr.StaticCall c) {
      // No derivative: its arguments are followed only so that an active one is caught.
      c.arguments().forEach(a -> differentiableReads(a, carriesDerivative, sink));
    }
  }
}
