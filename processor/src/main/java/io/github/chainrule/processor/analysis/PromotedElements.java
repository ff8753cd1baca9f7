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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps an element of a local array that a loop uses at one index in a local while the loop
 * runs, as a hand-written gradient does. The reverse sweep of {@code for (j = i + 1; j < d; j++)
 * y[j] += L[l++] * x[i];} adds to {@code x_bar[i]} in every iteration and reads {@code x[i]}, and
 * the JIT can keep neither in a register: the loop also stores into the gradient, another
 * {@code double[]} that may be the same array as far as it can tell, so each iteration loads the
 * elements again (and stores the sum back). The loop becomes
 * {@code if (from < to) { double x_bar_i = x_bar[i]; double x_i = x[i]; for (...) { ... x_bar_i
 * += ... x_i ...; } x_bar[i] = x_bar_i; } else { j = from; }}: the same additions in the same
 * order, the same values read, so the same bits.
 *
 * <p>Only for an array no other name can reach (a local allocated by {@code new double[n]}, never
 * rebound, used only through its elements, its length and as the argument of a call), and only in
 * a loop without calls whose body touches the array in nothing but increments of one element
 * (accumulated), or in nothing but reads of one element (read once), at an index the body does not
 * change. The guard keeps a loop that runs zero times from reading an element it never touched;
 * at least one of the increments or reads runs in every iteration, so an index out of range fails
 * before the first iteration instead of in it, and nowhere it did not.
 */
public final class PromotedElements {

  /** The arrays that only their own name reaches. */
  private final Set<Variable> isolated;

  private PromotedElements(Set<Variable> isolated) {
    this.isolated = isolated;
  }

  public static IrMethod apply(IrMethod method) {
    Set<Variable> isolated = isolatedArrays(method);
    if (isolated.isEmpty()) {
      return method;
    }
    return method.withBody(new PromotedElements(isolated).block(method.body()));
  }

