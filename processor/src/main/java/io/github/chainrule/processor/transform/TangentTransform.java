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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Forward mode: IR → IR. Each active variable {@code v} gets a tangent {@code v_dot}; each
 * statement that assigns an active variable is preceded by the assignment of its tangent, the
 * sum of the rule table's partials applied to the operands' tangents. Inactive statements are
 * copied as written; the method returns the tangent of the returned value.
 *
 * <p>Applied to the output of {@link AdjointTransform} it gives second derivatives
 * (forward-over-reverse): the tangent of the gradient is a Hessian-vector product. For that it
 * also handles what only generated code contains: a value saved on a tape has its tangent saved
 * on a tangent tape beside it, and restored with it.
 */
public final class TangentTransform {

  private final Activity activity;
  private final Linearizer linearizer;
  private final Map<Variable, Variable> tangents = new HashMap<>();

  private TangentTransform(Activity activity) {
    this.activity = activity;
    this.linearizer = new Linearizer(activity, v -> { });
  }

  /**
   * {@code name(p1, p1_dot, p2, ...)}: each parameter in {@code activeInputs} is followed by its
   * tangent; returns the directional derivative of the method's value.
   */
  public static IrMethod jvp(IrMethod primal, List<Variable> activeInputs, Activity activity,
      String name) {
    return jvp(primal, activeInputs, List.of(), activity, name);
  }

  /**
   * As {@link #jvp(IrMethod, List, Activity, String)}, where each parameter in {@code outputs}
   * (an array the method writes its results into) is followed by the array that receives their
   * tangents.
   */
  public static IrMethod jvp(IrMethod primal, List<Variable> activeInputs, List<Variable> outputs,
      Activity activity, String name) {
    IrMethod withReturn = jvpReturningTangent(primal, activeInputs, outputs, activity, name);
    if (outputs.isEmpty()) {
      return withReturn;
    }
    // The outputs are the results: the method returns nothing.
    List<Stmt> body = new ArrayList<>(withReturn.body());
    if (!(body.remove(body.size() - 1) instanceof Stmt.Return)) {
      throw new IllegalStateException("a lowered method ends with its return");
    }
    return new IrMethod(name, withReturn.parameters(), null, body, primal.pos());
  }

  private static IrMethod jvpReturningTangent(IrMethod primal, List<Variable> activeInputs,
      List<Variable> outputs, Activity activity, String name) {
    TangentTransform t = new TangentTransform(activity);
    List<Variable> parameters = new ArrayList<>();
    for (Variable p : primal.parameters()) {
      parameters.add(p);
      if (activeInputs.contains(p) || outputs.contains(p)) {
        parameters.add(t.tangent(p));
      }
    }
    List<Stmt> body = new ArrayList<>();
    // A parameter outside wrt that is assigned a differentiated value carries a tangent from
    // then on; it starts at zero.
    for (Variable p : primal.parameters()) {
      if (activity.isActive(p) && !activeInputs.contains(p) && !outputs.contains(p)
          && !p.type().isTape()) {
        body.add(new Stmt.Declare(t.tangent(p), p.type().isArray()
            ? new Expr.NewArray(p.type(), new Expr.ArrayLength(Exprs.read(p)))
            : Exprs.literal(0.0), SourcePos.NONE));
      }
    }
    t.statements(primal.body(), body);
    return new IrMethod(name, parameters, primal.returnType(), body, primal.pos());
  }

  /** The tangent array of a new array: a copy of the source's tangent, or zeros. */
  private Expr tangentArray(Variable array, Expr init) {
    if (init == null || init instanceof Expr.Literal) {
      return init;
    }
    if (init instanceof Expr.ArrayClone c && c.array() instanceof Expr.Read r
        && activity.isActive(r.variable())) {
      return new Expr.ArrayClone(Exprs.read(tangent(r.variable())));
    }
    return new Expr.NewArray(array.type(), new Expr.ArrayLength(Exprs.read(array)));
  }

  private boolean writesActiveOutput(Expr.Call call) {
    for (int i = 0; i < call.arguments().size(); i++) {
      if (call.target().isOutput(i) && call.arguments().get(i) instanceof Expr.Read r
          && activity.isActive(r.variable())) {
        return true;
      }
    }
    return false;
  }

