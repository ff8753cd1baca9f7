package io.github.chainrule.runtime;

/**
 * An optimal binomial checkpointing schedule for reversing a loop of {@code steps} iterations
 * while holding at most {@code snapshots} copies of the loop state, after Griewank and Walther,
 * "Algorithm 799: Revolve" (ACM TOMS 26(1), 2000).
 *
 * <h2>The model</h2>
 *
 * The loop maps state {@code x_0} through steps {@code 0 .. steps-1} to {@code x_steps}; step
 * {@code i} maps {@code x_i} to {@code x_(i+1)}. The reverse sweep needs step {@code i} taped just
 * before its adjoint runs, for {@code i = steps-1} down to {@code 0}. Instead of taping every step
 * (memory proportional to {@code steps}), the schedule keeps a few states in snapshot slots and
 * recomputes the others from the nearest snapshot. The state the caller is currently holding is
 * called the <em>live</em> state; its index is {@link #capo()}. Before the first action the live
 * state is {@code x_0}, the loop's input.
 *
 * <h2>Driving it</h2>
 *
 * Call {@link #next()} until it returns {@link Action#TERMINATE}, and act on each answer:
 *
 * <pre>{@code
 * Revolve schedule = new Revolve(steps, 20);
 * double[][] slots = new double[schedule.snapshots()][state.length]; // allocated once
 * for (Revolve.Action a = schedule.next(); a != Revolve.Action.TERMINATE; a = schedule.next()) {
 *   switch (a) {
 *     case ADVANCE -> {
 *       for (int i = schedule.oldCapo(); i < schedule.capo(); i++) step(state, i);
 *     }
 *     case TAKESHOT -> System.arraycopy(state, 0, slots[schedule.check()], 0, state.length);
 *     case RESTORE -> System.arraycopy(slots[schedule.check()], 0, state, 0, state.length);
 *     case FIRSTURN, YOUTURN -> {
 *       tapedStep(state, schedule.capo()); // x_capo to x_(capo+1), taping what the adjoint needs
 *       adjointStep(schedule.capo());
 *     }
 *     default -> throw new AssertionError(a);
 *   }
 * }
 * }</pre>
 *
 * After a turn the live state is spent: the schedule never uses it again without a {@code
 * RESTORE}. The object allocates nothing after construction, so a generated method can drive it
 * with no allocation per step; like the tapes, one schedule serves one call and is not shared
 * between threads.
 *
 * <h2>Cost</h2>
 *
 * With {@code s} snapshots and each step advanced at most {@code r} times, at most {@link
 * #beta(int, int) β(s, r)} {@code = C(s + r, s)} steps can be reversed. For {@code β(s, r-1) < l
 * ≤ β(s, r)} this schedule executes exactly {@link #optimalExtraSteps(int, int) t(l, s)} {@code =
 * r·l − β(s+1, r−1)} untaped steps (the sum of {@code capo() - oldCapo()} over all {@code
 * ADVANCE}s), which is the least any schedule with {@code s} snapshots can do; see {@link
 * #optimalExtraSteps(int, int)} for precisely what is counted.
 */
public final class Revolve {

  /** What the caller must do next; see the class documentation for the loop that drives them. */
  public enum Action {
    /**
     * Run the plain (untaped) primal steps {@link Revolve#oldCapo()} .. {@link
     * Revolve#capo()}{@code - 1}, taking the live state from {@code x_oldCapo} to {@code x_capo}.
     */
    ADVANCE,
    /** Copy the live state {@code x_capo} into snapshot slot {@link Revolve#check()}. */
    TAKESHOT,
    /**
     * Replace the live state by a copy of slot {@link Revolve#check()}; it becomes {@code x_capo}.
     * The slot keeps its copy.
     */
    RESTORE,
    /**
     * Run step {@link Revolve#capo()} with taping, then its adjoint. The first turn reverses the
     * last step {@code steps - 1}, so this is where the loop's output is available and its adjoint
     * is seeded. With {@code steps == 0} there is no turn at all: the output is {@code x_0}.
     */
    FIRSTURN,
    /** Run step {@link Revolve#capo()} with taping, then its adjoint: every turn but the first. */
    YOUTURN,
    /** Every step has been reversed; the adjoint of {@code x_0} is complete. */
    TERMINATE
  }