  private List<Stmt> block(List<Stmt> statements) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      if (s instanceof Stmt.For f) {
        Map<Variable, Expr> accumulated = accumulatedElements(f);
        Map<Variable, Expr> read = readElements(f);
        out.add(accumulated.isEmpty() && read.isEmpty()
            ? f.withBody(block(f.body())) : promote(f, accumulated, read));
      } else {
        out.add(IrWalk.withNestedBlocks(s, this::block));
      }
    }
    return out;
  }

  /**
   * {@code if (from CMP to) { declare the locals; the loop on them; store them back } else
   * { index = from; }}. The else branch is the assignment the loop makes when it does not run.
   */
  private Stmt promote(Stmt.For loop, Map<Variable, Expr> elements, Map<Variable, Expr> read) {
    SourcePos pos = loop.pos();
    Map<Variable, Variable> locals = new LinkedHashMap<>();
    Map<Variable, Variable> readLocals = new LinkedHashMap<>();
    List<Stmt> runs = new ArrayList<>();
    elements.forEach((array, index) -> {
      Variable local = Variable.generated(hint(array, index), Type.DOUBLE);
      locals.put(array, local);
      runs.add(new Stmt.Declare(local, new Expr.ArrayLoad(Exprs.read(array), index), pos));
    });
    read.forEach((array, index) -> {
      Variable local = Variable.generated(hint(array, index), Type.DOUBLE);
      readLocals.put(array, local);
      runs.add(new Stmt.Declare(local, new Expr.ArrayLoad(Exprs.read(array), index), pos));
    });
    // Other elements may now be kept in locals in the loops inside.
    runs.add(loop.withBody(block(readLocally(accumulate(loop.body(), locals), readLocals))));
    elements.forEach((array, index) ->
        runs.add(new Stmt.ArrayStore(array, index, Exprs.read(locals.get(array)), pos)));
    List<Stmt> skipped = loop.declaresIndex()
        ? List.of()
        : List.of(new Stmt.Assign(loop.index(), loop.from(), pos));
    return new Stmt.If(new Expr.Binary(loop.comparison(), loop.from(), loop.to()), runs, skipped,
        pos);
  }

  /** The statements with each increment of an element in {@code locals} adding to its local. */
  private static List<Stmt> accumulate(List<Stmt> statements, Map<Variable, Variable> locals) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      if (s instanceof Stmt.ArrayStore store && locals.containsKey(store.array())) {
        Variable local = locals.get(store.array());
        out.add(new Stmt.Assign(local, onLocal(store.value(), local), store.pos()));
      } else if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), accumulate(i.whenTrue(), locals),
            accumulate(i.whenFalse(), locals), i.pos()));
      } else if (s instanceof Stmt.While w) {
        out.add(new Stmt.While(w.condition(), accumulate(w.body(), locals),
            accumulate(w.update(), locals), w.label(), w.pos()));
      } else if (s instanceof Stmt.For f) {
        out.add(f.withBody(accumulate(f.body(), locals)));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** {@code a[e] ± x ± y} with the element's load replaced by the local. */
  private static Expr onLocal(Expr value, Variable local) {
    if (value instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), onLocal(b.left(), local), b.right());
    }
    return Exprs.read(local);
  }

  /** A readable name for the local: {@code x_bar_i} for {@code x_bar[i]}. */
  private static String hint(Variable array, Expr index) {
    if (index instanceof Expr.Read r && r.variable().role() != Variable.Role.TEMP) {
      return array.hint() + "_" + r.variable().hint();
    }
    if (index instanceof Expr.Literal l && l.text().matches("[0-9]+")) {
      return array.hint() + "_" + l.text();
    }
    return array.hint() + "_element";
  }

  /**
   * The elements the loop only adds to, each array's with its index, in the order the body first
   * stores into them; empty when the loop cannot be rewritten at all.
   */
  private Map<Variable, Expr> accumulatedElements(Stmt.For loop) {
    Map<Variable, Expr> out = new LinkedHashMap<>();
    if (!canBeGuarded(loop)) {
      return out;
    }
    Set<Variable> assigned = IrWalk.assigned(loop.body());
    Set<Variable> seen = new HashSet<>();
    IrWalk.forEachStatement(loop.body(), s -> {
      if (s instanceof Stmt.ArrayStore store && isolated.contains(store.array())
          && seen.add(store.array())
          && isAccumulated(loop, store.array(), store.index(), assigned)) {
        out.put(store.array(), store.index());
      }
    });
    return out;
  }

  /**
   * Whether the loop can be put under its own guard: the guard evaluates the bounds once more,
   * before the loop and on the index's old value, and no call may reach a local array.
   */
  private static boolean canBeGuarded(Stmt.For loop) {
    return !loop.isCheckpointed() && isRepeatable(loop.from()) && isRepeatable(loop.to())
        && !IrWalk.readsVariable(loop.to(), loop.index()) && !callsAnything(loop.body());
  }

  /**
   * The elements the loop only reads, each array's with its index: an isolated array the body
   * never stores into, read at one invariant index, that read evaluated in every iteration by a
   * statement at the top of the body.
   */
  private Map<Variable, Expr> readElements(Stmt.For loop) {
    Map<Variable, Expr> out = new LinkedHashMap<>();
    if (!canBeGuarded(loop)) {
      return out;
    }
    Set<Variable> assigned = IrWalk.assigned(loop.body());
    for (Stmt s : loop.body()) {
      if (!(s instanceof Stmt.Declare || s instanceof Stmt.Assign || s instanceof Stmt.ArrayStore)) {
        continue;
      }
      List<Expr.ArrayLoad> loads = new ArrayList<>();
      IrWalk.expressions(s).forEach(e -> alwaysEvaluatedLoads(e, loads));
      for (Expr.ArrayLoad load : loads) {
        if (load.array() instanceof Expr.Read r && isolated.contains(r.variable())
            && !assigned.contains(r.variable()) && !out.containsKey(r.variable())
            && isInvariant(load.index(), loop.index(), assigned)
            && readsOnlyAt(loop, r.variable(), load.index())) {
          out.put(r.variable(), load.index());
        }
      }
    }
    return out;
  }

  /** The element loads {@code e} evaluates whenever it is evaluated (not in a branch). */
  private static void alwaysEvaluatedLoads(Expr e, List<Expr.ArrayLoad> out) {
    if (e instanceof Expr.ArrayLoad load) {
      out.add(load);
    } else if (e instanceof Expr.Conditional c) {
      alwaysEvaluatedLoads(c.condition(), out);
      return;
    } else if (e instanceof Expr.Binary b && b.op().isLogical()) {
      alwaysEvaluatedLoads(b.left(), out);
      return;
    }
    IrWalk.children(e).forEach(c -> alwaysEvaluatedLoads(c, out));
  }

  /** Whether every use of {@code array} in the loop, bounds included, is a load at {@code index}. */
  private static boolean readsOnlyAt(Stmt.For loop, Variable array, Expr index) {
    if (IrWalk.readsVariable(loop.from(), array) || IrWalk.readsVariable(loop.to(), array)) {
      return false;
    }
    int[] uses = {0};
    int[] loads = {0};
    IrWalk.forEachStatement(loop.body(), s -> IrWalk.expressions(s).forEach(e -> {
      IrWalk.reads(e, v -> uses[0] += v == array ? 1 : 0);
      IrWalk.anyExpression(e, x -> {
        if (x instanceof Expr.ArrayLoad load && load.array() instanceof Expr.Read r
            && r.variable() == array && load.index().equals(index)) {
          loads[0]++;
        }
        return false;
      });
    }));
    return uses[0] == loads[0];
  }

  /** The statements with each load of an element in {@code locals} reading its local instead. */
  private static List<Stmt> readLocally(List<Stmt> statements, Map<Variable, Variable> locals) {
    if (locals.isEmpty()) {
      return statements;
    }
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : statements) {
      if (s instanceof Stmt.Declare d) {
        out.add(new Stmt.Declare(d.variable(),
            d.init() == null ? null : onLocals(d.init(), locals), d.pos()));
      } else if (s instanceof Stmt.Assign a) {
        out.add(new Stmt.Assign(a.variable(), onLocals(a.value(), locals), a.pos()));
      } else if (s instanceof Stmt.ArrayStore a) {
        out.add(new Stmt.ArrayStore(a.array(), onLocals(a.index(), locals),
            onLocals(a.value(), locals), a.pos()));
      } else if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(onLocals(i.condition(), locals), readLocally(i.whenTrue(), locals),
            readLocally(i.whenFalse(), locals), i.pos()));
      } else if (s instanceof Stmt.While w) {
        out.add(new Stmt.While(onLocals(w.condition(), locals), readLocally(w.body(), locals),
            readLocally(w.update(), locals), w.label(), w.pos()));
      } else if (s instanceof Stmt.For f) {
        out.add(new Stmt.For(f.index(), f.declaresIndex(), onLocals(f.from(), locals), f.comparison(),
            onLocals(f.to(), locals), f.step(), readLocally(f.body(), locals), f.label(),
            f.snapshots(), f.pos()));
      } else {
        // Pushes and the rest hold no element of these arrays: readsOnlyAt counted every use.
        out.add(s);
      }
    }
    return out;
  }

  /**
   * {@code e} with each load of an element in {@code locals} replaced by its local. Every use of
   * those arrays is such a load (readsOnlyAt), inside arithmetic, math functions, conditionals,
   * casts and other loads.
   */
  private static Expr onLocals(Expr e, Map<Variable, Variable> locals) {
    if (e instanceof Expr.ArrayLoad load && load.array() instanceof Expr.Read r
        && locals.containsKey(r.variable())) {
      return Exprs.read(locals.get(r.variable()));
    }
    if (e instanceof Expr.ArrayLoad load) {
      return new Expr.ArrayLoad(load.array(), onLocals(load.index(), locals));
    }
    if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), onLocals(b.left(), locals), onLocals(b.right(), locals));
    }
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), onLocals(u.operand(), locals));
    }
    if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), onLocals(c.operand(), locals));
    }
    if (e instanceof Expr.Conditional c) {
      return new Expr.Conditional(onLocals(c.condition(), locals),
          onLocals(c.whenTrue(), locals), onLocals(c.whenFalse(), locals));
    }
    if (e instanceof Expr.MathCall m) {
      return new Expr.MathCall(m.function(), m.strict(),
          m.arguments().stream().map(a -> onLocals(a, locals)).toList());
    }
    return e;
  }

  /**
   * Whether the loop touches {@code array} only in increments of {@code array[index]}, one of
   * them in every iteration, with an index the loop does not change, and its bounds never read
   * the array (they are evaluated again while the element is in the local).
   */
  private static boolean isAccumulated(Stmt.For loop, Variable array, Expr index,
      Set<Variable> assigned) {
    if (IrWalk.readsVariable(loop.from(), array) || IrWalk.readsVariable(loop.to(), array)
        || !isInvariant(index, loop.index(), assigned)) {
      return false;
    }
    List<Stmt> body = loop.body();
    boolean everyIteration = body.stream().anyMatch(s -> isIncrementAt(s, array, index));
    int[] stores = {0};
    int[] uses = {0};
    boolean[] other = {false};
    IrWalk.forEachStatement(body, s -> {
      if (s instanceof Stmt.ArrayStore store && store.array() == array) {
        stores[0]++;
        other[0] |= !isIncrementAt(s, array, index);
      }
      other[0] |= s instanceof Stmt.Declare d && d.variable() == array
          || s instanceof Stmt.Assign a && a.variable() == array;
      IrWalk.expressions(s).forEach(e -> IrWalk.reads(e, v -> uses[0] += v == array ? 1 : 0));
    });
    // Each increment reads the array once, in its own element load: any other read is another
    // access (an amount or an index reading the array included).
    return everyIteration && !other[0] && uses[0] == stores[0];
  }

  /** Whether {@code s} is {@code array[index] = array[index] ± x ± ...}. */
  private static boolean isIncrementAt(Stmt s, Variable array, Expr index) {
    return s instanceof Stmt.ArrayStore store && store.array() == array
        && store.index().equals(index) && isIncrement(store);
  }

  /** {@code a[e] = a[e] ± x}, or an increment merged from several: {@code a[e] ± x ± y}. */
  private static boolean isIncrement(Stmt.ArrayStore store) {
    if (MergedIncrements.increment(store) != null) {
      return true;
    }
    return store.value() instanceof Expr.Binary b
        && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
        && isIncrement(new Stmt.ArrayStore(store.array(), store.index(), b.left(), store.pos()));
  }

  /**
   * Whether {@code index} has one value throughout the loop: it reads neither the loop's index
   * nor anything the body assigns, and no array element (another name may store into it).
   */
  private static boolean isInvariant(Expr index, Variable loopIndex, Set<Variable> assigned) {
    boolean[] invariant = {isRepeatable(index)
        && !IrWalk.anyExpression(index, e -> e instanceof Expr.ArrayLoad)};
    IrWalk.reads(index, v -> invariant[0] &= v != loopIndex && !assigned.contains(v));
    return invariant[0];
  }

  /**
   * Whether evaluating {@code e} once more gives the same value and changes nothing: it is made
   * of variables, constants, arithmetic, Math functions, elements and lengths only (no call, no
   * pop, no allocation).
   */
  private static boolean isRepeatable(Expr e) {
    return !IrWalk.anyExpression(e, x -> !(x instanceof Expr.Literal || x instanceof Expr.Read
        || x instanceof Expr.StaticField || x instanceof Expr.Unary || x instanceof Expr.Binary
        || x instanceof Expr.Conditional || x instanceof Expr.Cast || x instanceof Expr.MathCall
        || x instanceof Expr.ArrayLoad || x instanceof Expr.ArrayLength));
  }

  /** Whether anything in {@code body} calls a method: a callee may reach the array. */
  private static boolean callsAnything(List<Stmt> body) {
    boolean[] found = {false};
    IrWalk.forEachStatement(body, s -> {
      found[0] |= s instanceof Stmt.Effect;
      IrWalk.expressions(s).forEach(e -> found[0] |= IrWalk.anyExpression(e,
          x -> x instanceof Expr.Call || x instanceof Expr.StaticCall));
    });
    return found[0];
  }

  /**
   * The {@code double[]} locals declared once, by {@code new double[n]}, never assigned again,
   * whose name appears only in element loads and stores, {@code .length}, and as the argument of a
   * call that returns no array: nothing else can hold the same array.
   */
  private static Set<Variable> isolatedArrays(IrMethod method) {
    Map<Variable, Integer> allocations = new HashMap<>();
    Set<Variable> shared = new HashSet<>(method.parameters());
    IrWalk.forEachStatement(method.body(), s -> {
      if (s instanceof Stmt.Declare d && d.variable().type() == Type.DOUBLE_ARRAY) {
        if (d.init() instanceof Expr.NewArray) {
          allocations.merge(d.variable(), 1, Integer::sum);
        } else {
          shared.add(d.variable());
        }
      } else if (s instanceof Stmt.Assign a) {
        shared.add(a.variable());
      }
      IrWalk.expressions(s).forEach(e -> bareUses(e, shared::add));
    });
    Set<Variable> out = new HashSet<>();
    allocations.forEach((array, count) -> {
      if (count == 1 && !shared.contains(array)) {
        out.add(array);
      }
    });
    return out;
  }

  /**
   * Reports each variable {@code e} uses as a value in itself, not through an element, its length
   * or as a call's argument: {@code double[] b = a}, {@code c ? a : b}, {@code a.clone()}.
   */
  private static void bareUses(Expr e, Consumer<Variable> sink) {
    if (e instanceof Expr.Read r) {
      sink.accept(r.variable());
    } else if (e instanceof Expr.ArrayLoad load && load.array() instanceof Expr.Read) {
      bareUses(load.index(), sink);
    } else if (e instanceof Expr.ArrayLength length && length.array() instanceof Expr.Read) {
      return;
    } else if ((e instanceof Expr.Call || e instanceof Expr.StaticCall)
        && (e.type() == null || !e.type().isArray())) {
      // The callee may write into the array but cannot hand it back under another name.
      for (Expr argument : IrWalk.children(e)) {
        if (!(argument instanceof Expr.Read)) {
          bareUses(argument, sink);
        }
      }
    } else {
      IrWalk.children(e).forEach(c -> bareUses(c, sink));
    }
  }
}
