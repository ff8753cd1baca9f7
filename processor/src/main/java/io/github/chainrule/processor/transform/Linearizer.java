package io.github.chainrule.processor.transform;

import io.github.chainrule.processor.analysis.Activity;
import io.github.chainrule.processor.diag.Diagnostic;
import io.github.chainrule.processor.diag.DifferentiationError;
import io.github.chainrule.processor.diag.Message;
import io.github.chainrule.processor.ir.CallTarget;
import io.github.chainrule.processor.ir.BinaryOp;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.Exprs;
import io.github.chainrule.processor.ir.IrWalk;
import io.github.chainrule.processor.ir.MathFunction;
import io.github.chainrule.processor.ir.SourcePos;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.UnaryOp;
import io.github.chainrule.processor.ir.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Splits an expression into its primal value and its {@link Linear} part. Where a rule needs a
 * primal value (an operand of {@code *}, the result of {@code exp}) that is not already an atom,
 * the value is computed once into a temporary, declared in the statement list given, and both the
 * primal expression and the partials read the temporary. Which values a rule needs is found by
 * asking the rule itself on a probe site, so the table is the only place that knows.
 */
final class Linearizer {

  /** An expression's primal value, and its linear part (null when it carries no derivative). */
  record Result(Expr primal, Linear linear) {}

  private final Activity activity;
  private final Consumer<Variable> atomReads;

  /**
   * @param atomReads told of every variable whose value a partial will read, so the adjoint
   *     transform can keep those values for the reverse sweep
   */
  Linearizer(Activity activity, Consumer<Variable> atomReads) {
    this.activity = activity;
    this.atomReads = atomReads;
  }

