package io.github.chainrule.processor.transform;

import static io.github.chainrule.processor.transform.StatementEdits.copies;
import static io.github.chainrule.processor.transform.StatementEdits.endIndex;
import static io.github.chainrule.processor.transform.StatementEdits.hoistNestedDeclarations;
import static io.github.chainrule.processor.transform.StatementEdits.pushesInNestedLoop;
import static io.github.chainrule.processor.transform.StatementEdits.restoreEntry;
import static io.github.chainrule.processor.transform.StatementEdits.undeclare;
import static io.github.chainrule.processor.transform.StatementEdits.withoutAssignments;
import static io.github.chainrule.processor.transform.StatementEdits.withoutPushes;

import io.github.chainrule.processor.analysis.Activity;
import io.github.chainrule.processor.analysis.FullWrites;
import io.github.chainrule.processor.analysis.IndependentIterations;
import io.github.chainrule.processor.analysis.ResultCoefficients;
import io.github.chainrule.processor.diag.Diagnostic;
import io.github.chainrule.processor.diag.DifferentiationError;
import io.github.chainrule.processor.diag.Message;
import io.github.chainrule.processor.ir.BinaryOp;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.Exprs;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.IrWalk;
import io.github.chainrule.processor.ir.SourcePos;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode: IR → IR. The output runs the primal forward (the forward sweep), then walks the
 * statements backwards (the reverse sweep), adding each statement's partials times the adjoint
 * of what it assigned into the adjoints {@code v_bar} of what it read. It works in two passes:
 * first every statement is linearised (its primal, its {@link Linear} part, the values its
 * partials read); then the sweeps are written, knowing which values the reverse sweep reads.
 *
 * <p>The reverse sweep needs, at each statement, the values its partials read as they were when
 * the statement ran. A variable (or array element) that the reverse sweep reads and that is
 * overwritten is saved just before the overwrite and restored when the reverse sweep passes that
 * point (Tapenade's to-be-recorded values). Outside loops a save is a local; inside loops it goes
 * on a primitive tape, as do branch decisions and trip counts. Values a counted loop's iteration
 * computes from its index and from data the loop does not change are recomputed in the reverse
 * iteration instead of taped, as a hand-written gradient would. Nothing else is stored.
 */
public final class AdjointTransform {

  /** A statement after linearisation: what the sweeps are written from. */
  private sealed interface Lin {}

  /** {@code target = primal}, a declaration or an assignment, with its linear part. */
  private record LAssign(Variable target, Expr primal, Linear linear, boolean declares,
      boolean increment, Set<Variable> reads, SourcePos pos) implements Lin {}

  /** {@code array[index] = primal}. */
  private record LStore(Variable array, Expr index, Expr primal, Linear linear, boolean increment,
      Set<Variable> reads, SourcePos pos) implements Lin {}

  /** {@code T[] array = new T[n]} or {@code = other.clone()}. */
  private record LArray(Stmt.Declare declaration) implements Lin {}

  private record LIf(Expr condition, List<Lin> whenTrue, List<Lin> whenFalse, SourcePos pos)
      implements Lin {}

  private record LWhile(Expr condition, List<Lin> body, SourcePos pos) implements Lin {}

  private record LFor(Stmt.For loop, List<Lin> body) implements Lin {}

  private record LReturn(Expr primal, Linear linear, SourcePos pos) implements Lin {}

  /** Where the adjoint of an active parameter array lives: a slice of the gradient output. */
  private record Slice(Variable gradient, Expr offset) {}

  /**
   * A loop reversible in the forward pass: its iterations, and its sums' adjoints ÷ the seed (null
   * for a sum that does not reach the result).
   */
  private record Fusion(IndependentIterations iterations, Map<Variable, Expr> sumAdjoints) {}

  private final Activity activity;
  private final Map<Variable, Variable> adjoints = new LinkedHashMap<>();
  private final Map<Variable, Slice> slices = new LinkedHashMap<>();
  private final List<Stmt> adjointArrays = new ArrayList<>();
  private Variable doubleTape;
  private Variable intTape;
  /** The reads of the statement being linearised, collected from the linearizer. */
  private Set<Variable> currentReads = new HashSet<>();
  private final Linearizer linearizer;
  private Variable value = Variable.generated("value", Type.DOUBLE);
  /** What the returned value's adjoint starts as: 1, or the pullback's seed. */
  private Expr seed;
  /** The primal method's parameters. */
  private List<Variable> parameters = List.of();
  /** Every variable some loop of the method assigns (its value may differ between iterations). */
  private final Set<Variable> assignedInLoops = new HashSet<>();
  /** The adjoint increments of the statement being reversed, summed per target. */
  private Map<Expr, Expr> pending = new LinkedHashMap<>();
  /** Arrays for callees' pullbacks, allocated once on entry. */
  private final List<Stmt> allocations = new ArrayList<>();
  /**
   * Local arrays declared once, at the top level, and never reassigned: their length is fixed
   * from their declaration on.
   */
  private final Set<Variable> fixedLengthArrays = new HashSet<>();
  /** Arrays for callees' pullbacks sized by such arrays: allocated once, after their declaration. */
  private final List<Stmt> allocationsAfterArrays = new ArrayList<>();
  /** Declarations moved out of primal code that the reverse sweep runs again (checkpointing). */
  private final List<Stmt> reverseHoisted = new ArrayList<>();
  private int loopDepth;
  /**
   * The indices of the counted loops around the statement being swept: the reverse sweep replays
   * those loops by index, so it finds each index as the forward sweep had it.
   */
  private final Set<Variable> replayedIndices = new HashSet<>();
  /** Loops that write every element of an array (see findSavesDoneElsewhere). */
  private FullWrites fullWrites;
  /**
   * Element writes whose old value need not be saved: the array was written in full earlier in
   * the same block, that write saved every element, and nothing in between reads the array in
   * its reverse. Lin records compare by value; these are compared by identity.
   */
  private final Set<LStore> savedByFullWrite =
      Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /** The primal method's body, where analyses of one loop look up declarations. */
  private List<Stmt> primalBody = List.of();
  /** Whether the loop being swept reruns its iterations in the reverse sweep (see forLoop). */
  private boolean rerunningIterations;
  /**
   * What the bodies of the enclosing loops that are replayed backwards assign (their indices
   * aside, which the replay counts down itself): a rerun reads those with the values of the
   * enclosing loop's last iteration unless something restores them.
   */
  private final Deque<Set<Variable>> replayedLoopsAssign = new ArrayDeque<>();
  /** Top-level loops that can be reversed in the forward pass (fusedLoop). */
  private Map<LFor, Fusion> fusable = Map.of();
  /** Whether some loop was: the adjoints are then declared before the forward sweep. */
  private boolean fusedAny;

  private AdjointTransform(Activity activity) {
    this.activity = activity;
    this.linearizer = new Linearizer(activity, v -> currentReads.add(v));
  }

  /**
   * {@code double name(p1, ..., pk, double seed, double[] gradient)}: returns the method's value
   * and overwrites {@code gradient[0..n)} with {@code seed} times the gradient. This is the entry
   * a caller's reverse sweep uses for a call, and what {@code fValueAndGradient} calls with 1.
   * For a method returning {@code double[]}, {@code seed} is the cotangent array.
   */
  public static IrMethod pullback(IrMethod primal, List<Variable> activeInputs,
      Activity activity, String name, Variable seed, Variable gradient) {
    AdjointTransform t = new AdjointTransform(activity);
    t.seed = Exprs.read(seed);
    t.value = Variable.generated("value", primal.returnType());
    IrWalk.forEachStatement(primal.body(), s -> {
      if (s instanceof Stmt.While || s instanceof Stmt.For) {
        t.assignedInLoops.addAll(IrWalk.assigned(IrWalk.nestedBlocks(s).get(0)));
      }
      if (s instanceof Stmt.For f) {
        t.assignedInLoops.add(f.index());
      }
    });
    t.parameters = primal.parameters();
    t.primalBody = primal.body();
    t.fullWrites = FullWrites.of(primal.body());
    t.findFixedLengthArrays(primal.body());
    List<Stmt> prologue = new ArrayList<>();
    List<Stmt> epilogue = new ArrayList<>();
    t.layOutGradient(activeInputs, gradient, prologue, epilogue);

    List<Lin> linearised = t.linearise(primal.body());
    t.fusable = t.fusableLoops(linearised, primal);
    t.findSavesDoneElsewhere(linearised);
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> reverse = t.sweeps(linearised, forward, new HashSet<>());

    List<Stmt> body = new ArrayList<>();
    if (t.doubleTape != null) {
      body.add(new Stmt.Declare(t.doubleTape, new Expr.NewTape(Type.DOUBLE_TAPE),
          SourcePos.NONE));
    }
    if (t.intTape != null) {
      body.add(new Stmt.Declare(t.intTape, new Expr.NewTape(Type.INT_TAPE), SourcePos.NONE));
    }
    body.addAll(prologue);
    body.addAll(t.allocations);
    List<Stmt> hoistedForward = t.withAllocationsAfterArrays(hoistNestedDeclarations(forward));
    Set<Variable> declared = new HashSet<>();
    IrWalk.forEachStatement(hoistedForward, s -> {
      if (s instanceof Stmt.Declare d) {
        declared.add(d.variable());
      }
    });
    for (Stmt s : t.reverseHoisted) {
      if (declared.add(((Stmt.Declare) s).variable())) {
        body.add(s);
      }
    }
    List<Stmt> adjointDeclarations = new ArrayList<>();
    for (Variable bar : t.adjoints.values()) {
      if (!bar.type().isArray()) {
        adjointDeclarations.add(new Stmt.Declare(bar, Exprs.literal(0.0), SourcePos.NONE));
      }
    }
    if (t.fusedAny) {
      // A fused loop in the forward sweep already adds into the adjoints.
      body.addAll(adjointDeclarations);
      body.addAll(hoistedForward);
    } else {
      body.addAll(hoistedForward);
      body.addAll(adjointDeclarations);
    }
    body.addAll(reverse);
    body.addAll(epilogue);
    for (Variable tape : new Variable[] {t.doubleTape, t.intTape}) {
      if (tape != null) {
        body.add(new Stmt.Release(tape, SourcePos.NONE));
      }
    }
    body.add(new Stmt.Return(Exprs.read(t.value), SourcePos.NONE));
    List<Variable> parameters = new ArrayList<>(primal.parameters());
    parameters.add(seed);
    parameters.add(gradient);
    return new IrMethod(name, parameters, primal.returnType(), body, primal.pos());
  }

  private void findFixedLengthArrays(List<Stmt> body) {
    Map<Variable, Integer> assignments = new HashMap<>();
    IrWalk.forEachStatement(body, s -> {
      if (s instanceof Stmt.Declare d) {
        assignments.merge(d.variable(), 1, Integer::sum);
      } else if (s instanceof Stmt.Assign a) {
        assignments.merge(a.variable(), 2, Integer::sum);
      }
    });
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare d && d.variable().type().isArray() && d.init() != null
          && assignments.get(d.variable()) == 1) {
        fixedLengthArrays.add(d.variable());
      }
    }
  }

  /** The forward sweep with each late allocation after the last declaration its size reads. */
  private List<Stmt> withAllocationsAfterArrays(List<Stmt> forward) {
    List<Stmt> out = new ArrayList<>(forward);
    for (Stmt allocation : allocationsAfterArrays) {
      Set<Variable> needed = new HashSet<>();
      IrWalk.reads(allocation, needed::add);
      int at = -1;
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i) instanceof Stmt.Declare d && needed.contains(d.variable())) {
          at = i + 1;
        }
      }
      if (at < 0) {
        throw new IllegalStateException("no declaration of " + needed + " in the forward sweep");
      }
      out.add(at, allocation);
    }
    return out;
  }

  /**
   * The flattened gradient: a scalar input's adjoint is a local copied out at the end; an array
   * input's adjoint is its slice of {@code gradient}, zeroed first and accumulated in place.
   */
  private void layOutGradient(List<Variable> activeInputs, Variable gradient,
      List<Stmt> prologue, List<Stmt> epilogue) {
    Expr offset = Expr.Literal.ofInt(0);
    for (Variable p : activeInputs) {
      if (p.type().isArray()) {
        Expr start = offset;
        if (!start.isAtom()) {
          Variable named = Variable.generated(p.hint() + "Offset", Type.INT);
          prologue.add(new Stmt.Declare(named, offset, SourcePos.NONE));
          start = Exprs.read(named);
        }
        slices.put(p, new Slice(gradient, start));
        Variable k = Variable.generated("k", Type.INT);
        prologue.add(new Stmt.For(k, true, Expr.Literal.ofInt(0), BinaryOp.LT,
            new Expr.ArrayLength(Exprs.read(p)), 1,
            List.of(new Stmt.ArrayStore(gradient, plus(start, Exprs.read(k)), Exprs.literal(0.0),
                SourcePos.NONE)), null, SourcePos.NONE));
        offset = plus(offset, new Expr.ArrayLength(Exprs.read(p)));
      } else {
        epilogue.add(new Stmt.ArrayStore(gradient, offset, Exprs.read(adjoint(p)),
            SourcePos.NONE));
        offset = plus(offset, Expr.Literal.ofInt(1));
      }
    }
  }

  /** {@code a + b} on ints, folding literals so offsets read {@code 2}, not {@code 0 + 1 + 1}. */
  private static Expr plus(Expr a, Expr b) {
    if (a instanceof Expr.Literal la && la.type() == Type.INT
        && b instanceof Expr.Literal lb && lb.type() == Type.INT) {
      return Expr.Literal.ofInt(Integer.parseInt(la.text()) + Integer.parseInt(lb.text()));
    }
    if (a instanceof Expr.Literal l && l.denotes(0)) {
      return b;
    }
    if (a instanceof Expr.Binary sum && sum.op() == BinaryOp.ADD
        && sum.right() instanceof Expr.Literal && b instanceof Expr.Literal) {
      return new Expr.Binary(BinaryOp.ADD, sum.left(), plus(sum.right(), b));
    }
    return new Expr.Binary(BinaryOp.ADD, a, b);
  }

  private Variable adjoint(Variable v) {
    return adjoints.computeIfAbsent(v, Variable::adjointOf);
  }

  // Pass 1: linearise.

  private List<Lin> linearise(List<Stmt> body) {
    List<Lin> out = new ArrayList<>();
    for (Stmt s : body) {
      linearise(s, out);
    }
    return out;
  }

  private void linearise(Stmt s, List<Lin> out) {
    if (s instanceof Stmt.Declare d && d.variable().type().isArray()) {
      if (activity.isActive(d.variable()) && loopDepth > 0) {
        throw new DifferentiationError(Diagnostic.at(d.pos(), Message.UNSUPPORTED_STATEMENT,
            "an array declared inside a loop and differentiated through",
            "declare the array once before the loop"));
      }
      out.add(new LArray(d));
    } else if (s instanceof Stmt.Declare d) {
      if (d.init() == null) {
        out.add(new LAssign(d.variable(), null, null, true, false, Set.of(), d.pos()));
      } else {
        assignment(d.variable(), d.init(), true, d.pos(), out);
      }
    } else if (s instanceof Stmt.Assign a) {
      assignment(a.variable(), a.value(), false, a.pos(), out);
    } else if (s instanceof Stmt.ArrayStore a) {
      store(a, out);
    } else if (s instanceof Stmt.If i) {
      out.add(new LIf(i.condition(), linearise(i.whenTrue()), linearise(i.whenFalse()), i.pos()));
    } else if (s instanceof Stmt.While w) {
      loopDepth++;
      List<Lin> body = linearise(w.body());
      loopDepth--;
      out.add(new LWhile(w.condition(), body, w.pos()));
    } else if (s instanceof Stmt.For f) {
      loopDepth++;
      List<Lin> body = linearise(f.body());
      loopDepth--;
      out.add(new LFor(f, body));
    } else if (s instanceof Stmt.Return r && r.value().type() == Type.DOUBLE_ARRAY) {
      out.add(new LReturn(r.value(), null, r.pos()));
    } else if (s instanceof Stmt.Return r) {
      List<Stmt> temps = new ArrayList<>();
      currentReads = new HashSet<>();
      Linearizer.Result result = linearizer.linearize(r.value(), temps, r.pos());
      addTemps(temps, out);
      out.add(new LReturn(result.primal(), result.linear(), r.pos()));
    } else {
      throw new IllegalStateException("adjoint of " + s + " is not implemented");
    }
  }

  private void assignment(Variable target, Expr value, boolean declares, SourcePos pos,
      List<Lin> out) {
    if (!activity.isActive(target)) {
      out.add(new LAssign(target, value, null, declares, false, Set.of(), pos));
      return;
    }
    // v = v + e and v = v - e: the adjoint of v passes through unchanged, only e's is added.
    Expr increment = incrementOf(value, new Expr.Read(target));
    List<Stmt> temps = new ArrayList<>();
    currentReads = new HashSet<>();
    Linearizer.Result r = linearizer.linearize(increment != null ? increment : value, temps, pos);
    addTemps(temps, out);
    Expr primal = r.primal();
    if (increment != null) {
      primal = new Expr.Binary(((Expr.Binary) value).op(), new Expr.Read(target), primal);
    }
    out.add(new LAssign(target, primal, r.linear(), declares,
        increment != null && !declares, currentReads, pos));
  }

  private void store(Stmt.ArrayStore a, List<Lin> out) {
    Set<Variable> indexReads = new HashSet<>();
    IrWalk.reads(a.index(), indexReads::add);
    if (indexReads.contains(a.array()) || IrWalk.mayThrow(a.index())) {
      // The index reads the array it writes (or computes something): evaluate it once, so the
      // reverse sweep finds the element the forward sweep wrote.
      Variable index = Variable.temp(Type.INT);
      out.add(new LAssign(index, a.index(), null, true, false, Set.of(), a.pos()));
      a = new Stmt.ArrayStore(a.array(), Exprs.read(index), a.value(), a.pos());
      indexReads = Set.of(index);
    }
    if (!activity.isActive(a.array())) {
      out.add(new LStore(a.array(), a.index(), a.value(), null, false, indexReads, a.pos()));
      return;
    }
    Expr increment = incrementOf(a.value(), new Expr.ArrayLoad(Exprs.read(a.array()), a.index()));
    List<Stmt> temps = new ArrayList<>();
    currentReads = new HashSet<>(indexReads);
    Linearizer.Result r = linearizer.linearize(increment != null ? increment : a.value(), temps,
        a.pos());
    addTemps(temps, out);
    Expr primal = r.primal();
    if (increment != null) {
      primal = new Expr.Binary(((Expr.Binary) a.value()).op(),
          new Expr.ArrayLoad(Exprs.read(a.array()), a.index()), primal);
    }
    out.add(new LStore(a.array(), a.index(), primal, r.linear(), increment != null,
        currentReads, a.pos()));
  }

  /** The {@code e} of {@code target + e} or {@code target - e} when e does not read target. */
  private Expr incrementOf(Expr value, Expr target) {
    if (value instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
        && b.left().equals(target) && b.type() == Type.DOUBLE) {
      Variable base = target instanceof Expr.Read r ? r.variable()
          : (Variable) ((Expr.Read) ((Expr.ArrayLoad) target).array()).variable();
      boolean[] readsTarget = {false};
      IrWalk.reads(b.right(), v -> readsTarget[0] |= v == base);
      return readsTarget[0] ? null : b.right();
    }
    return null;
  }

  /** The linearizer's temporaries: assignments whose values the partials read. */
  private void addTemps(List<Stmt> temps, List<Lin> out) {
    for (Stmt t : temps) {
      Stmt.Declare d = (Stmt.Declare) t;
      out.add(new LAssign(d.variable(), d.init(), null, true, false, Set.of(), d.pos()));
    }
  }

  /**
   * Marks the element writes whose saves an earlier full write of the array makes redundant: the
   * reverse sweep restores every element when it passes that full write, and between the two
   * nothing reads the array in its reverse. (GMM's triangular update {@code qxc[j] += ...} after
   * {@code qxc} was rewritten for the component.)
   */
  private void findSavesDoneElsewhere(List<Lin> block) {
    Set<Variable> restored = new HashSet<>();
    for (Lin l : block) {
      restored.removeAll(reads(List.of(l)));
      markStores(l, restored);
      for (List<Lin> nested : nestedBlocks(l)) {
        findSavesDoneElsewhere(nested);
      }
      if (l instanceof LFor f && !f.loop().isCheckpointed()) {
        Variable full = fullWrites.arrayWrittenInFull(f.loop());
        if (full != null) {
          restored.add(full);
        }
      }
    }
  }

  private void markStores(Lin l, Set<Variable> arrays) {
    if (arrays.isEmpty()) {
      return;
    }
    if (l instanceof LStore s && arrays.contains(s.array())) {
      savedByFullWrite.add(s);
    }
    for (List<Lin> nested : nestedBlocks(l)) {
      nested.forEach(inner -> markStores(inner, arrays));
    }
  }

  private static List<List<Lin>> nestedBlocks(Lin l) {
    if (l instanceof LIf i) {
      return List.of(i.whenTrue(), i.whenFalse());
    }
    if (l instanceof LWhile w) {
      return List.of(w.body());
    }
    if (l instanceof LFor f) {
      return List.of(f.body());
    }
    return List.of();
  }

  /** Every value the reverse sweep of these statements reads. */
  private static Set<Variable> reads(List<Lin> body) {
    Set<Variable> all = new HashSet<>();
    for (Lin l : body) {
      if (l instanceof LAssign a) {
        all.addAll(a.reads());
      } else if (l instanceof LStore s) {
        all.addAll(s.reads());
      } else if (l instanceof LIf i) {
        all.addAll(reads(i.whenTrue()));
        all.addAll(reads(i.whenFalse()));
      } else if (l instanceof LWhile w) {
        all.addAll(reads(w.body()));
      } else if (l instanceof LFor f) {
        all.addAll(reads(f.body()));
        all.addAll(recomputationReads(f.body(), recomputable(f)));
        IrWalk.reads(f.loop().from(), all::add);
        IrWalk.reads(f.loop().to(), all::add);
      }
    }
    return all;
  }

  // Pass 2: the sweeps.

  /**
   * Appends the forward sweep of {@code body} to {@code forward} and returns its reverse sweep.
   *
   * @param readBefore the values the reverse sweep reads that were read by statements running
   *     before this point (in a loop: anywhere in it); an overwrite of one of them is saved
   */
  private List<Stmt> sweeps(List<Lin> body, List<Stmt> forward, Set<Variable> readBefore) {
    return sweeps(body, forward, readBefore, Set.of());
  }

  private List<Stmt> sweeps(List<Lin> body, List<Stmt> forward, Set<Variable> readBefore,
      Set<Variable> recomputed) {
    List<List<Stmt>> reversed = new ArrayList<>();
    for (Lin l : body) {
      List<Stmt> reverse = new ArrayList<>();
      sweep(l, forward, reverse, readBefore, recomputed);
      reversed.add(reverse);
    }
    Collections.reverse(reversed);
    List<Stmt> reverse = new ArrayList<>();
    reversed.forEach(reverse::addAll);
    return reverse;
  }

  private void sweep(Lin l, List<Stmt> forward, List<Stmt> reverse, Set<Variable> readBefore,
      Set<Variable> recomputed) {
    if (l instanceof LAssign a) {
      readBefore.addAll(a.reads());
      boolean overwrites = !a.declares() || loopDepth > 0;
      if (overwrites && readBefore.contains(a.target()) && !recomputed.contains(a.target())) {
        Expr undone = loopDepth > 0 ? undoneIncrement(a) : null;
        if (undone != null) {
          // l += 1 is undone by l -= 1: no tape for a counter.
          reverse.add(new Stmt.Assign(a.target(), undone, a.pos()));
        } else {
          save(Exprs.read(a.target()), a.target().type(), forward, reverse,
              saved -> new Stmt.Assign(a.target(), saved, a.pos()), a.pos());
        }
      }
      if (a.primal() == null) {
        forward.add(new Stmt.Declare(a.target(), null, a.pos()));
        return;
      }
      forward.add(a.declares()
          ? new Stmt.Declare(a.target(), a.primal(), a.pos())
          : new Stmt.Assign(a.target(), a.primal(), a.pos()));
      if (activity.isActive(a.target())) {
        adjointOfAssignment(a, reverse);
      }
    } else if (l instanceof LStore s) {
      readBefore.addAll(s.reads());
      Expr element = new Expr.ArrayLoad(Exprs.read(s.array()), s.index());
      if (readBefore.contains(s.array()) && !savedByFullWrite.contains(s)) {
        save(element, s.array().type().element(), forward, reverse,
            saved -> new Stmt.ArrayStore(s.array(), s.index(), saved, s.pos()), s.pos());
      }
      forward.add(new Stmt.ArrayStore(s.array(), s.index(), s.primal(), s.pos()));
      if (activity.isActive(s.array())) {
        adjointOfStore(s, reverse);
      }
    } else if (l instanceof LArray a) {
      if (loopDepth > 0 && readBefore.contains(a.declaration().variable())) {
        // Each iteration makes a new array; the reverse sweep would read the last one's.
        throw new DifferentiationError(Diagnostic.at(a.declaration().pos(),
            Message.UNSUPPORTED_STATEMENT,
            "an array declared inside a loop whose elements the derivative needs",
            "declare the array once before the loop"));
      }
      arrayDeclaration(a.declaration(), forward, reverse);
    } else if (l instanceof LIf i) {
      ifStatement(i, forward, reverse, readBefore, recomputed);
    } else if (l instanceof LWhile w) {
      whileLoop(w, forward, reverse, readBefore);
    } else if (l instanceof LFor f) {
      forLoop(f, forward, reverse, readBefore);
    } else if (l instanceof LReturn r && r.primal().type() == Type.DOUBLE_ARRAY) {
      arrayReturn(((Expr.Read) r.primal()).variable(), forward, reverse, r.pos());
    } else if (l instanceof LReturn r) {
      forward.add(new Stmt.Declare(value, r.primal(), r.pos()));
      if (r.linear() != null) {
        propagate(r.linear(), seed, reverse, r.pos());
      }
    }
  }

  /**
   * {@code return out;} for a double[] result: the caller gets a copy (the reverse sweep may
   * restore elements of {@code out}), and the cotangent seeds out's adjoint, element by element.
   */
  private void arrayReturn(Variable array, List<Stmt> forward, List<Stmt> reverse,
      SourcePos pos) {
    forward.add(new Stmt.Declare(value, new Expr.ArrayClone(Exprs.read(array)), pos));
    Variable cotangent = ((Expr.Read) seed).variable();
    forward.add(new Stmt.LengthCheck(cotangent, new Expr.ArrayLength(Exprs.read(array)), pos));
    if (activity.isActive(array)) {
      Variable k = Variable.generated("k", Type.INT);
      reverse.add(new Stmt.For(k, true, Expr.Literal.ofInt(0), BinaryOp.LT,
          new Expr.ArrayLength(Exprs.read(array)), 1,
          List.of(increment(adjointElement(array, Exprs.read(k)),
              new Expr.ArrayLoad(seed, Exprs.read(k)), pos)), null, pos));
    }
  }

  private interface Restore {
    Stmt from(Expr saved);
  }

  /** Saves a value before it is overwritten; the reverse sweep restores it at the same point. */
  private void save(Expr current, Type type, List<Stmt> forward, List<Stmt> reverse,
      Restore restore, SourcePos pos) {
    if (loopDepth > 0) {
      if (type == Type.LONG) {
        saveLong(current, forward, reverse, restore, pos);
        return;
      }
      Variable tape = tapeFor(type);
      forward.add(new Stmt.Push(tape, current, pos));
      reverse.add(restore.from(new Expr.Pop(tape, type)));
    } else {
      // Named after what it keeps (s_saved), so a reader of the reverse sweep sees the restore.
      Variable saved = Variable.generated(savedName(current), type);
      forward.add(new Stmt.Declare(saved, current, pos));
      reverse.add(restore.from(Exprs.read(saved)));
    }
  }

  /**
   * A long on the int tape as its two halves, the low one first: popped in the reverse order,
   * high then low, as Java evaluates {@code ((long) pop() << 32) | (pop() & 0xFFFFFFFFL)}.
   */
  private void saveLong(Expr current, List<Stmt> forward, List<Stmt> reverse, Restore restore,
      SourcePos pos) {
    Variable tape = tapeFor(Type.INT);
    forward.add(new Stmt.Push(tape, new Expr.Cast(Type.INT, current), pos));
    forward.add(new Stmt.Push(tape, new Expr.Cast(Type.INT,
        new Expr.Binary(BinaryOp.USHR, current, Expr.Literal.ofInt(32))), pos));
    Expr high = new Expr.Binary(BinaryOp.SHL,
        new Expr.Cast(Type.LONG, new Expr.Pop(tape, Type.INT)), Expr.Literal.ofInt(32));
    Expr low = new Expr.Binary(BinaryOp.BIT_AND,
        new Expr.Cast(Type.LONG, new Expr.Pop(tape, Type.INT)),
        new Expr.Literal(Type.LONG, "0xFFFFFFFFL"));
    reverse.add(restore.from(new Expr.Binary(BinaryOp.BIT_OR, high, low)));
  }

  private static String savedName(Expr current) {
    Expr base = current instanceof Expr.ArrayLoad load ? load.array() : current;
    String name = base instanceof Expr.Read r && r.variable().role() != Variable.Role.TEMP
        ? r.variable().hint() : "value";
    return name + "_saved";
  }

  private Variable tapeFor(Type type) {
    if (type == Type.DOUBLE) {
      if (doubleTape == null) {
        doubleTape = Variable.generated("tape", Type.DOUBLE_TAPE);
      }
      return doubleTape;
    }
    if (intTape == null) {
      intTape = Variable.generated("intTape", Type.INT_TAPE);
    }
    return intTape;
  }

  /** The reverse of {@code v = e}: v's adjoint flows into e's operands, then v's is spent. */
  private void adjointOfAssignment(LAssign a, List<Stmt> reverse) {
    Variable bar = adjoint(a.target());
    SourcePos pos = a.pos();
    Expr zero = Exprs.literal(0.0);
    if (a.increment()) {
      // v += e: v's adjoint is unchanged and flows into e.
      Expr seed = Exprs.read(bar);
      if (a.linear() != null) {
        boolean minus = ((Expr.Binary) a.primal()).op() == BinaryOp.SUB;
        propagate(a.linear(), minus ? Exprs.neg(seed) : seed, reverse, pos);
      }
    } else if (a.linear() == null) {
      reverse.add(new Stmt.Assign(bar, zero, pos));
    } else if (Linear.reads(a.linear(), a.target())) {
      // v = f(v, ...): the incoming adjoint must be read before v's own share is added.
      Variable incoming = Variable.temp(Type.DOUBLE);
      reverse.add(new Stmt.Declare(incoming, Exprs.read(bar), pos));
      reverse.add(new Stmt.Assign(bar, zero, pos));
      propagate(a.linear(), Exprs.read(incoming), reverse, pos);
    } else {
      propagate(a.linear(), Exprs.read(bar), reverse, pos);
      // Before a declaration outside loops the variable does not exist: no adjoint to reset.
      if (!a.declares() || loopDepth > 0) {
        reverse.add(new Stmt.Assign(bar, zero, pos));
      }
    }
  }

  private void adjointOfStore(LStore s, List<Stmt> reverse) {
    SourcePos pos = s.pos();
    Expr element = adjointElement(s.array(), s.index());
    if (s.increment()) {
      if (s.linear() != null) {
        boolean minus = ((Expr.Binary) s.primal()).op() == BinaryOp.SUB;
        propagate(s.linear(), minus ? Exprs.neg(element) : element, reverse, pos);
      }
      return;
    }
    Variable incoming = Variable.temp(Type.DOUBLE);
    reverse.add(new Stmt.Declare(incoming, element, pos));
    reverse.add(storeAdjoint(s.array(), s.index(), Exprs.literal(0.0), pos));
    if (s.linear() != null) {
      propagate(s.linear(), Exprs.read(incoming), reverse, pos);
    }
  }

  /** The adjoint of {@code array[index]}: an element of its adjoint array or gradient slice. */
  private Expr adjointElement(Variable array, Expr index) {
    Slice slice = slices.get(array);
    if (slice != null) {
      return new Expr.ArrayLoad(Exprs.read(slice.gradient()), plus(slice.offset(), index));
    }
    return new Expr.ArrayLoad(Exprs.read(adjoint(array)), index);
  }

  private Stmt storeAdjoint(Variable array, Expr index, Expr value, SourcePos pos) {
    Slice slice = slices.get(array);
    if (slice != null) {
      return new Stmt.ArrayStore(slice.gradient(), plus(slice.offset(), index), value, pos);
    }
    return new Stmt.ArrayStore(adjoint(array), index, value, pos);
  }

  private void arrayDeclaration(Stmt.Declare d, List<Stmt> forward, List<Stmt> reverse) {
    forward.add(d);
    Variable array = d.variable();
    if (!activity.isActive(array)) {
      return;
    }
    Variable bar = adjoint(array);
    forward.add(new Stmt.Declare(bar,
        new Expr.NewArray(array.type(), new Expr.ArrayLength(Exprs.read(array))), d.pos()));
    if (d.init() instanceof Expr.ArrayClone c && c.array() instanceof Expr.Read source
        && activity.isActive(source.variable())) {
      // copy = source.clone(): each element's adjoint flows back to the source element.
      Variable k = Variable.generated("k", Type.INT);
      Expr element = new Expr.ArrayLoad(Exprs.read(bar), Exprs.read(k));
      Expr target = adjointElement(source.variable(), Exprs.read(k));
      reverse.add(new Stmt.For(k, true, Expr.Literal.ofInt(0), BinaryOp.LT,
          new Expr.ArrayLength(Exprs.read(array)), 1,
          List.of(increment(target, element, d.pos())), null, d.pos()));
    }
  }

  private void ifStatement(LIf i, List<Stmt> forward, List<Stmt> reverse,
      Set<Variable> readBefore, Set<Variable> recomputed) {
    Set<Variable> falseReads = new HashSet<>(readBefore);
    List<Stmt> trueForward = new ArrayList<>();
    List<Stmt> trueReverse = sweeps(i.whenTrue(), trueForward, readBefore, recomputed);
    List<Stmt> falseForward = new ArrayList<>();
    List<Stmt> falseReverse = sweeps(i.whenFalse(), falseForward, falseReads, recomputed);
    readBefore.addAll(falseReads);
    if (trueReverse.isEmpty() && falseReverse.isEmpty()) {
      forward.add(new Stmt.If(i.condition(), trueForward, falseForward, i.pos()));
      return;
    }
    // The reverse sweep takes the branch the forward sweep took.
    Variable decision = Variable.temp(Type.BOOLEAN);
    forward.add(new Stmt.Declare(decision, i.condition(), i.pos()));
    forward.add(new Stmt.If(Exprs.read(decision), trueForward, falseForward, i.pos()));
    Expr replayed;
    if (loopDepth > 0) {
      Variable tape = tapeFor(Type.INT);
      forward.add(new Stmt.Push(tape, Exprs.read(decision), i.pos()));
      replayed = new Expr.Pop(tape, Type.BOOLEAN);
    } else {
      replayed = Exprs.read(decision);
    }
    reverse.add(new Stmt.If(replayed, trueReverse, falseReverse, i.pos()));
  }

  /** A while loop: its trip count is recorded, and the reverse runs the body that many times. */
  private void whileLoop(LWhile w, List<Stmt> forward, List<Stmt> reverse,
      Set<Variable> readBefore) {
    readBefore.addAll(reads(w.body()));
    loopDepth++;
    replayedLoopsAssign.push(assignedIn(w.body()));
    List<Stmt> bodyForward = new ArrayList<>();
    List<Stmt> bodyReverse = sweeps(w.body(), bodyForward, readBefore);
    replayedLoopsAssign.pop();
    loopDepth--;
    if (bodyReverse.isEmpty()) {
      forward.add(Stmt.While.of(w.condition(), bodyForward, w.pos()));
      return;
    }
    Variable trips = Variable.generated("trips", Type.INT);
    forward.add(new Stmt.Declare(trips, Expr.Literal.ofInt(0), w.pos()));
    List<Stmt> counted = new ArrayList<>();
    counted.add(new Stmt.Assign(trips, new Expr.Binary(BinaryOp.ADD, Exprs.read(trips),
        Expr.Literal.ofInt(1)), w.pos()));
    counted.addAll(bodyForward);
    forward.add(Stmt.While.of(w.condition(), counted, w.pos()));
    Variable k = Variable.generated("k", Type.INT);
    Stmt.For replay = new Stmt.For(k, true, Expr.Literal.ofInt(0), BinaryOp.LT, Exprs.read(trips),
        1, bodyReverse, null, w.pos());
    if (loopDepth > 0) {
      Variable tape = tapeFor(Type.INT);
      forward.add(new Stmt.Push(tape, Exprs.read(trips), w.pos()));
      reverse.add(new Stmt.Assign(trips, new Expr.Pop(tape, Type.INT), w.pos()));
      reverse.add(replay);
    } else {
      reverse.add(replay);
    }
  }

  /**
   * A counted loop: the reverse runs the same indices downwards, from the index's value after
   * the forward loop back to its start, so no trip count is needed.
   *
   * <p>When the iterations depend on one another only through sums ({@link
   * IndependentIterations}) and the body would tape something, the forward sweep runs the loop
   * plainly and each reverse iteration first reruns its iteration with taping: one forward
   * evaluation more, but the tape holds a single iteration and stays in cache instead of growing
   * with the loop (Tapenade's recompute-instead-of-store, at the granularity of an iteration).
   */
  private void forLoop(LFor f, List<Stmt> forward, List<Stmt> reverse, Set<Variable> readBefore) {
    if (f.loop().isCheckpointed()) {
      checkpointedLoop(f, forward, reverse, readBefore);
      return;
    }
    Fusion fusion = loopDepth == 0 ? fusable.get(f) : null;
    // Reversed in place, the loop leaves behind what it sums and overwrites: what ran before it
    // must not need those values in its own reverse.
    if (fusion != null && Collections.disjoint(readBefore, fusion.iterations().written())) {
      fusedLoop(f, fusion.sumAdjoints(), forward, readBefore);
      return;
    }
    Stmt.For loop = f.loop();
    IndependentIterations independent = rerunningIterations ? null
        : IndependentIterations.of(loop, primalBody);
    // What ran before the loop must not need, in its reverse, a value the loop leaves changed;
    // what the reruns read must not be changed by an enclosing loop's later iterations.
    boolean rerun = independent != null && Collections.disjoint(readBefore, independent.written())
        && readsNothingEnclosingLoopsChange(independent, f);
    readBefore.addAll(reads(f.body()));
    Set<Variable> recomputed = recomputable(f);
    readBefore.addAll(recomputationReads(f.body(), recomputed));
    loopDepth++;
    boolean outerRerun = rerunningIterations;
    rerunningIterations |= rerun;
    List<Stmt> bodyForward = new ArrayList<>();
    boolean newIndex = replayedIndices.add(loop.index());
    Set<Variable> bodyAssigns = assignedIn(f.body());
    bodyAssigns.remove(loop.index());
    // Recomputed at the start of each reverse iteration, before the loops inside are reversed.
    bodyAssigns.removeAll(recomputed);
    replayedLoopsAssign.push(bodyAssigns);
    List<Stmt> bodyReverse = sweeps(f.body(), bodyForward, readBefore, recomputed);
    replayedLoopsAssign.pop();
    if (newIndex) {
      replayedIndices.remove(loop.index());
    }
    rerunningIterations = outerRerun;
    loopDepth--;
    if (bodyReverse.isEmpty()) {
      forward.add(new Stmt.For(loop.index(), loop.declaresIndex(), loop.from(),
          loop.comparison(), loop.to(), loop.step(), bodyForward, null, loop.pos()));
      return;
    }
    // Worth an extra evaluation of the body only when an iteration tapes inside its own loops
    // (a tape growing with the inner trip counts); a few values per iteration tape cheaply.
    rerun &= pushesInNestedLoop(bodyForward);
    List<Stmt> replayBody = new ArrayList<>();
    if (rerun) {
      // Whatever comes after the loop must keep what the reruns read.
      readBefore.addAll(independent.reads());
      replayBody.addAll(undeclare(withoutAssignments(bodyForward, independent.sums()),
          reverseHoisted));
      bodyForward = withoutPushes(bodyForward);
    } else {
      replayBody.addAll(recomputation(f.body(), recomputed));
    }
    replayBody.addAll(bodyReverse);
    SourcePos pos = loop.pos();
    Variable index = loop.index();
    // Bounds that no loop changes can be evaluated again in the reverse sweep: a nested loop
    // then needs no tape for its start and end.
    boolean invariantBounds = loopDepth > 0 && readsOnlyLoopInvariants(loop.from())
        && readsOnlyLoopInvariants(loop.to());
    Expr start = loop.from();
    if (!(start instanceof Expr.Literal) && !invariantBounds) {
      Variable saved = Variable.generated(index.hint() + "Start", Type.INT);
      forward.add(new Stmt.Declare(saved, start, pos));
      start = Exprs.read(saved);
    }
    // The index outlives the forward loop: its final value starts the reverse one.
    forward.add(new Stmt.Declare(index, Expr.Literal.ofInt(0), pos));
    forward.add(new Stmt.For(index, false, start, loop.comparison(), loop.to(), loop.step(),
        bodyForward, null, pos));
    Expr last = new Expr.Binary(loop.step() > 0 ? BinaryOp.SUB : BinaryOp.ADD, Exprs.read(index),
        Expr.Literal.ofInt(1));
    Stmt.For replay = new Stmt.For(index, false, last,
        loop.step() > 0 ? BinaryOp.GE : BinaryOp.LE, start, -loop.step(), replayBody, null, pos);
    if (invariantBounds) {
      reverse.add(new Stmt.Assign(index, endIndex(loop), pos));
      reverse.add(replay);
    } else if (loopDepth > 0) {
      Variable tape = tapeFor(Type.INT);
      if (start instanceof Expr.Read r) {
        forward.add(new Stmt.Push(tape, start, pos));
      }
      forward.add(new Stmt.Push(tape, Exprs.read(index), pos));
      // Pushed start, then end: popped end, then start.
      reverse.add(new Stmt.Assign(index, new Expr.Pop(tape, Type.INT), pos));
      if (start instanceof Expr.Read r) {
        reverse.add(new Stmt.Assign(r.variable(), new Expr.Pop(tape, Type.INT), pos));
      }
      reverse.add(replay);
    } else {
      reverse.add(replay);
    }
  }

  /**
   * The top-level loops whose reverse can run inside the loop itself, iteration by iteration:
   * their iterations are independent but for sums ({@link IndependentIterations}), the rest of
   * the method does not read what they overwrite, and it passes each sum on to the result with a
   * constant factor ({@link ResultCoefficients}), so the sums' adjoints are known before the loop.
   */
  private Map<LFor, Fusion> fusableLoops(List<Lin> top, IrMethod primal) {
    Map<LFor, Fusion> out = new HashMap<>();
    if (primal.returnType() != Type.DOUBLE) {
      return out;
    }
    List<Stmt> statements = primal.body();
    for (Lin l : top) {
      if (!(l instanceof LFor f) || f.loop().isCheckpointed()) {
        continue;
      }
      int at = -1;
      for (int i = 0; i < statements.size(); i++) {
        if (statements.get(i) == f.loop()) {
          at = i;
        }
      }
      IndependentIterations independent = at < 0 ? null
          : IndependentIterations.of(f.loop(), statements);
      if (independent == null) {
        continue;
      }
      List<Stmt> rest = statements.subList(at + 1, statements.size());
      Set<Variable> restReads = new HashSet<>();
      rest.forEach(s -> IrWalk.reads(s, restReads::add));
      if (!Collections.disjoint(restReads, independent.overwritten())) {
        continue;
      }
      // The loop adds to the adjoints of what it reads before the rest of the method is
      // reversed; a later assignment of one of them would take those contributions for its own.
      Set<Variable> bodyReads = new HashSet<>();
      f.loop().body().forEach(s -> IrWalk.reads(s, bodyReads::add));
      bodyReads.removeAll(independent.sums());
      if (!Collections.disjoint(IrWalk.assigned(rest), bodyReads)) {
        continue;
      }
      Set<Variable> activeSums = new HashSet<>();
      for (Variable sum : independent.sums()) {
        if (activity.isActive(sum)) {
          activeSums.add(sum);
        }
      }
      // A factor may read what neither the loop nor the rest of the method changes.
      Set<Variable> changing = new HashSet<>(IrWalk.assigned(rest));
      changing.addAll(IrWalk.assigned(f.loop().body()));
      Map<Variable, Expr> coefficients = ResultCoefficients.of(rest, activeSums,
          v -> !changing.contains(v));
      if (coefficients != null) {
        out.put(f, new Fusion(independent, coefficients));
      }
    }
    return out;
  }

  /**
   * A loop whose reverse runs in the forward sweep: each iteration runs forward (taping what it
   * overwrites) and is reversed at once, with its sums' adjoints known in advance. One pass over
   * the data instead of two, as a hand-written gradient does; the sums accumulate in the original
   * order, so the value is the primal's to the bit.
   */
  private void fusedLoop(LFor f, Map<Variable, Expr> sumAdjoints, List<Stmt> forward,
      Set<Variable> readBefore) {
    Stmt.For loop = f.loop();
    SourcePos pos = loop.pos();
    Map<Variable, Variable> regular = new HashMap<>();
    for (Map.Entry<Variable, Expr> e : sumAdjoints.entrySet()) {
      Variable ahead = Variable.adjointOf(e.getKey());
      Expr factor = e.getValue();
      forward.add(new Stmt.Declare(ahead,
          factor == null ? Exprs.literal(0.0) : Exprs.mul(factor, seed), pos));
      regular.put(e.getKey(), adjoints.put(e.getKey(), ahead));
    }
    // An iteration is reversed before the next one runs, so nothing it overwrites is needed by
    // another iteration's reverse: only the statements before it in its own iteration count (the
    // sweep adds them as it goes), not the whole body as for a loop replayed backwards.
    Set<Variable> bodyReads = new HashSet<>(readBefore);
    loopDepth++;
    // Each iteration is reversed right after it runs: its tape is already one iteration long.
    boolean outerRerun = rerunningIterations;
    rerunningIterations = true;
    List<Stmt> body = new ArrayList<>();
    replayedIndices.add(loop.index());
    List<Stmt> bodyReverse = sweeps(f.body(), body, bodyReads, declaredOnce(f));
    replayedIndices.remove(loop.index());
    rerunningIterations = outerRerun;
    loopDepth--;
    body.addAll(bodyReverse);
    for (Map.Entry<Variable, Variable> e : regular.entrySet()) {
      if (e.getValue() == null) {
        adjoints.remove(e.getKey());
      } else {
        adjoints.put(e.getKey(), e.getValue());
      }
    }
    forward.add(loop.withBody(body));
    fusedAny = true;
  }

  /** Whether {@code e} reads only variables that no loop of the method assigns. */
  private boolean readsOnlyLoopInvariants(Expr e) {
    boolean[] invariant = {!IrWalk.mayThrow(e) || e instanceof Expr.ArrayLength};
    IrWalk.reads(e, v -> invariant[0] &= !assignedInLoops.contains(v)
        || replayedIndices.contains(v));
    return invariant[0];
  }

  /**
   * For {@code n = n ± e} on an int, with e the same whenever the reverse sweep reaches this
   * statement (it reads only what no loop changes, or the indices of the loops around it), the
   * expression that gives n back: {@code n ∓ e}. Integer arithmetic wraps, so this is exact.
   */
  private Expr undoneIncrement(LAssign a) {
    Variable n = a.target();
    if (n.type() != Type.INT || !(a.primal() instanceof Expr.Binary b)
        || !(b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)
        || !(b.left() instanceof Expr.Read r) || r.variable() != n
        || IrWalk.mayThrow(b.right()) || !readsOnlyLoopInvariants(b.right())) {
      return null;
    }
    boolean[] readsItself = {false};
    IrWalk.reads(b.right(), v -> readsItself[0] |= v == n);
    return readsItself[0] ? null : new Expr.Binary(
        b.op() == BinaryOp.ADD ? BinaryOp.SUB : BinaryOp.ADD, Exprs.read(n), b.right());
  }

  /**
   * A {@code @Checkpoint} loop: the forward sweep runs it plainly, after keeping a copy of its
   * state (what the body assigns that lives outside it). The reverse sweep restores that copy
   * and follows the binomial schedule of {@code Revolve}: advance untaped, take or restore
   * snapshots of the state, and at each turn run one step with taping and then its reverse.
   * Memory: the snapshots and one step's tape, whatever the number of steps.
   */
  private void checkpointedLoop(LFor f, List<Stmt> forward, List<Stmt> reverse,
      Set<Variable> readBefore) {
    Stmt.For loop = f.loop();
    SourcePos pos = loop.pos();
    Variable index = loop.index();
    readBefore.addAll(reads(f.body()));
    Set<Variable> recomputed = recomputable(f);
    readBefore.addAll(recomputationReads(f.body(), recomputed));
    loopDepth++;
    Set<Variable> stepAssigns = assignedIn(f.body());
    stepAssigns.remove(index);
    stepAssigns.removeAll(recomputed);
    replayedLoopsAssign.push(stepAssigns);
    List<Stmt> stepForward = new ArrayList<>();
    List<Stmt> stepReverse = sweeps(f.body(), stepForward, readBefore, recomputed);
    replayedLoopsAssign.pop();
    loopDepth--;

    // The state: variables from outside the loop that its body assigns.
    Set<Variable> declaredInside = new HashSet<>();
    IrWalk.forEachStatement(loop.body(), s -> {
      if (s instanceof Stmt.Declare d) {
        declaredInside.add(d.variable());
      } else if (s instanceof Stmt.For inner) {
        declaredInside.add(inner.index());
      }
    });
    List<Variable> state = new ArrayList<>();
    for (Variable v : IrWalk.assigned(loop.body())) {
      if (!declaredInside.contains(v) && v != index) {
        state.add(v);
      }
    }
    state.sort(java.util.Comparator.comparing(Variable::hint));
    for (Variable v : state) {
      if (v.type() == Type.LONG || v.type() == Type.BOOLEAN) {
        throw new DifferentiationError(Diagnostic.at(pos, Message.CHECKPOINT,
            "loops cannot yet keep a " + v.type().javaName() + " (" + v.hint() + ") in their state"));
      }
    }

    // Forward: bounds, a copy of the state on entry, the plain loop.
    Variable start = Variable.generated(index.hint() + "Start", Type.INT);
    Variable end = Variable.generated(index.hint() + "End", Type.INT);
    forward.add(new Stmt.Declare(start, loop.from(), pos));
    forward.add(new Stmt.Declare(end, loop.to(), pos));
    Map<Variable, Variable> entry = new LinkedHashMap<>();
    for (Variable v : state) {
      Variable copy = Variable.generated(v.hint() + "Entry", v.type());
      entry.put(v, copy);
      forward.add(new Stmt.Declare(copy, v.type().isArray()
          ? new Expr.ArrayClone(Exprs.read(v)) : Exprs.read(v), pos));
    }
    forward.add(new Stmt.Declare(index, Expr.Literal.ofInt(0), pos));
    forward.add(stepLoop(loop, Exprs.read(start), Exprs.read(end)));

    // Reverse: back to the entry state, then the schedule.
    restoreEntry(state, entry, reverse, pos);
    Variable revolve = Variable.generated("revolve", Type.REVOLVE);
    reverse.add(new Stmt.Declare(revolve, new Expr.NewRevolve(
        new Expr.Binary(BinaryOp.SUB, Exprs.read(end), Exprs.read(start)),
        Expr.Literal.ofInt(loop.snapshots())), pos));
    Map<Variable, Variable> slots = new LinkedHashMap<>();
    Expr slotCount = new Expr.Invoke(revolve, "snapshots", Type.INT);
    for (Variable v : state) {
      Variable slot = Variable.generated(v.hint() + "Snapshots",
          v.type().isArray() ? v.type() : v.type().arrayOf());
      slots.put(v, slot);
      Expr size = v.type().isArray()
          ? new Expr.Binary(BinaryOp.MUL, slotCount, new Expr.ArrayLength(Exprs.read(v)))
          : slotCount;
      reverse.add(new Stmt.Declare(slot, new Expr.NewArray(slot.type(), size), pos));
    }
    Variable more = Variable.generated("scheduling", Type.BOOLEAN);
    reverse.add(new Stmt.Declare(more, Expr.Literal.ofBoolean(true), pos));
    Variable action = Variable.generated("action", Type.INT);
    Expr check = new Expr.Invoke(revolve, "check", Type.INT);
    Expr capo = new Expr.Binary(BinaryOp.ADD, Exprs.read(start), new Expr.Invoke(revolve, "capo", Type.INT));
    // The steps run again inside the reverse sweep: their declarations move to the top.
    List<Stmt> turn = new ArrayList<>();
    turn.add(new Stmt.Assign(index, capo, pos));
    turn.addAll(undeclare(stepForward, reverseHoisted));
    turn.addAll(recomputation(f.body(), recomputed));
    turn.addAll(stepReverse);
    List<Stmt> schedule = new ArrayList<>();
    schedule.add(new Stmt.Declare(action, new Expr.Invoke(revolve, "nextCode", Type.INT), pos));
    Stmt dispatch = new Stmt.If(isAction(action, "TERMINATE"),
        List.of(new Stmt.Assign(more, Expr.Literal.ofBoolean(false), pos)), List.of(), pos);
    dispatch = new Stmt.If(new Expr.Binary(BinaryOp.OR, isAction(action, "FIRSTURN"),
        isAction(action, "YOUTURN")), turn, List.of(dispatch), pos);
    dispatch = new Stmt.If(isAction(action, "RESTORE"), copies(state, slots, check, false, pos),
        List.of(dispatch), pos);
    dispatch = new Stmt.If(isAction(action, "TAKESHOT"), copies(state, slots, check, true, pos),
        List.of(dispatch), pos);
    dispatch = new Stmt.If(isAction(action, "ADVANCE"), undeclare(List.of(stepLoop(loop,
        new Expr.Binary(BinaryOp.ADD, Exprs.read(start),
            new Expr.Invoke(revolve, "oldCapo", Type.INT)), capo)), reverseHoisted),
        List.of(dispatch), pos);
    schedule.add(dispatch);
    reverse.add(Stmt.While.of(Exprs.read(more), schedule, pos));
    // What ran before the loop reads the state as it was on entry.
    restoreEntry(state, entry, reverse, pos);
  }

  private static Expr isAction(Variable action, String name) {
    return new Expr.Binary(BinaryOp.EQ, Exprs.read(action), new Expr.StaticField(
        new io.github.chainrule.processor.ir.ClassRef("io.github.chainrule.runtime", "Revolve"),
        name, Type.INT));
  }

  /**
   * The plain primal loop over {@code [from, to)}, on the index declared outside it. Its body
   * runs in more than one place, so the indices of loops inside it are declared at the top too.
   */
  private Stmt.For stepLoop(Stmt.For loop, Expr from, Expr to) {
    return new Stmt.For(loop.index(), false, from, BinaryOp.LT, to, 1,
        withoutIndexDeclarations(loop.body()), null, loop.pos());
  }

  private List<Stmt> withoutIndexDeclarations(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.For f) {
        if (f.declaresIndex()) {
          reverseHoisted.add(new Stmt.Declare(f.index(), Expr.Literal.ofInt(0), SourcePos.NONE));
        }
        out.add(new Stmt.For(f.index(), false, f.from(), f.comparison(), f.to(), f.step(),
            withoutIndexDeclarations(f.body()), null, f.snapshots(), f.pos()));
      } else if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), withoutIndexDeclarations(i.whenTrue()),
            withoutIndexDeclarations(i.whenFalse()), i.pos()));
      } else if (s instanceof Stmt.While w) {
        out.add(Stmt.While.of(w.condition(), withoutIndexDeclarations(w.body()), w.pos()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The values of a counted loop's iteration that can be recomputed in the reverse iteration:
   * declared at the top level of the body, from the index, from values the loop never assigns,
   * and from earlier recomputable values. Calls are never recomputed (they may have effects),
   * nor library routines like exp (a save and a restore cost a fraction of one).
   */
  private static Set<Variable> recomputable(LFor f) {
    Map<Variable, Integer> assignments = new HashMap<>();
    collectAssigned(f.body(), assignments);
    Set<Variable> assignedInLoop = assignments.keySet();
    Set<Variable> recomputable = new HashSet<>();
    for (Lin l : f.body()) {
      if (l instanceof LAssign a && a.declares() && a.primal() != null && !a.increment()
          && assignments.get(a.target()) == 1
          && a.target().type() != Type.BOOLEAN && !containsCall(a.primal())
          && !IrWalk.anyExpression(a.primal(),
              e -> e instanceof Expr.MathCall m && m.function().isLibraryRoutine())) {
        boolean[] ok = {true};
        IrWalk.reads(a.primal(), v -> ok[0] &= v == f.loop().index()
            || !assignedInLoop.contains(v) || recomputable.contains(v));
        if (ok[0]) {
          recomputable.add(a.target());
        }
      }
    }
    return recomputable;
  }

  /**
   * The variables the body declares at its top level and never assigns again: reversed in the
   * same iteration, they still hold their value, and need no save.
   */
  private static Set<Variable> declaredOnce(LFor f) {
    Map<Variable, Integer> assignments = new HashMap<>();
    collectAssigned(f.body(), assignments);
    Set<Variable> once = new HashSet<>();
    for (Lin l : f.body()) {
      if (l instanceof LAssign a && a.declares() && assignments.get(a.target()) == 1) {
        once.add(a.target());
      }
    }
    return once;
  }

  private static boolean containsCall(Expr e) {
    return IrWalk.anyExpression(e, x -> x instanceof Expr.StaticCall || x instanceof Expr.Call
        || x instanceof Expr.Pop);
  }

  private static Set<Variable> assignedIn(List<Lin> body) {
    Map<Variable, Integer> assignments = new HashMap<>();
    collectAssigned(body, assignments);
    return new HashSet<>(assignments.keySet());
  }

  /**
   * Whether the loop's reruns read only values that stay as they were in its forward run while
   * enclosing loops are reversed: nothing an enclosing replayed loop assigns, unless the loop
   * itself assigns it first (the rerun recomputes it).
   */
  private boolean readsNothingEnclosingLoopsChange(IndependentIterations independent, LFor f) {
    Set<Variable> outside = new HashSet<>(independent.reads());
    outside.removeAll(assignedIn(f.body()));
    outside.remove(f.loop().index());
    return replayedLoopsAssign.stream().allMatch(s -> Collections.disjoint(s, outside));
  }

  /** How many statements of the loop body assign each variable. */
  private static void collectAssigned(List<Lin> body, Map<Variable, Integer> out) {
    for (Lin l : body) {
      if (l instanceof LAssign a) {
        out.merge(a.target(), 1, Integer::sum);
      } else if (l instanceof LStore s) {
        out.merge(s.array(), 1, Integer::sum);
      } else if (l instanceof LArray a) {
        out.merge(a.declaration().variable(), 1, Integer::sum);
      } else if (l instanceof LIf i) {
        collectAssigned(i.whenTrue(), out);
        collectAssigned(i.whenFalse(), out);
      } else if (l instanceof LWhile w) {
        collectAssigned(w.body(), out);
      } else if (l instanceof LFor f) {
        out.merge(f.loop().index(), 1, Integer::sum);
        collectAssigned(f.body(), out);
      }
    }
  }

  /**
   * What recomputing reads: the reverse sweep reads it too, so a later overwrite of it must be
   * saved like any other value the reverse sweep needs.
   */
  private static Set<Variable> recomputationReads(List<Lin> body, Set<Variable> recomputed) {
    Set<Variable> out = new HashSet<>();
    for (Lin l : body) {
      if (l instanceof LAssign a && recomputed.contains(a.target())) {
        IrWalk.reads(a.primal(), out::add);
      }
    }
    return out;
  }

  /** The recomputed values, in forward order, at the start of a reverse iteration. */
  private static List<Stmt> recomputation(List<Lin> body, Set<Variable> recomputed) {
    List<Stmt> out = new ArrayList<>();
    for (Lin l : body) {
      if (l instanceof LAssign a && recomputed.contains(a.target())) {
        out.add(new Stmt.Assign(a.target(), a.primal(), a.pos()));
      }
    }
    return out;
  }

  /**
   * The reverse of one statement. Contributions to the same adjoint (a variable read twice, an
   * element read twice) are summed and added once: fewer writes to adjoint arrays.
   */
  private void propagate(Linear linear, Expr seed, List<Stmt> reverse, SourcePos pos) {
    Map<Expr, Expr> outer = pending;
    pending = new LinkedHashMap<>();
    backward(linear, seed, new Linearizer.Evaluation(reverse, pos), reverse, pos);
    for (Map.Entry<Expr, Expr> increment : pending.entrySet()) {
      Expr target = increment.getKey();
      if (target instanceof Expr.Read bar) {
        reverse.add(new Stmt.Assign(bar.variable(), Exprs.add(target, increment.getValue()),
            pos));
      } else {
        reverse.add(increment(target, increment.getValue(), pos));
      }
    }
    pending = outer;
  }

  /** Adds {@code amount} to the adjoint {@code target} once the statement's reverse is done. */
  private void accumulate(Expr target, Expr amount) {
    if (amount != null) {
      pending.merge(target, amount, Exprs::add);
    }
  }

  /** The transpose of the linear part: the seed flows from the root to the leaves. */
  private void backward(Linear linear, Expr seed, Linearizer.Evaluation evaluation,
      List<Stmt> reverse, SourcePos pos) {
    if (seed == null) {
      // A symbolic zero (a partial that vanishes, like d/dx x⁰): nothing flows.
      return;
    }
    if (linear instanceof Linear.Leaf leaf) {
      accumulate(Exprs.read(adjoint(leaf.variable())), seed);
      return;
    }
    if (linear instanceof Linear.Element element) {
      accumulate(adjointElement(element.array(), element.index()), seed);
      return;
    }
    if (linear instanceof Linear.Call call) {
      backwardCall(call, seed, evaluation, reverse, pos);
      return;
    }
    List<Linear.Term> terms = ((Linear.Node) linear).terms();
    Expr shared = terms.size() > 1 ? evaluation.bindNow(seed) : seed;
    for (Linear.Term term : terms) {
      backward(term.operand(), evaluation.apply(term, shared), evaluation, reverse, pos);
    }
  }

  /**
   * The reverse of a call: the callee's pullback writes seed·∇g into a fresh array, whose entries
   * then flow into the arguments' adjoints (array arguments element by element).
   */
  private void backwardCall(Linear.Call linear, Expr seed, Linearizer.Evaluation evaluation,
      List<Stmt> reverse, SourcePos pos) {
    Expr.Call call = linear.call();
    Expr size = null;
    for (int i = 0; i < call.arguments().size(); i++) {
      if (call.target().isActive(i)) {
        Expr argument = call.arguments().get(i);
        Expr n = argument.type().isArray()
            ? new Expr.ArrayLength(argument) : Expr.Literal.ofInt(1);
        size = size == null ? n : plus(size, n);
      }
    }
    Variable bars = Variable.generated("bars", Type.DOUBLE_ARRAY);
    Stmt.Declare allocation = new Stmt.Declare(bars, new Expr.NewArray(Type.DOUBLE_ARRAY, size),
        pos);
    Set<Variable> sizeReads = new HashSet<>();
    IrWalk.reads(size, sizeReads::add);
    if (parameters.containsAll(sizeReads)) {
      // Its size is known on entry: one array per call of this method, not one per call site
      // execution (the pullback overwrites it, and it is read at once).
      allocations.add(allocation);
    } else if (sizeReads.stream()
        .allMatch(v -> parameters.contains(v) || fixedLengthArrays.contains(v))) {
      // Sized by arrays whose length never changes: once, after the last of them is declared.
      allocationsAfterArrays.add(allocation);
    } else {
      reverse.add(allocation);
    }
    List<Expr> arguments = new ArrayList<>(call.arguments());
    arguments.add(seed);
    arguments.add(Exprs.read(bars));
    reverse.add(new Stmt.Effect(new Expr.Call(call.target().pullback(), arguments, pos), pos));
    Expr offset = Expr.Literal.ofInt(0);
    List<Linear> scalars = new ArrayList<>();
    List<Expr> scalarSeeds = new ArrayList<>();
    for (int i = 0; i < call.arguments().size(); i++) {
      if (!call.target().isActive(i)) {
        continue;
      }
      Expr argument = call.arguments().get(i);
      Linear operand = linear.arguments().get(i);
      if (argument.type().isArray()) {
        if (operand != null) {
          Variable array = ((Linear.Leaf) operand).variable();
          Variable k = Variable.generated("k", Type.INT);
          Expr entry = new Expr.ArrayLoad(Exprs.read(bars), plus(offset, Exprs.read(k)));
          reverse.add(new Stmt.For(k, true, Expr.Literal.ofInt(0), BinaryOp.LT,
              new Expr.ArrayLength(argument), 1,
              List.of(increment(adjointElement(array, Exprs.read(k)), entry, pos)), null, pos));
        }
        offset = plus(offset, new Expr.ArrayLength(argument));
      } else {
        if (operand != null) {
          scalars.add(operand);
          scalarSeeds.add(new Expr.ArrayLoad(Exprs.read(bars), offset));
        }
        offset = plus(offset, Expr.Literal.ofInt(1));
      }
    }
    for (int i = 0; i < scalars.size(); i++) {
      backward(scalars.get(i), scalarSeeds.get(i), evaluation, reverse, pos);
    }
  }

  /** {@code element += amount} for an element of an adjoint array or of the gradient. */
  private static Stmt increment(Expr element, Expr amount, SourcePos pos) {
    Expr.ArrayLoad load = (Expr.ArrayLoad) element;
    return new Stmt.ArrayStore(((Expr.Read) load.array()).variable(), load.index(),
        Exprs.add(element, amount), pos);
  }

}