  /** {@link Action#ADVANCE} as an int, for generated code that switches on {@link #nextCode()}. */
  public static final int ADVANCE = 0;
  /** {@link Action#TAKESHOT} as an int. */
  public static final int TAKESHOT = 1;
  /** {@link Action#RESTORE} as an int. */
  public static final int RESTORE = 2;
  /** {@link Action#FIRSTURN} as an int. */
  public static final int FIRSTURN = 3;
  /** {@link Action#YOUTURN} as an int. */
  public static final int YOUTURN = 4;
  /** {@link Action#TERMINATE} as an int. */
  public static final int TERMINATE = 5;

  private final int steps;
  private final int snapshots;
  /** The state index held by each slot in use; slots {@code 0 .. check} form a stack. */
  private final int[] slotState;

  private int check = -1;
  private int capo;
  private int oldCapo;
  /** Steps {@code fine .. steps-1} are already reversed. */
  private int fine;
  private boolean liveStateValid = true;
  private boolean turned;

  /**
   * Creates the schedule for reversing {@code steps} loop iterations with at most {@code
   * snapshots} snapshot slots.
   *
   * @throws IllegalArgumentException if {@code steps} is negative or {@code snapshots} is below 1
   */
  public Revolve(int steps, int snapshots) {
    checkArguments(steps, snapshots);
    this.steps = steps;
    // More than steps - 1 slots can never be in use at once, and capping here keeps the slot
    // arrays of both the schedule and the caller no larger than the loop.
    this.snapshots = Math.max(1, Math.min(snapshots, steps - 1));
    this.slotState = new int[this.snapshots];
    this.fine = steps;
  }

  /**
   * {@link #next()} as one of the int constants of this class ({@link #ADVANCE}, ...): generated
   * code stays on primitives.
   */
  public int nextCode() {
    return next().ordinal();
  }

  /** Computes the next action and updates {@link #capo()}, {@link #oldCapo()}, {@link #check()}. */
  public Action next() {
    if (fine == 0) {
      return Action.TERMINATE;
    }
    if (!liveStateValid) {
      // Every slot above the stack top was freed by a turn, so the top holds the start of the
      // segment still to be reversed.
      capo = slotState[check];
      oldCapo = capo;
      liveStateValid = true;
      return Action.RESTORE;
    }
    int remaining = fine - capo;
    if (remaining == 1) {
      oldCapo = capo;
      fine = capo;
      if (check >= 0 && slotState[check] == capo) {
        check--; // every step from this state on is reversed, so its snapshot is dead
      }
      liveStateValid = false;
      if (!turned) {
        turned = true;
        return Action.FIRSTURN;
      }
      return Action.YOUTURN;
    }
    if (check < 0 || slotState[check] != capo) {
      check++;
      slotState[check] = capo;
      oldCapo = capo;
      return Action.TAKESHOT;
    }
    oldCapo = capo;
    capo += advanceLength(remaining, snapshots - check);
    return Action.ADVANCE;
  }

  /**
   * The live state's index: after {@code ADVANCE} the state reached, after {@code TAKESHOT} and
   * {@code RESTORE} the state stored or loaded, at a turn the step to reverse.
   */
  public int capo() {
    return capo;
  }

  /** The state index an {@code ADVANCE} starts from; after any other action, {@link #capo()}. */
  public int oldCapo() {
    return oldCapo;
  }

  /**
   * The slot to write on {@code TAKESHOT} or to read on {@code RESTORE}, in {@code [0,
   * snapshots())}. In general the top of the slot stack: slots {@code 0 .. check()} are in use,
   * and -1 means none.
   */
  public int check() {
    return check;
  }

  /** The number of loop iterations to reverse. */
  public int steps() {
    return steps;
  }

  /**
   * The number of snapshot slots this schedule may use, for sizing the caller's slot storage:
   * the requested number, capped at {@code max(1, steps - 1)} because more can never be in use.
   */
  public int snapshots() {
    return snapshots;
  }

