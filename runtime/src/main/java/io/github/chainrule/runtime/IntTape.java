package io.github.chainrule.runtime;

import java.util.Arrays;

/**
 * A growable stack of unboxed {@code int} values: generated reverse-mode code records integers
 * and branch decisions in the forward sweep and pops them, in reverse order, in the backward
 * sweep.
 *
 * <p>Branch decisions share this tape with integers (as 1 and 0, see {@link #pushBoolean}) so that
 * a method needs at most one integer tape. Generated code creates one tape per call, so a tape is
 * never shared between threads and needs no synchronization. Popping more than was pushed means
 * the generated code is wrong, so it fails loudly with an {@link IllegalStateException}.
 */
public final class IntTape {

  private static final int DEFAULT_CAPACITY = 64;

  /**
   * Tapes kept for reuse, one per thread: a call takes the thread's tape with {@link #acquire()}
   * and gives it back with {@link #release()}, so taped loops allocate nothing once warm. A call
   * that finds none (first use, a nested or recursive call, or one that threw before releasing)
   * gets a new tape, so no two calls ever share one.
   */
  private static final ThreadLocal<IntTape> SPARE = new ThreadLocal<>();

  /** Tapes larger than this are not kept after a call (8 MB of values). */
  private static final int LARGEST_KEPT = 1 << 20;

  /** Arrays slightly shorter than {@code Integer.MAX_VALUE}, because some VMs reserve headers. */
  private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

  private int[] values;
  private int size;

  /** Creates an empty tape with a small initial capacity; it grows as needed. */
  public IntTape() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * Creates an empty tape that holds {@code initialCapacity} values before it first grows.
   *
   * @throws IllegalArgumentException if {@code initialCapacity} is negative
   */
  public IntTape(int initialCapacity) {
    if (initialCapacity < 0) {
      throw new IllegalArgumentException(
          "initialCapacity must not be negative, was " + initialCapacity);
    }
    values = new int[initialCapacity];
  }

  /** This thread's spare tape, empty, or a new one. */
  public static IntTape acquire() {
    IntTape spare = SPARE.get();
    if (spare == null) {
      return new IntTape();
    }
    SPARE.set(null);
    return spare;
  }

  /**
   * Empties this tape and keeps it as the thread's spare for the next {@link #acquire()}. The
   * caller must not use it afterwards.
   */
  public void release() {
    size = 0;
    if (values.length <= LARGEST_KEPT) {
      SPARE.set(this);
    }
  }

  /** Pushes {@code v} on top of the tape. */
  public void push(int v) {
    if (size == values.length) {
      grow();
    }
    values[size++] = v;
  }

  /**
   * Removes and returns the value on top of the tape.
   *
   * @throws IllegalStateException if the tape is empty
   */
  public int pop() {
    if (size == 0) {
      throw underflow();
    }
    return values[--size];
  }

  /** Pushes a branch decision, stored as 1 for {@code true} and 0 for {@code false}. */
  public void pushBoolean(boolean b) {
    push(b ? 1 : 0);
  }

  /**
   * Removes the value on top of the tape and returns it as a branch decision (non-zero is {@code
   * true}).
   *
   * @throws IllegalStateException if the tape is empty
   */
  public boolean popBoolean() {
    return pop() != 0;
  }

  /** The number of values on the tape. */
  public int size() {
    return size;
  }

  /** Whether the tape holds no values. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** Removes every value; the storage is kept for reuse. */
  public void clear() {
    size = 0;
  }

  /** The length of the backing array, for tests of the growth policy. */
  int capacity() {
    return values.length;
  }

  // Kept out of push() so that push stays small enough to be inlined in hot generated loops.
  private void grow() {
    int capacity = values.length;
    if (capacity >= MAX_CAPACITY) {
      throw new OutOfMemoryError("IntTape cannot hold more than " + MAX_CAPACITY + " values");
    }
    int doubled = capacity == 0 ? DEFAULT_CAPACITY : (int) Math.min(2L * capacity, MAX_CAPACITY);
    values = Arrays.copyOf(values, doubled);
  }

  private static IllegalStateException underflow() {
    return new IllegalStateException(
        "pop() on an empty IntTape: the reverse sweep popped more values than the forward"
            + " sweep pushed; this is a bug in the generated derivative code");
  }
}