  Result linearize(Expr e, List<Stmt> out, SourcePos pos) {
    if (!activity.isActive(e, Rules::carriesDerivative)) {
      return new Result(e, null);
    }
    if (e instanceof Expr.Read r) {
      return new Result(e, new Linear.Leaf(r.variable()));
    }
    if (e instanceof Expr.ArrayLoad load && load.array() instanceof Expr.Read array) {
      Expr index = isSimpleIndex(load.index()) ? load.index() : atom(load.index(), out, pos);
      IrWalk.reads(index, atomReads);
      return new Result(new Expr.ArrayLoad(array, index),
          new Linear.Element(array.variable(), index));
    }
    if (e instanceof Expr.Call call) {
      return call(call, out, pos);
    }
    if (e instanceof Expr.StaticCall call) {
      throw new DifferentiationError(Diagnostic.at(call.pos(), Message.NO_DERIVATIVE,
          call.owner().simpleNames() + "." + call.name() + "(...)", customDerivativeHint(call)));
    }
    if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEG) {
      return primitive(Rules.partials(UnaryOp.NEG), List.of(u.operand()), false,
          args -> new Expr.Unary(UnaryOp.NEG, args.get(0)), out, pos);
    }
    if (e instanceof Expr.Binary b && b.op() == BinaryOp.MUL && b.left().equals(b.right())
        && isCheap(b.left())) {
      // x * x: one operand, one partial 2·x·d. The same bits as d·x + x·d, at half the work in
      // every order of derivative.
      return primitive(Rules.squarePartials(), List.of(b.left()), false,
          args -> new Expr.Binary(BinaryOp.MUL, args.get(0), args.get(0)), out, pos);
    }
    if (e instanceof Expr.Binary b && b.op().isArithmetic()) {
      return primitive(Rules.partials(b.op()), List.of(b.left(), b.right()), false,
          args -> new Expr.Binary(b.op(), args.get(0), args.get(1)), out, pos);
    }
    if (e instanceof Expr.MathCall m) {
      return primitive(Rules.partials(m.function()), m.arguments(), m.strict(),
          args -> new Expr.MathCall(m.function(), m.strict(), args), out, pos);
    }
    if (e instanceof Expr.Cast c && c.type() == Type.DOUBLE) {
      Result inner = linearize(c.operand(), out, pos);
      return new Result(new Expr.Cast(Type.DOUBLE, inner.primal()), inner.linear());
    }
    if (e instanceof Expr.Conditional c) {
      Expr condition = atom(c.condition(), out, pos);
      Rules.Partial whenTrue = (s, d) -> Exprs.select(
          s.argument(2), d, null);
      Rules.Partial whenFalse = (s, d) -> Exprs.select(
          s.argument(2), null, d);
      Result a = linearize(c.whenTrue(), out, pos);
      Result b = linearize(c.whenFalse(), out, pos);
      Linear.Atoms atoms = new Linear.Atoms(List.of(a.primal(), b.primal(), condition), null,
          false);
      List<Linear.Term> terms = new ArrayList<>();
      if (a.linear() != null) {
        terms.add(new Linear.Term(whenTrue, atoms, a.linear()));
      }
      if (b.linear() != null) {
        terms.add(new Linear.Term(whenFalse, atoms, b.linear()));
      }
      return new Result(new Expr.Conditional(condition, a.primal(), b.primal()),
          new Linear.Node(terms));
    }
    throw new IllegalStateException("no derivative rule for " + e);
  }

  /**
   * A call of a method with derivatives: every argument becomes an atom (the reverse sweep passes
   * them again to the pullback), arrays by reference.
   */
  private Result call(Expr.Call call, List<Stmt> out, SourcePos pos) {
    if (call.target().hasCustomPartials()) {
      return customCall(call, out, pos);
    }
    List<Expr> arguments = new ArrayList<>();
    List<Linear> linears = new ArrayList<>();
    boolean any = false;
    for (int i = 0; i < call.arguments().size(); i++) {
      Expr argument = call.arguments().get(i);
      Linear linear;
      if (call.target().isOutput(i)) {
        arguments.add(argument);
        linears.add(null);
        continue;
      }
      if (argument.type().isArray()) {
        if (!(argument instanceof Expr.Read)) {
          if (activity.isActive(argument, Rules::carriesDerivative)) {
            throw new DifferentiationError(Diagnostic.at(call.pos(), Message.UNSUPPORTED_EXPRESSION,
                "an array expression carrying derivatives as an argument",
                "pass an array variable"));
          }
          // An array computed on the spot (a helper's result, a choice of tables): kept in a
          // temporary so the reverse sweep passes the same array again.
          Variable temp = Variable.temp(argument.type());
          out.add(new Stmt.Declare(temp, argument, pos));
          argument = new Expr.Read(temp);
        }
        Variable array = ((Expr.Read) argument).variable();
        atomReads.accept(array);
        arguments.add(argument);
        linear = activity.isActive(array) ? new Linear.Leaf(array) : null;
      } else {
        Result r = linearize(argument, out, pos);
        arguments.add(atom(r.primal(), out, pos));
        linear = r.linear();
      }
      if (linear != null && !call.target().isActive(i)) {
        throw new DifferentiationError(Diagnostic.at(call.pos(), Message.NO_DERIVATIVE,
            call.target().method() + "(...)'s parameter " + (i + 1)
                + ", which its @Differentiable(wrt = ...) leaves out,",
            " by adding that parameter to its wrt"));
      }
      any |= linear != null;
      linears.add(linear);
    }
    Expr.Call primal = new Expr.Call(call.target(), arguments, call.pos());
    return new Result(primal, any ? new Linear.Call(primal, linears) : null);
  }

  /**
   * A {@code @CustomDerivative} method inside its own generated code: a primitive whose partials
   * are calls of the user's partial-derivative methods, with the arguments as they are.
   */
  private Result customCall(Expr.Call call, List<Stmt> out, SourcePos pos) {
    List<Rules.Partial> partials = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < call.arguments().size(); i++) {
      if (call.target().isActive(i)) {
        CallTarget partial = call.target().partials().get(next++);
        partials.add((s, d) -> Exprs.mul(d, new Expr.Call(partial, s.arguments(), call.pos())));
      } else {
        partials.add((s, d) -> {
          throw new IllegalStateException("no derivative flows into an inactive parameter");
        });
      }
    }
    return primitive(partials, call.arguments(), false,
        args -> new Expr.Call(call.target(), args, call.pos()), out, pos);
  }

  /**
   * How the user could give {@code call}'s method a derivative: the {@code @CustomDerivative}
   * declaration, with one partial-derivative method per double parameter.
   */
  private static String customDerivativeHint(Expr.StaticCall call) {
    List<String> parameters = new ArrayList<>();
    List<String> partials = new ArrayList<>();
    for (int i = 0; i < call.arguments().size(); i++) {
      Type type = call.arguments().get(i).type();
      String name = "p" + (i + 1);
      parameters.add((type.isIntegral() && type != Type.LONG ? "int" : type.javaName()) + " "
          + name);
      if (type == Type.DOUBLE) {
        partials.add("\"" + call.name() + "D" + name + "\"");
      }
    }
    String signature = "(" + String.join(", ", parameters) + ")";
    return ": @CustomDerivative(partials = {" + String.join(", ", partials) + "}) on "
        + call.name() + signature + ", with @Differentiable static double "
        + (partials.isEmpty() ? call.name() + "Dp1" : partials.get(0).replace("\"", ""))
        + signature + " ... in " + call.owner().simpleNames();
  }

  private interface Rebuild {
    Expr with(List<Expr> arguments);
  }

  /**
   * Linearises one primitive: its operands first, then exactly the atoms its active partials
   * read.
   */
  private Result primitive(List<Rules.Partial> partials, List<Expr> operands, boolean strict,
      Rebuild rebuild, List<Stmt> out, SourcePos pos) {
    int n = operands.size();
    Result[] inner = new Result[n];
    for (int i = 0; i < n; i++) {
      inner[i] = linearize(operands.get(i), out, pos);
    }
    Probe probe = new Probe(n, strict);
    for (int i = 0; i < n; i++) {
      if (inner[i].linear() != null) {
        partials.get(i).apply(probe, probe.placeholder);
      }
    }
    List<Expr> arguments = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      arguments.add(probe.arguments[i] ? atom(inner[i].primal(), out, pos) : inner[i].primal());
    }
    Expr primal = rebuild.with(arguments);
    Expr result = null;
    if (probe.result) {
      result = atom(primal, out, pos);
      primal = result;
    }
    Linear.Atoms atoms = new Linear.Atoms(arguments, result, strict);
    List<Linear.Term> terms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (inner[i].linear() != null) {
        terms.add(new Linear.Term(partials.get(i), atoms, inner[i].linear()));
      }
    }
    return new Result(primal, new Linear.Node(terms));
  }

  /**
   * {@code e} if it is an atom, else a temporary holding it. An element read with a simple index
   * ({@code x[i]}, {@code x[i + 1]}) counts as an atom: reading it again is as cheap as reading a
   * temporary, and the reverse sweep restores overwritten elements like any other value.
   */
  private Expr atom(Expr e, List<Stmt> out, SourcePos pos) {
    if (isCheap(e)) {
      IrWalk.reads(e, atomReads);
      return e;
    }
    Variable t = Variable.temp(e.type());
    out.add(new Stmt.Declare(t, e, pos));
    atomReads.accept(t);
    return new Expr.Read(t);
  }

  private static boolean isCheap(Expr e) {
    if (e.isAtom()) {
      return true;
    }
    if (e instanceof Expr.ArrayLoad load) {
      return (load.array() instanceof Expr.Read || load.array() instanceof Expr.StaticField)
          && isSimpleIndex(load.index());
    }
    return false;
  }

  private static boolean isSimpleIndex(Expr index) {
    return index.isAtom()
        || (index instanceof Expr.Binary b
            && (b.op() == BinaryOp.ADD
                || b.op() == BinaryOp.SUB)
            && b.left().isAtom() && b.right().isAtom());
  }

  /** A site that records which values a rule asks for. */
  private static final class Probe implements Site {
    final boolean[] arguments;
    boolean result;
    final boolean strict;
    final Expr placeholder = new Expr.Read(Variable.temp(Type.DOUBLE));

    Probe(int n, boolean strict) {
      this.arguments = new boolean[n];
      this.strict = strict;
    }

    @Override
    public Expr argument(int i) {
      arguments[i] = true;
      return placeholder;
    }

    @Override
    public List<Expr> arguments() {
      java.util.Arrays.fill(arguments, true);
      List<Expr> all = new ArrayList<>();
      for (int i = 0; i < arguments.length; i++) {
        all.add(placeholder);
      }
      return all;
    }

    @Override
    public Expr result() {
      result = true;
      return placeholder;
    }

    @Override
    public Expr call(MathFunction function, Expr... args) {
      return new Expr.MathCall(function, strict, Arrays.asList(args));
    }

    @Override
    public Expr bind(Expr e) {
      return e;
    }
  }

  /**
   * The site partials see when they are evaluated: the atoms, and temporaries declared in the
   * list where the derivative code goes. Shared subexpressions are bound once per primitive.
   */
  static final class Evaluation {
    private final List<Stmt> out;
    private final SourcePos pos;
    private final Map<Linear.Atoms, Map<Expr, Expr>> bound = new IdentityHashMap<>();

    Evaluation(List<Stmt> out, SourcePos pos) {
      this.out = out;
      this.pos = pos;
    }

    Expr apply(Linear.Term term, Expr d) {
      Linear.Atoms atoms = term.atoms();
      Map<Expr, Expr> memo = bound.computeIfAbsent(atoms, a -> new HashMap<>());
      Site site = new Site() {
        @Override
        public Expr argument(int i) {
          // Partials are double arithmetic: an int argument squared in int would overflow.
          return asDouble(atoms.arguments().get(i));
        }

        @Override
        public List<Expr> arguments() {
          return atoms.arguments();
        }

        @Override
        public Expr result() {
          return atoms.result();
        }

        @Override
        public Expr call(MathFunction function, Expr... args) {
          return new Expr.MathCall(function, atoms.strictMath(), Arrays.asList(args));
        }

        @Override
        public Expr bind(Expr e) {
          return memo.computeIfAbsent(e, k -> bindNow(k));
        }
      };
      return term.partial().apply(site, d);
    }

    private static Expr asDouble(Expr e) {
      if (!e.type().isIntegral()) {
        return e;
      }
      if (e instanceof Expr.Literal l && l.text().matches("[0-9]+")) {
        return new Expr.Literal(Type.DOUBLE, l.text() + ".0");
      }
      return new Expr.Cast(Type.DOUBLE, e);
    }

    /** A temporary in the derivative code holding {@code e}. */
    Expr bindNow(Expr e) {
      if (e.isAtom()) {
        return e;
      }
      Variable t = Variable.temp(e.type());
      out.add(new Stmt.Declare(t, e, pos));
      return new Expr.Read(t);
    }
  }

}
