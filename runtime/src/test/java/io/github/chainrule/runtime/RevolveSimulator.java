package io.github.chainrule.runtime;

import java.util.Arrays;

/**
 * Executes a {@link Revolve} schedule over a toy program whose state is its own step index, and
 * fails with an {@link AssertionError} the moment the schedule does something a real caller could
 * not carry out: advancing from a state it does not hold, restoring a slot that does not hold the
 * promised state, using a slot outside the allowed range, or reversing steps out of order.
 *
 * <p>Work is proportional to the number of actions, not of steps advanced, so it counts schedules
 * with billions of recomputed steps quickly; per-step counts are only kept when asked for.
 */
final class RevolveSimulator {

  /** No state is live: the last turn spent it. */
  private static final int SPENT = -1;

  /** What one run of a schedule did. */
  static final class Result {
    /** Sum of {@code capo - oldCapo} over every ADVANCE: the untaped step executions. */
    long advancedSteps;

    long takeshots;
    long restores;
    long turns;
    /** The largest number of slots in use at once, i.e. max over time of {@code check + 1}. */
    int maxSlotsInUse;
    /** For each step, how many times it was advanced without taping; null unless requested. */
    int[] advancesPerStep;

    int maxAdvancesOfOneStep() {
      return advancesPerStep == null ? -1 : Arrays.stream(advancesPerStep).max().orElse(0);
    }
  }

  private RevolveSimulator() {}

  static Result run(int steps, int snapshots, boolean countPerStep) {
    Revolve schedule = new Revolve(steps, snapshots);
    Result result = new Result();
    if (countPerStep) {
      result.advancesPerStep = new int[steps];
    }
    int slotCount = schedule.snapshots();
    check(slotCount >= 1 && slotCount <= snapshots, "snapshots() %d outside [1, %d]", slotCount,
        snapshots);

    // slots[i] is the state index stored in slot i; -1 until first written.
    int[] slots = new int[slotCount];
    Arrays.fill(slots, -1);
    int live = 0; // x_0 is the loop's input, held by the caller before the first action
    int nextToReverse = steps - 1;
    boolean firstTurnSeen = false;
    // A generous bound that still catches a schedule stuck in a loop.
    long actionBudget = 10L * steps + 10L * Revolve.optimalExtraSteps(steps, snapshots) + 10;

    for (long actions = 0; ; actions++) {
      check(actions <= actionBudget, "(%d, %d): no TERMINATE after %d actions", steps, snapshots,
          actions);
      Revolve.Action action = schedule.next();
      int capo = schedule.capo();
      int slot = schedule.check();
      check(slot >= -1 && slot < slotCount, "check() %d outside [-1, %d)", slot, slotCount);
      switch (action) {
        case ADVANCE -> {
          int from = schedule.oldCapo();
          check(live != SPENT, "ADVANCE with no live state");
          check(live == from, "ADVANCE from x_%d but the live state is x_%d", from, live);
          check(capo > from, "ADVANCE from %d to %d goes nowhere", from, capo);
          check(capo <= nextToReverse, "ADVANCE to x_%d passes the next step to reverse, %d", capo,
              nextToReverse);
          result.advancedSteps += capo - from;
          if (countPerStep) {
            for (int i = from; i < capo; i++) {
              result.advancesPerStep[i]++;
            }
          }
          live = capo;
        }
        case TAKESHOT -> {
          check(live != SPENT && live == capo, "TAKESHOT of x_%d but the live state is x_%d", capo,
              live);
          check(slot >= 0, "TAKESHOT into slot %d", slot);
          slots[slot] = live;
          result.takeshots++;
        }
        case RESTORE -> {
          check(slot >= 0, "RESTORE from slot %d", slot);
          check(slots[slot] == capo, "RESTORE of x_%d from slot %d, which holds x_%d", capo, slot,
              slots[slot]);
          live = slots[slot];
          result.restores++;
        }
        case FIRSTURN, YOUTURN -> {
          check((action == Revolve.Action.FIRSTURN) == !firstTurnSeen, "%s as turn number %d",
              action, result.turns + 1);
          firstTurnSeen = true;
          check(capo == nextToReverse, "turn of step %d, expected step %d", capo, nextToReverse);
          check(live == capo, "turn of step %d but the live state is x_%d", capo, live);
          nextToReverse--;
          live = SPENT;
          result.turns++;
        }
        case TERMINATE -> {
          check(nextToReverse == -1, "TERMINATE with step %d not reversed", nextToReverse);
          check(result.turns == steps, "TERMINATE after %d turns", result.turns);
          check(schedule.next() == Revolve.Action.TERMINATE, "TERMINATE is not final");
          return result;
        }
        default -> throw new AssertionError(action);
      }
      result.maxSlotsInUse = Math.max(result.maxSlotsInUse, schedule.check() + 1);
    }
  }

  private static void check(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new AssertionError(String.format(format, args));
    }
  }
}
