package io.github.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** acquire/release: a released tape comes back empty to the same thread, never to two callers. */
class TapeReuseTest {

  @Test
  void aReleasedTapeIsReusedEmptyBySameThread() {
    DoubleTape first = DoubleTape.acquire();
    first.push(1.5);
    first.push(2.5);
    first.release();
    DoubleTape second = DoubleTape.acquire();
    assertSame(first, second);
    assertTrue(second.isEmpty());
    second.release();
  }

  @Test
  void nestedCallsGetTapesOfTheirOwn() {
    IntTape outer = IntTape.acquire();
    IntTape inner = IntTape.acquire();
    assertNotSame(outer, inner);
    outer.push(7);
    inner.push(9);
    inner.release();
    assertEquals(7, outer.pop());
    outer.release();
  }

  @Test
  void otherThreadsDoNotSeeTheSpare() throws InterruptedException {
    DoubleTape mine = DoubleTape.acquire();
    mine.release();
    AtomicReference<DoubleTape> theirs = new AtomicReference<>();
    Thread other = new Thread(() -> theirs.set(DoubleTape.acquire()));
    other.start();
    other.join();
    assertNotSame(mine, theirs.get());
    assertSame(mine, DoubleTape.acquire());
  }
}
