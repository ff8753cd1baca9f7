package io.github.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.runtime.Revolve.Action;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RevolveTest {

  @org.junit.jupiter.api.Test
  void intCodesFollowTheActions() {
    org.junit.jupiter.api.Assertions.assertEquals(Revolve.Action.values().length, 6);
    int[] codes = {Revolve.ADVANCE, Revolve.TAKESHOT, Revolve.RESTORE, Revolve.FIRSTURN,
        Revolve.YOUTURN, Revolve.TERMINATE};
    for (Revolve.Action a : Revolve.Action.values()) {
      org.junit.jupiter.api.Assertions.assertEquals(a.ordinal(), codes[a.ordinal()], a.name());
    }
    Revolve byCode = new Revolve(50, 4);
    Revolve byAction = new Revolve(50, 4);
    int code;
    do {
      code = byCode.nextCode();
      org.junit.jupiter.api.Assertions.assertEquals(byAction.next().ordinal(), code);
      org.junit.jupiter.api.Assertions.assertEquals(byAction.capo(), byCode.capo());
      org.junit.jupiter.api.Assertions.assertEquals(byAction.check(), byCode.check());
    } while (code != Revolve.TERMINATE);
  }

  // ---- beta ----

  @Test
  void betaMatchesBinomialCoefficients() {
    for (int s = 0; s <= 40; s++) {
      for (int r = 0; r <= 40; r++) {
        BigInteger expected = binomial(s + r, s);
        long actual = Revolve.beta(s, r);
        if (expected.bitLength() < 64) {
          assertEquals(expected.longValueExact(), actual, "beta(" + s + ", " + r + ")");
        } else {
          assertEquals(Long.MAX_VALUE, actual, "beta(" + s + ", " + r + ") saturates");
        }
      }
    }
  }

  @Test
  void betaKnownValuesAndSymmetry() {
    assertEquals(1, Revolve.beta(0, 0));
    assertEquals(1, Revolve.beta(0, 1_000_000));
    assertEquals(1, Revolve.beta(1_000_000, 0));
    assertEquals(1_000_001, Revolve.beta(1, 1_000_000));
    assertEquals(1001, Revolve.beta(10, 4));
    assertEquals(286, Revolve.beta(10, 3));
    assertEquals(364, Revolve.beta(11, 3));
    assertEquals(Revolve.beta(7, 19), Revolve.beta(19, 7));
  }

  @Test
  void betaIsExactRightUpToTheLongRangeAndSaturatesBeyond() {
    // C(66, 33) = 7219428434016265740 is the largest central binomial below 2^63.
    assertEquals(7_219_428_434_016_265_740L, Revolve.beta(33, 33));
    assertEquals(Long.MAX_VALUE, Revolve.beta(34, 34));
    assertEquals(Long.MAX_VALUE, Revolve.beta(100, 100));
    assertEquals(Long.MAX_VALUE, Revolve.beta(Integer.MAX_VALUE, Integer.MAX_VALUE));
    assertEquals(Long.MAX_VALUE, Revolve.beta(3, Integer.MAX_VALUE));
    long n = Integer.MAX_VALUE;
    assertEquals((n + 1) * (n + 2) / 2, Revolve.beta(2, Integer.MAX_VALUE));
  }

  @Test
  void betaRejectsNegativeArguments() {
    assertThrows(IllegalArgumentException.class, () -> Revolve.beta(-1, 3));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Revolve.beta(3, -1));
    assertTrue(e.getMessage().contains("r = -1"), e.getMessage());
  }

  // ---- optimalExtraSteps ----

  @Test
  void optimalExtraStepsOfTheReferenceCase() {
    // r = 4 since beta(10, 3) = 286 < 1000 <= beta(10, 4) = 1001; 4 * 1000 - beta(11, 3) = 3636.
    assertEquals(3636, Revolve.optimalExtraSteps(1000, 10));
    // r = 4 since C(103, 3) = 176851 < 10^6 <= C(104, 4); 4 * 10^6 - C(104, 3) = 3817896.
    assertEquals(3_817_896, Revolve.optimalExtraSteps(1_000_000, 100));
  }

  @Test
  void optimalExtraStepsEdgeCases() {
    assertEquals(0, Revolve.optimalExtraSteps(0, 1));
    assertEquals(0, Revolve.optimalExtraSteps(1, 1));
    assertEquals(0, Revolve.optimalExtraSteps(1, Integer.MAX_VALUE));
    assertEquals(1, Revolve.optimalExtraSteps(2, 1));
    for (int l = 2; l <= 50; l++) {
      assertEquals(l - 1, Revolve.optimalExtraSteps(l, l - 1), "one sweep when s = l - 1");
      assertEquals(l - 1, Revolve.optimalExtraSteps(l, l + 7), "one sweep when s > l");
      assertEquals((long) l * (l - 1) / 2, Revolve.optimalExtraSteps(l, 1), "s = 1");
    }
    long big = Integer.MAX_VALUE;
    assertEquals(big * (big - 1) / 2, Revolve.optimalExtraSteps(Integer.MAX_VALUE, 1));
    assertEquals(big - 1, Revolve.optimalExtraSteps(Integer.MAX_VALUE, Integer.MAX_VALUE));
  }

  @Test
  void optimalExtraStepsMatchesTheClosedFormWithIndependentlyComputedR() {
    for (int l = 2; l <= 2000; l += 7) {
      for (int s = 1; s <= 15; s++) {
        int r = repetitions(l, s);
        long expected = (long) r * l - binomial(s + 1 + r - 1, s + 1).longValueExact();
        assertEquals(expected, Revolve.optimalExtraSteps(l, s), "l = " + l + ", s = " + s);
      }
    }
  }

  @Test
  void optimalExtraStepsIsTheMinimumOverAllRecursiveSplits() {
    // T(l, s) = min over the first snapshot position k of
    //   k (advance there) + T(l - k, s - 1) (reverse the tail) + T(k, s) (then the head),
    // with T(1, s) = 0 and, with a single snapshot, T(l, 1) = l(l - 1) / 2.
    int maxSteps = 120;
    int maxSnaps = 8;
    long[][] best = new long[maxSteps + 1][maxSnaps + 1];
    for (int s = 1; s <= maxSnaps; s++) {
      for (int l = 1; l <= maxSteps; l++) {
        if (s == 1 || l == 1) {
          best[l][s] = (long) l * (l - 1) / 2;
          continue;
        }
        long min = Long.MAX_VALUE;
        for (int k = 1; k < l; k++) {
          min = Math.min(min, k + best[l - k][s - 1] + best[k][s]);
        }
        best[l][s] = min;
      }
    }
    for (int s = 1; s <= maxSnaps; s++) {
      for (int l = 1; l <= maxSteps; l++) {
        assertEquals(best[l][s], Revolve.optimalExtraSteps(l, s), "l = " + l + ", s = " + s);
      }
    }
  }

  @Test
  void optimalExtraStepsRejectsBadArguments() {
    IllegalArgumentException noSnapshots =
        assertThrows(IllegalArgumentException.class, () -> Revolve.optimalExtraSteps(10, 0));
    assertTrue(noSnapshots.getMessage().contains("snapshots"), noSnapshots.getMessage());
    IllegalArgumentException negativeSteps =
        assertThrows(IllegalArgumentException.class, () -> Revolve.optimalExtraSteps(-1, 3));
    assertTrue(negativeSteps.getMessage().contains("steps"), negativeSteps.getMessage());
  }

  // ---- the schedule object ----

  @Test
  void constructorRejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> new Revolve(10, 0));
    assertThrows(IllegalArgumentException.class, () -> new Revolve(10, -4));
    assertThrows(IllegalArgumentException.class, () -> new Revolve(0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Revolve(-1, 5));
  }

  @Test
  void snapshotSlotsAreCappedAtWhatCanBeUsed() {
    assertEquals(1, new Revolve(0, 5).snapshots());
    assertEquals(1, new Revolve(1, 5).snapshots());
    assertEquals(1, new Revolve(2, 5).snapshots());
    assertEquals(9, new Revolve(10, 100).snapshots());
    assertEquals(9, new Revolve(10, Integer.MAX_VALUE).snapshots());
    assertEquals(100, new Revolve(1_000_000, 100).snapshots());
    assertEquals(1_000_000, new Revolve(1_000_000, 100).steps());
  }

  @Test
  void zeroStepsTerminateAtOnce() {
    Revolve schedule = new Revolve(0, 3);
    assertEquals(Action.TERMINATE, schedule.next());
    assertEquals(Action.TERMINATE, schedule.next());
  }

  @Test
  void oneStepIsASingleTurnWithoutSnapshots() {
    assertEquals(List.of("FIRSTURN 0", "TERMINATE"), trace(1, 1));
    assertEquals(List.of("FIRSTURN 0", "TERMINATE"), trace(1, 50));
  }

  @Test
  void twoStepsWithOneSnapshot() {
    assertEquals(
        List.of(
            "TAKESHOT 0 slot 0",
            "ADVANCE 0 -> 1",
            "FIRSTURN 1",
            "RESTORE 0 slot 0",
            "YOUTURN 0",
            "TERMINATE"),
        trace(2, 1));
  }

  @Test
  void enoughSnapshotsStoreEveryStateAndNeverRecompute() {
    assertEquals(
        List.of(
            "TAKESHOT 0 slot 0",
            "ADVANCE 0 -> 1",
            "TAKESHOT 1 slot 1",
            "ADVANCE 1 -> 2",
            "FIRSTURN 2",
            "RESTORE 1 slot 1",
            "YOUTURN 1",
            "RESTORE 0 slot 0",
            "YOUTURN 0",
            "TERMINATE"),
        trace(3, 5));
  }

  @Test
  void oneSnapshotRecomputesFromTheStartForEveryStep() {
    assertEquals(
        List.of(
            "TAKESHOT 0 slot 0",
            "ADVANCE 0 -> 3",
            "FIRSTURN 3",
            "RESTORE 0 slot 0",
            "ADVANCE 0 -> 2",
            "YOUTURN 2",
            "RESTORE 0 slot 0",
            "ADVANCE 0 -> 1",
            "YOUTURN 1",
            "RESTORE 0 slot 0",
            "YOUTURN 0",
            "TERMINATE"),
        trace(4, 1));
  }

  // ---- whole schedules, simulated ----

  @Test
  void everySmallScheduleIsValidOptimalAndRespectsTheRepetitionBound() {
    for (int l = 0; l <= 200; l++) {
      for (int s = 1; s <= 12; s++) {
        RevolveSimulator.Result result = RevolveSimulator.run(l, s, true);
        String where = "l = " + l + ", s = " + s;
        assertEquals(Revolve.optimalExtraSteps(l, s), result.advancedSteps, where);
        assertEquals(l, result.turns, where);
        assertTrue(result.maxSlotsInUse <= s, where);
        if (l >= 2) {
          // beta(s, r) steps are reversible with every step advanced at most r times.
          int r = repetitions(l, s);
          assertTrue(result.maxAdvancesOfOneStep() <= r,
              where + ": a step advanced " + result.maxAdvancesOfOneStep() + " > r = " + r);
          assertTrue(result.maxSlotsInUse == Math.min(s, l - 1), where + ": slots unused");
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1000, 1001, 4096, 10_000, 100_000})
  void largeSchedulesAreValidAndOptimal(int l) {
    for (int s = 1; s <= 12; s++) {
      RevolveSimulator.Result result = RevolveSimulator.run(l, s, false);
      String where = "l = " + l + ", s = " + s;
      assertEquals(Revolve.optimalExtraSteps(l, s), result.advancedSteps, where);
      assertTrue(result.maxSlotsInUse <= s, where);
    }
  }

  @Test
  void referenceCaseReaches3636() {
    RevolveSimulator.Result result = RevolveSimulator.run(1000, 10, true);
    assertAll(
        () -> assertEquals(3636, result.advancedSteps),
        () -> assertEquals(1000, result.turns),
        () -> assertEquals(10, result.maxSlotsInUse),
        () -> assertEquals(4, result.maxAdvancesOfOneStep()));
  }

  @Test
  void aMillionStepsWithAHundredSnapshots() {
    RevolveSimulator.Result result = RevolveSimulator.run(1_000_000, 100, false);
    assertEquals(3_817_896, result.advancedSteps);
    assertEquals(1_000_000, result.turns);
    assertTrue(result.maxSlotsInUse <= 100);
  }

  @Test
  void schedulesAtTheBinomialBoundaries() {
    // Exactly beta(s, r) steps and one more, where r changes.
    for (int s = 1; s <= 6; s++) {
      for (int r = 1; r <= 5; r++) {
        int l = (int) Revolve.beta(s, r);
        for (int steps : new int[] {l - 1, l, l + 1}) {
          RevolveSimulator.Result result = RevolveSimulator.run(steps, s, true);
          assertEquals(Revolve.optimalExtraSteps(steps, s), result.advancedSteps);
          assertTrue(result.maxAdvancesOfOneStep() <= repetitions(steps, s));
        }
        assertEquals(repetitions(l, s) + 1, repetitions(l + 1, s));
      }
    }
  }

  // ---- helpers ----

  private static List<String> trace(int steps, int snapshots) {
    Revolve schedule = new Revolve(steps, snapshots);
    List<String> out = new ArrayList<>();
    for (int guard = 0; guard < 1000; guard++) {
      Action action = schedule.next();
      switch (action) {
        case ADVANCE -> out.add("ADVANCE " + schedule.oldCapo() + " -> " + schedule.capo());
        case TAKESHOT, RESTORE ->
            out.add(action + " " + schedule.capo() + " slot " + schedule.check());
        case FIRSTURN, YOUTURN -> out.add(action + " " + schedule.capo());
        case TERMINATE -> {
          out.add("TERMINATE");
          return out;
        }
      }
    }
    throw new AssertionError("no TERMINATE: " + out);
  }

  /** The least r with l <= C(s + r, s), from exact binomials. */
  private static int repetitions(int l, int s) {
    int r = 0;
    while (binomial(s + r, s).compareTo(BigInteger.valueOf(l)) < 0) {
      r++;
    }
    return r;
  }

  private static BigInteger binomial(int n, int k) {
    BigInteger c = BigInteger.ONE;
    for (int i = 1; i <= k; i++) {
      c = c.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
    }
    return c;
  }
}
