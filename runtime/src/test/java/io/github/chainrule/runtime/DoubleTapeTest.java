package io.github.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DoubleTapeTest {

  @Test
  void newTapeIsEmpty() {
    DoubleTape tape = new DoubleTape();
    assertTrue(tape.isEmpty());
    assertEquals(0, tape.size());
    assertEquals(64, tape.capacity());
  }

  @Test
  void popsInReverseOrderOfPushes() {
    DoubleTape tape = new DoubleTape();
    tape.push(1.5);
    tape.push(-2.0);
    tape.push(3.25);
    assertEquals(3, tape.size());
    assertFalse(tape.isEmpty());
    assertEquals(3.25, tape.pop());
    assertEquals(-2.0, tape.pop());
    assertEquals(1.5, tape.pop());
    assertTrue(tape.isEmpty());
  }

  @Test
  void keepsSpecialValuesBitForBit() {
    DoubleTape tape = new DoubleTape(1);
    double[] values = {
      Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE
    };
    for (double v : values) {
      tape.push(v);
    }
    for (int i = values.length - 1; i >= 0; i--) {
      assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(tape.pop()));
    }
  }

  @Test
  void growsByDoublingAndKeepsEveryValue() {
    DoubleTape tape = new DoubleTape(3);
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      tape.push(i * 0.5);
      if (i == 3) {
        assertEquals(6, tape.capacity());
      }
    }
    assertEquals(n, tape.size());
    assertEquals(3 * 65_536, tape.capacity());
    for (int i = n - 1; i >= 0; i--) {
      assertEquals(i * 0.5, tape.pop());
    }
    assertTrue(tape.isEmpty());
  }

  @Test
  void zeroInitialCapacityStillGrows() {
    DoubleTape tape = new DoubleTape(0);
    tape.push(7.0);
    tape.push(8.0);
    assertEquals(8.0, tape.pop());
    assertEquals(7.0, tape.pop());
  }

  @Test
  void negativeInitialCapacityIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new DoubleTape(-1));
    assertTrue(e.getMessage().contains("initialCapacity"), e.getMessage());
  }

  @Test
  void popOnEmptyTapeThrowsAndLeavesTapeUsable() {
    DoubleTape tape = new DoubleTape();
    IllegalStateException e = assertThrows(IllegalStateException.class, tape::pop);
    assertTrue(e.getMessage().contains("empty DoubleTape"), e.getMessage());
    assertTrue(e.getMessage().contains("generated"), e.getMessage());
    assertEquals(0, tape.size());
    tape.push(1.0);
    assertEquals(1.0, tape.pop());
    assertThrows(IllegalStateException.class, tape::pop);
  }

  @Test
  void clearEmptiesAndKeepsCapacity() {
    DoubleTape tape = new DoubleTape(2);
    for (int i = 0; i < 10; i++) {
      tape.push(i);
    }
    int capacity = tape.capacity();
    tape.clear();
    assertTrue(tape.isEmpty());
    assertEquals(capacity, tape.capacity());
    assertThrows(IllegalStateException.class, tape::pop);
    tape.push(42.0);
    assertEquals(1, tape.size());
    assertEquals(42.0, tape.pop());
  }

  @Test
  void interleavedPushesAndPopsBehaveLikeAStack() {
    DoubleTape tape = new DoubleTape(1);
    java.util.ArrayDeque<Double> reference = new java.util.ArrayDeque<>();
    java.util.Random random = new java.util.Random(12345);
    for (int i = 0; i < 20_000; i++) {
      if (reference.isEmpty() || random.nextInt(3) != 0) {
        double v = random.nextGaussian();
        tape.push(v);
        reference.push(v);
      } else {
        assertEquals(reference.pop(), tape.pop());
      }
      assertEquals(reference.size(), tape.size());
    }
  }
}