  /**
   * How far to advance from the live state, which is stored in the top slot, to reverse the
   * {@code remaining >= 2} steps up to {@code fine} with {@code free >= 1} slots counting that top
   * one.
   *
   * <p>Splitting at {@code k}, the cost is {@code k + t(remaining - k, free - 1) + t(k, free)}.
   * With {@code r} the repetition number of {@code (remaining, free)}, that is minimal exactly when
   * the head {@code k} fits in {@code [β(free, r-2), β(free, r-1)]} and the tail in {@code
   * [β(free-1, r-1), β(free-1, r)]}, because then every step in the head is advanced at most
   * {@code r - 1} more times and every step in the tail at most {@code r} times. We take the
   * largest such {@code k}.
   */
  private static int advanceLength(int remaining, int free) {
    if (free == 1) {
      return remaining - 1; // no slot for a new snapshot: walk up to the step to reverse
    }
    long betaHead = 0; // β(free, r-2)
    long betaLow = 1; // β(free, r-1)
    long betaHigh = free + 1L; // β(free, r)
    int r = 1;
    while (betaHigh < remaining) {
      r++;
      betaHead = betaLow;
      betaLow = betaHigh;
      // Exact: C(n, k) * (n + 1) / (k + 1) is C(n + 1, k + 1). No overflow: betaHigh < 2^31 and
      // free + r < 2^31 + 2^17, since r stays below sqrt(2 * remaining) when free >= 2.
      betaHigh = betaHigh * (free + r) / r;
    }
    long shortestTail = betaLow - betaHead; // β(free-1, r-1), by Pascal's rule
    return (int) Math.min(betaLow, remaining - shortestTail);
  }

  /**
   * The binomial coefficient {@code β(s, r) = C(s + r, s)}: the most steps that {@code s}
   * snapshots can reverse when each step may be advanced at most {@code r} times.
   *
   * @return the exact value, or {@link Long#MAX_VALUE} when it exceeds that (saturation)
   * @throws IllegalArgumentException if {@code s} or {@code r} is negative
   */
  public static long beta(int s, int r) {
    if (s < 0 || r < 0) {
      throw new IllegalArgumentException(
          "beta(s, r) needs s >= 0 and r >= 0, got s = " + s + ", r = " + r);
    }
    int k = Math.min(s, r);
    long n = (long) s + r;
    long c = 1; // C(n - k + i, i) after round i, which grows with i, so saturating early is exact
    for (int i = 1; i <= k; i++) {
      long factor = n - k + i;
      // c * factor is divisible by i; dividing out the common part first keeps the product small.
      long g = gcd(c, i);
      long a = c / g;
      long b = factor / (i / g);
      if (a > Long.MAX_VALUE / b) {
        return Long.MAX_VALUE;
      }
      c = a * b;
    }
    return c;
  }

  /**
   * The least number of untaped forward steps any checkpointing schedule needs to reverse {@code
   * steps} loop iterations with {@code snapshots} slots: {@code t(l, s) = r·l − β(s+1, r−1)}, where
   * {@code r} is the unique integer with {@code β(s, r−1) < l ≤ β(s, r)}. This schedule reaches it
   * exactly.
   *
   * <p>What is counted: every primal step executed without taping, that is the sum of {@code
   * capo() - oldCapo()} over all {@code ADVANCE} actions, <em>including</em> the first sweep from
   * {@code x_0} towards the end of the loop. Not counted: the {@code steps} taped executions, one
   * per turn, which a store-everything reverse mode runs too. So the total number of primal step
   * executions is {@code steps + t}, and {@code t} is exactly the extra work over taping every
   * step. For example {@code t(1000, 10) = 4·1000 − C(14, 3) = 3636}, {@code t(l, s) = l − 1}
   * whenever {@code s ≥ l − 1} (one plain sweep), {@code t(l, 1) = l(l−1)/2}, and {@code t(0, s) =
   * t(1, s) = 0}.
   *
   * @throws IllegalArgumentException if {@code steps} is negative or {@code snapshots} is below 1
   */
  public static long optimalExtraSteps(int steps, int snapshots) {
    checkArguments(steps, snapshots);
    if (steps <= 1) {
      return 0;
    }
    int s = Math.min(snapshots, steps - 1);
    if (s == 1) {
      return (long) steps * (steps - 1) / 2; // also spares the O(steps) search for r below
    }
    int r = 1;
    long betaHigh = s + 1L; // β(s, r)
    while (betaHigh < steps) {
      r++;
      betaHigh = betaHigh * (s + r) / r; // exact, and bounded as in advanceLength
    }
    return (long) r * steps - beta(s + 1, r - 1);
  }

  private static void checkArguments(int steps, int snapshots) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps must not be negative, was " + steps);
    }
    if (snapshots < 1) {
      throw new IllegalArgumentException("snapshots must be at least 1, was " + snapshots);
    }
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
