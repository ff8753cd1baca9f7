package io.github.chainrule.processor.transform;

import io.github.chainrule.processor.analysis.Activity;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.Exprs;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.SourcePos;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode: IR → IR. The output runs the primal forward (the forward sweep), then walks the
 * statements backwards (the reverse sweep), adding each statement's partials times the adjoint
 * of what it assigned into the adjoints {@code v_bar} of what it read.
 *
 * <p>The reverse sweep needs, at each statement, the values its partials read as they were when
 * the statement ran. Values computed into temporaries by the {@link Linearizer} are never
 * overwritten. A variable that a partial reads and that is later overwritten is saved before the
 * overwrite and restored when the reverse sweep passes it (Tapenade's to-be-recorded rule, here
 * with one local per save because this code has no loops). Branch decisions are recorded in
 * boolean locals and replayed.
 */
public final class AdjointTransform {

  private final Activity activity;
  private final Set<Variable> readByReverseSweep = new HashSet<>();
  private final Linearizer linearizer;
  private final Map<Variable, Variable> adjoints = new LinkedHashMap<>();

  private AdjointTransform(Activity activity) {
    this.activity = activity;
    this.linearizer = new Linearizer(activity, readByReverseSweep::add);
  }

  /**
   * {@code double name(p1, ..., pk, double[] gradient)}: returns the method's value and writes
   * the derivative with respect to each active input, in order, into {@code gradient}.
   */
  public static IrMethod valueAndGradient(IrMethod primal, List<Variable> activeInputs,
      Activity activity, String name, Variable gradient) {
    AdjointTransform t = new AdjointTransform(activity);
    activeInputs.forEach(t::adjoint);
    List<Stmt> forward = new ArrayList<>();
    Variable value = Variable.generated("value", Type.DOUBLE);
    List<Stmt> reverse = t.statements(primal.body(), forward, value);

    List<Stmt> body = new ArrayList<>(hoistNestedDeclarations(forward));
    for (Variable bar : t.adjoints.values()) {
      body.add(new Stmt.Declare(bar, Exprs.literal(0.0), SourcePos.NONE));
    }
    body.addAll(reverse);
    for (int i = 0; i < activeInputs.size(); i++) {
      body.add(new Stmt.ArrayStore(gradient, Expr.Literal.ofInt(i),
          Exprs.read(t.adjoint(activeInputs.get(i))), SourcePos.NONE));
    }
    body.add(new Stmt.Return(Exprs.read(value), SourcePos.NONE));
    List<Variable> parameters = new ArrayList<>(primal.parameters());
    parameters.add(gradient);
    return new IrMethod(name, parameters, Type.DOUBLE, body, primal.pos());
  }

  private Variable adjoint(Variable v) {
    return adjoints.computeIfAbsent(v, Variable::adjointOf);
  }

  /** Appends the forward sweep of {@code in} to {@code forward}; returns its reverse sweep. */
  private List<Stmt> statements(List<Stmt> in, List<Stmt> forward, Variable value) {
    List<List<Stmt>> reversed = new ArrayList<>();
    for (Stmt s : in) {
      reversed.add(statement(s, forward, value));
    }
    Collections.reverse(reversed);
    List<Stmt> reverse = new ArrayList<>();
    reversed.forEach(reverse::addAll);
    return reverse;
  }

  private List<Stmt> statement(Stmt s, List<Stmt> forward, Variable value) {
    List<Stmt> reverse = new ArrayList<>();
    if (s instanceof Stmt.Declare d) {
      if (d.init() == null) {
        forward.add(d);
        return reverse;
      }
      Linearizer.Result r = linearizer.linearize(d.init(), forward, d.pos());
      forward.add(new Stmt.Declare(d.variable(), r.primal(), d.pos()));
      if (activity.isActive(d.variable()) && r.linear() != null) {
        // Before its declaration the variable does not exist: no adjoint to reset.
        propagate(r.linear(), Exprs.read(adjoint(d.variable())), reverse, d.pos());
      }
    } else if (s instanceof Stmt.Assign a) {
      Variable v = a.variable();
      Linearizer.Result r = linearizer.linearize(a.value(), forward, a.pos());
      if (readByReverseSweep.contains(v)) {
        Variable saved = Variable.temp(v.type());
        forward.add(new Stmt.Declare(saved, Exprs.read(v), a.pos()));
        reverse.add(new Stmt.Assign(v, Exprs.read(saved), a.pos()));
      }
      forward.add(new Stmt.Assign(v, r.primal(), a.pos()));
      if (activity.isActive(v)) {
        adjointOfAssignment(v, r, reverse, a.pos());
      }
    } else if (s instanceof Stmt.If i) {
      Expr condition = i.condition();
      if (!(condition instanceof Expr.Literal)) {
        Variable decision = Variable.temp(Type.BOOLEAN);
        forward.add(new Stmt.Declare(decision, condition, i.pos()));
        condition = Exprs.read(decision);
      }
      List<Stmt> trueForward = new ArrayList<>();
      List<Stmt> trueReverse = statements(i.whenTrue(), trueForward, value);
      List<Stmt> falseForward = new ArrayList<>();
      List<Stmt> falseReverse = statements(i.whenFalse(), falseForward, value);
      forward.add(new Stmt.If(condition, trueForward, falseForward, i.pos()));
      if (!trueReverse.isEmpty() || !falseReverse.isEmpty()) {
        reverse.add(new Stmt.If(condition, trueReverse, falseReverse, i.pos()));
      }
    } else if (s instanceof Stmt.Return ret) {
      Linearizer.Result r = linearizer.linearize(ret.value(), forward, ret.pos());
      forward.add(new Stmt.Declare(value, r.primal(), ret.pos()));
      if (r.linear() != null) {
        propagate(r.linear(), Exprs.literal(1.0), reverse, ret.pos());
      }
    } else {
      throw new IllegalStateException("adjoint of " + s + " is not implemented");
    }
    return reverse;
  }

