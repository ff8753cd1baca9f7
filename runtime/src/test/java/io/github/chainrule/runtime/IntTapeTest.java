package io.github.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntTapeTest {

  @Test
  void newTapeIsEmpty() {
    IntTape tape = new IntTape();
    assertTrue(tape.isEmpty());
    assertEquals(0, tape.size());
    assertEquals(64, tape.capacity());
  }

  @Test
  void popsInReverseOrderOfPushes() {
    IntTape tape = new IntTape();
    tape.push(1);
    tape.push(Integer.MIN_VALUE);
    tape.push(Integer.MAX_VALUE);
    assertEquals(3, tape.size());
    assertFalse(tape.isEmpty());
    assertEquals(Integer.MAX_VALUE, tape.pop());
    assertEquals(Integer.MIN_VALUE, tape.pop());
    assertEquals(1, tape.pop());
    assertTrue(tape.isEmpty());
  }

  @Test
  void booleansAreStoredAsOneAndZero() {
    IntTape tape = new IntTape();
    tape.pushBoolean(true);
    tape.pushBoolean(false);
    tape.pushBoolean(true);
    assertEquals(3, tape.size());
    assertTrue(tape.popBoolean());
    assertEquals(0, tape.pop());
    assertEquals(1, tape.pop());
  }

  @Test
  void booleansAndIntsShareOneStack() {
    IntTape tape = new IntTape(1);
    tape.push(17);
    tape.pushBoolean(false);
    tape.push(-3);
    tape.pushBoolean(true);
    assertTrue(tape.popBoolean());
    assertEquals(-3, tape.pop());
    assertFalse(tape.popBoolean());
    assertEquals(17, tape.pop());
    assertTrue(tape.isEmpty());
  }

  @Test
  void anyNonZeroPopsAsTrue() {
    IntTape tape = new IntTape();
    tape.push(-5);
    assertTrue(tape.popBoolean());
  }

  @Test
  void growsByDoublingAndKeepsEveryValue() {
    IntTape tape = new IntTape(5);
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      tape.push(i * 31);
      if (i == 5) {
        assertEquals(10, tape.capacity());
      }
    }
    assertEquals(n, tape.size());
    assertEquals(5 * 32_768, tape.capacity());
    for (int i = n - 1; i >= 0; i--) {
      assertEquals(i * 31, tape.pop());
    }
    assertTrue(tape.isEmpty());
  }

  @Test
  void zeroInitialCapacityStillGrows() {
    IntTape tape = new IntTape(0);
    tape.pushBoolean(true);
    tape.push(9);
    assertEquals(9, tape.pop());
    assertTrue(tape.popBoolean());
  }

  @Test
  void negativeInitialCapacityIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new IntTape(-8));
    assertTrue(e.getMessage().contains("initialCapacity"), e.getMessage());
  }

  @Test
  void popOnEmptyTapeThrows() {
    IntTape tape = new IntTape();
    IllegalStateException e = assertThrows(IllegalStateException.class, tape::pop);
    assertTrue(e.getMessage().contains("empty IntTape"), e.getMessage());
    assertTrue(e.getMessage().contains("generated"), e.getMessage());
    assertThrows(IllegalStateException.class, tape::popBoolean);
    assertEquals(0, tape.size());
  }

  @Test
  void clearEmptiesAndKeepsCapacity() {
    IntTape tape = new IntTape(2);
    for (int i = 0; i < 10; i++) {
      tape.pushBoolean(i % 2 == 0);
    }
    int capacity = tape.capacity();
    tape.clear();
    assertTrue(tape.isEmpty());
    assertEquals(capacity, tape.capacity());
    assertThrows(IllegalStateException.class, tape::pop);
    tape.push(5);
    assertEquals(5, tape.pop());
  }
}