  private static List<Linear> nulls(int n) {
    List<Linear> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(null);
    }
    return list;
  }

  private Variable tangent(Variable v) {
    return tangents.computeIfAbsent(v, Variable::tangentOf);
  }

  private void statements(List<Stmt> in, List<Stmt> out) {
    for (Stmt s : in) {
      statement(s, out);
    }
  }

  private void statement(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.Declare d && d.variable().type() == Type.DOUBLE_TAPE) {
      out.add(d);
      out.add(new Stmt.Declare(tangent(d.variable()), new Expr.NewTape(Type.DOUBLE_TAPE),
          d.pos()));
    } else if (s instanceof Stmt.Effect e) {
      // A call for its outputs (a pullback in reverse-mode code): its forward entry fills the
      // outputs and their tangents at once.
      Linearizer.Result r = linearizer.linearize(e.call(), out, e.pos());
      if (r.linear() == null && !writesActiveOutput(e.call())) {
        out.add(e);
      } else {
        Linear.Call linear = r.linear() instanceof Linear.Call c
            ? c : new Linear.Call((Expr.Call) r.primal(), nulls(e.call().arguments().size()));
        out.add(new Stmt.Effect((Expr.Call) forwardCall(linear,
            new Linearizer.Evaluation(out, e.pos())), e.pos()));
      }
    } else if (s instanceof Stmt.Push p) {
      out.add(p);
      if (activity.isActive(p.value(), Rules::carriesDerivative)) {
        Linearizer.Result r = linearizer.linearize(p.value(), out, p.pos());
        out.add(new Stmt.Push(tangent(p.tape()), tangentOf(r, out, p.pos()), p.pos()));
      }
    } else if (s instanceof Stmt.Assign a && a.value() instanceof Expr.Pop pop
        && activity.isActive(a.variable())) {
      // A value restored from a tape: its tangent comes back from the tangent tape.
      out.add(new Stmt.Assign(tangent(a.variable()), new Expr.Pop(tangent(pop.tape()),
          Type.DOUBLE), a.pos()));
      out.add(a);
    } else if (s instanceof Stmt.ArrayStore a && a.value() instanceof Expr.Pop pop
        && activity.isActive(a.array())) {
      out.add(new Stmt.ArrayStore(tangent(a.array()), a.index(), new Expr.Pop(tangent(pop.tape()),
          Type.DOUBLE), a.pos()));
      out.add(a);
    } else if (s instanceof Stmt.Declare d && d.variable().type().isArray()) {
      out.add(d);
      Variable v = d.variable();
      if (activity.isActive(v)) {
        out.add(new Stmt.Declare(tangent(v), tangentArray(v, d.init()), d.pos()));
      }
    } else if (s instanceof Stmt.Assign a && a.variable().type().isArray()) {
      // Only generated code re-binds an array: a declaration moved to the top of the method.
      out.add(a);
      if (activity.isActive(a.variable())) {
        out.add(new Stmt.Assign(tangent(a.variable()), tangentArray(a.variable(), a.value()),
            a.pos()));
      }
    } else if (s instanceof Stmt.Declare d) {
      Variable v = d.variable();
      if (!activity.isActive(v)) {
        out.add(d);
      } else if (d.init() == null) {
        out.add(new Stmt.Declare(tangent(v), null, d.pos()));
        out.add(d);
      } else {
        Linearizer.Result r = linearizer.linearize(d.init(), out, d.pos());
        out.add(new Stmt.Declare(tangent(v), tangentOf(r, out, d.pos()), d.pos()));
        out.add(new Stmt.Declare(v, r.primal(), d.pos()));
      }
    } else if (s instanceof Stmt.Assign a) {
      Variable v = a.variable();
      if (!activity.isActive(v)) {
        out.add(a);
      } else {
        Linearizer.Result r = linearizer.linearize(a.value(), out, a.pos());
        // The tangent first: it may read the old value of v. (v += c leaves it as it is.)
        Expr dot = tangentOf(r, out, a.pos());
        if (!(dot instanceof Expr.Read read && read.variable() == tangent(v))) {
          out.add(new Stmt.Assign(tangent(v), dot, a.pos()));
        }
        out.add(new Stmt.Assign(v, r.primal(), a.pos()));
      }
    } else if (s instanceof Stmt.ArrayStore a) {
      if (!activity.isActive(a.array())) {
        out.add(a);
      } else {
        Linearizer.Result r = linearizer.linearize(a.value(), out, a.pos());
        out.add(new Stmt.ArrayStore(tangent(a.array()), a.index(), tangentOf(r, out, a.pos()),
            a.pos()));
        out.add(new Stmt.ArrayStore(a.array(), a.index(), r.primal(), a.pos()));
      }
    } else if (s instanceof Stmt.While w) {
      List<Stmt> body = new ArrayList<>();
      statements(w.body(), body);
      out.add(Stmt.While.of(w.condition(), body, w.pos()));
    } else if (s instanceof Stmt.For f) {
      List<Stmt> body = new ArrayList<>();
      statements(f.body(), body);
      out.add(new Stmt.For(f.index(), f.declaresIndex(), f.from(), f.comparison(), f.to(),
          f.step(), body, null, f.pos()));
    } else if (s instanceof Stmt.If i) {
      List<Stmt> whenTrue = new ArrayList<>();
      statements(i.whenTrue(), whenTrue);
      List<Stmt> whenFalse = new ArrayList<>();
      statements(i.whenFalse(), whenFalse);
      out.add(new Stmt.If(i.condition(), whenTrue, whenFalse, i.pos()));
    } else if (s instanceof Stmt.Return r && r.value().type() == Type.DOUBLE_ARRAY) {
      Variable array = ((Expr.Read) r.value()).variable();
      out.add(new Stmt.Return(activity.isActive(array)
          ? Exprs.read(tangent(array))
          : new Expr.NewArray(Type.DOUBLE_ARRAY, new Expr.ArrayLength(r.value())), r.pos()));
    } else if (s instanceof Stmt.LengthCheck c) {
      out.add(c);
    } else if (s instanceof Stmt.Release r) {
      out.add(r);
      if (r.tape().type() == Type.DOUBLE_TAPE) {
        out.add(new Stmt.Release(tangent(r.tape()), r.pos()));
      }
    } else if (s instanceof Stmt.Return r) {
      Linearizer.Result result = linearizer.linearize(r.value(), out, r.pos());
      out.add(new Stmt.Return(tangentOf(result, out, r.pos()), r.pos()));
    } else {
      throw new IllegalStateException("tangent of " + s + " is not implemented");
    }
  }

  /** The tangent of a linearised expression; a literal zero when it carries no derivative. */
  private Expr tangentOf(Linearizer.Result r, List<Stmt> out, SourcePos pos) {
    if (r.linear() == null) {
      return Exprs.literal(0.0);
    }
    Expr dot = forward(r.linear(), new Linearizer.Evaluation(out, pos));
    return dot == null ? Exprs.literal(0.0) : dot;
  }

  /**
   * The callee's forward entry: each active argument followed by its tangent (a zero where the
   * caller's argument carries none), each output array followed by its tangent array.
   */
  private Expr forwardCall(Linear.Call linear, Linearizer.Evaluation evaluation) {
    Expr.Call call = linear.call();
    List<Expr> arguments = new ArrayList<>();
    for (int i = 0; i < call.arguments().size(); i++) {
      Expr argument = call.arguments().get(i);
      arguments.add(argument);
      if (call.target().isOutput(i)) {
        arguments.add(Exprs.read(tangent(((Expr.Read) argument).variable())));
      } else if (call.target().isActive(i)) {
        Linear operand = linear.arguments().get(i);
        Expr dot = operand == null ? null : forward(operand, evaluation);
        arguments.add(dot != null ? dot : argument.type().isArray()
            ? new Expr.NewArray(argument.type(), new Expr.ArrayLength(argument))
            : Exprs.literal(0.0));
      }
    }
    return new Expr.Call(call.target().tangent(), arguments, call.pos());
  }

  private Expr forward(Linear linear, Linearizer.Evaluation evaluation) {
    if (linear instanceof Linear.Leaf leaf) {
      return Exprs.read(tangent(leaf.variable()));
    }
    if (linear instanceof Linear.Element element) {
      return new Expr.ArrayLoad(Exprs.read(tangent(element.array())), element.index());
    }
    if (linear instanceof Linear.Call call) {
      return forwardCall(call, evaluation);
    }
    Expr sum = null;
    for (Linear.Term term : ((Linear.Node) linear).terms()) {
      Expr operand = forward(term.operand(), evaluation);
      if (operand != null) {
        sum = Exprs.add(sum, evaluation.apply(term, operand));
      }
    }
    return sum;
  }
}