  /** The reverse of {@code v = e}: v's adjoint flows into e's operands, then v's is spent. */
  private void adjointOfAssignment(Variable v, Linearizer.Result r, List<Stmt> reverse,
      SourcePos pos) {
    Variable bar = adjoint(v);
    Expr zero = Exprs.literal(0.0);
    if (r.linear() == null) {
      reverse.add(new Stmt.Assign(bar, zero, pos));
    } else if (Linear.reads(r.linear(), v)) {
      // v = f(v, ...): the incoming adjoint must be read before v's own share is added.
      Variable incoming = Variable.temp(Type.DOUBLE);
      reverse.add(new Stmt.Declare(incoming, Exprs.read(bar), pos));
      reverse.add(new Stmt.Assign(bar, zero, pos));
      propagate(r.linear(), Exprs.read(incoming), reverse, pos);
    } else {
      propagate(r.linear(), Exprs.read(bar), reverse, pos);
      reverse.add(new Stmt.Assign(bar, zero, pos));
    }
  }

  private void propagate(Linear linear, Expr seed, List<Stmt> reverse, SourcePos pos) {
    backward(linear, seed, new Linearizer.Evaluation(reverse, pos), reverse, pos);
  }

  /** The transpose of the linear part: the seed flows from the root to the leaves. */
  private void backward(Linear linear, Expr seed, Linearizer.Evaluation evaluation,
      List<Stmt> reverse, SourcePos pos) {
    if (linear instanceof Linear.Leaf leaf) {
      Variable bar = adjoint(leaf.variable());
      reverse.add(new Stmt.Assign(bar, Exprs.add(Exprs.read(bar), seed), pos));
      return;
    }
    List<Linear.Term> terms = ((Linear.Node) linear).terms();
    Expr shared = terms.size() > 1 ? evaluation.bindNow(seed) : seed;
    for (Linear.Term term : terms) {
      backward(term.operand(), evaluation.apply(term, shared), evaluation, reverse, pos);
    }
  }

  /**
   * Declarations inside branches of the forward sweep become assignments, declared with a
   * default value at the top: the reverse sweep, outside those branches, reads them.
   */
  private static List<Stmt> hoistNestedDeclarations(List<Stmt> forward) {
    List<Stmt> hoisted = new ArrayList<>();
    List<Stmt> body = new ArrayList<>();
    for (Stmt s : forward) {
      body.add(s instanceof Stmt.If i ? undeclare(i, hoisted) : s);
    }
    hoisted.addAll(body);
    return hoisted;
  }

  private static Stmt.If undeclare(Stmt.If i, List<Stmt> hoisted) {
    return new Stmt.If(i.condition(), undeclare(i.whenTrue(), hoisted),
        undeclare(i.whenFalse(), hoisted), i.pos());
  }

  private static List<Stmt> undeclare(List<Stmt> block, List<Stmt> hoisted) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.Declare d) {
        hoisted.add(new Stmt.Declare(d.variable(), defaultValue(d.variable().type()),
            SourcePos.NONE));
        if (d.init() != null) {
          out.add(new Stmt.Assign(d.variable(), d.init(), d.pos()));
        }
      } else if (s instanceof Stmt.If nested) {
        out.add(undeclare(nested, hoisted));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static Expr defaultValue(Type type) {
    switch (type) {
      case DOUBLE: return Exprs.literal(0.0);
      case BOOLEAN: return Expr.Literal.ofBoolean(false);
      case INT: return Expr.Literal.ofInt(0);
      case LONG: return new Expr.Literal(Type.LONG, "0L");
      default: return new Expr.Literal(type, "null");
    }
  }
}
