package io.github.chainrule.processor.ir;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.chainrule.processor.ir.Ir.assign;
import static io.github.chainrule.processor.ir.Ir.declare;
import static io.github.chainrule.processor.ir.Ir.ifThen;
import static io.github.chainrule.processor.ir.Ir.integer;
import static io.github.chainrule.processor.ir.Ir.method;
import static io.github.chainrule.processor.ir.Ir.minus;
import static io.github.chainrule.processor.ir.Ir.num;
import static io.github.chainrule.processor.ir.Ir.plus;
import static io.github.chainrule.processor.ir.Ir.read;
import static io.github.chainrule.processor.ir.Ir.ret;
import static io.github.chainrule.processor.ir.Ir.times;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.chainrule.processor.analysis.PromotedElements;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * An element a loop only adds to is accumulated in a local, and an element it only reads is read
 * once, behind a guard for a loop that does not run; not when anything else could see or change
 * the element meanwhile. Each rewritten method is also
 * compiled and run next to the original: the same bits, and no exception the original does not
 * throw.
 */
class PromotedElementsTest {

  private final Variable w = Ir.param("w", Type.DOUBLE_ARRAY);
  private final Variable y = Ir.param("y", Type.DOUBLE_ARRAY);
  private final Variable x = Ir.param("x");
  private final Variable n = Ir.param("n", Type.INT);
  private final Variable i = Ir.param("i", Type.INT);
  private final Variable g = Ir.local("g", Type.DOUBLE_ARRAY);
  private final Variable j = Ir.local("j", Type.INT);
  private final Variable k = Ir.local("k", Type.INT);

  private static Stmt increment(Variable array, Expr index, Expr amount) {
    return new Stmt.ArrayStore(array, index,
        plus(new Expr.ArrayLoad(read(array), index), amount), SourcePos.NONE);
  }

  private static Stmt store(Variable array, Expr index, Expr value) {
    return new Stmt.ArrayStore(array, index, value, SourcePos.NONE);
  }

  private static Expr load(Variable array, Expr index) {
    return new Expr.ArrayLoad(read(array), index);
  }

  private static Stmt.For loop(Variable index, boolean declares, Expr from, BinaryOp comparison,
      Expr to, int step, Stmt... body) {
    return new Stmt.For(index, declares, from, comparison, to, step, List.of(body), null,
        SourcePos.NONE);
  }

  private static Stmt allocate(Variable array, Expr length) {
    return declare(array, new Expr.NewArray(Type.DOUBLE_ARRAY, length));
  }

  private static IrMethod promoted(IrMethod method) {
    return PromotedElements.apply(method);
  }

  /** The reverse sweep of {@code for (j > i) y[j] += w[j] * x[i]}, storing into a parameter too. */
  private IrMethod triangular() {
    return method("f", List.of(w, y, n, i),
        allocate(g, read(n)),
        store(g, read(i), num(2.0)),
        declare(j, integer(0)),
        loop(j, false, minus(read(n), integer(1)), BinaryOp.GT, read(i), -1,
            increment(g, read(i), times(load(w, read(j)), load(y, read(j)))),
            store(y, read(j), times(load(y, read(j)), num(0.5)))),
        ret(plus(load(g, read(i)), read(j))));
  }

  @Test
  void anElementTheLoopOnlyAddsToIsAccumulatedInALocal() throws Exception {
    IrMethod original = triangular();
    assertThat(IrPrinter.print(promoted(original))).isEqualTo("""
        double f(double[] w, double[] y, int n, int i) {
          double[] g = new double[n];
          g[i] = 2.0;
          int j = 0;
          if (n - 1 > i) {
            double g_i = g[i];
            for (j = n - 1; j > i; j--) {
              g_i = g_i + w[j] * y[j];
              y[j] = y[j] * 0.5;
            }
            g[i] = g_i;
          } else {
            j = n - 1;
          }
          return g[i] + j;
        }
        """);
    // j from 4 down to 2: g[1] = 2 + 0.7·0.3 + 0.2·0.1 + 0.3·0.2 (in that order), then + j = 1.
    double[] weights = {9.0, 9.0, 0.3, 0.2, 0.7};
    double[] values = {9.0, 9.0, 0.2, 0.1, 0.3};
    double expected = 2.0 + 0.7 * 0.3 + 0.2 * 0.1 + 0.3 * 0.2 + 1;
    double[] halved = {9.0, 9.0, 0.1, 0.05, 0.15};
    double[] seenByOriginal = values.clone();
    double[] seenByPromoted = values.clone();
    assertSameBits(expected, run(original, weights, seenByOriginal, 5, 1));
    assertSameBits(expected, run(promoted(original), weights, seenByPromoted, 5, 1));
    assertArrayEquals(halved, seenByOriginal);
    assertArrayEquals(halved, seenByPromoted);
  }

  @Test
  void mergedIncrementsOfTwoArraysAndThenTheInnerLoop() throws Exception {
    Variable h = Ir.local("h", Type.DOUBLE_ARRAY);
    // for k: { h[0] = h[0] + x - w[k]; for j < k: g[k] = g[k] + w[j]; } g[k] is not invariant
    // in the outer loop but is in the inner one, which is looked at once h[0] is in a local.
    IrMethod original = method("f", List.of(w, x, n),
        allocate(g, read(n)),
        allocate(h, integer(1)),
        loop(k, true, integer(0), BinaryOp.LT, read(n), 1,
            new Stmt.ArrayStore(h, integer(0),
                minus(plus(load(h, integer(0)), read(x)), load(w, read(k))), SourcePos.NONE),
            loop(j, true, integer(0), BinaryOp.LT, read(k), 1,
                increment(g, read(k), load(w, read(j))))),
        ret(plus(load(h, integer(0)), load(g, minus(read(n), integer(1))))));
    assertThat(IrPrinter.print(promoted(original))).isEqualTo("""
        double f(double[] w, double x, int n) {
          double[] g = new double[n];
          double[] h = new double[1];
          if (0 < n) {
            double h_0 = h[0];
            for (int k = 0; k < n; k++) {
              h_0 = h_0 + x - w[k];
              if (0 < k) {
                double g_k = g[k];
                for (int j = 0; j < k; j++) {
                  g_k = g_k + w[j];
                }
                g[k] = g_k;
              }
            }
            h[0] = h_0;
          }
          return h[0] + g[n - 1];
        }
        """);
    double[] weights = {0.1, 0.7, 0.2, 1.3};
    // h[0] adds x and subtracts w[k] for k = 0, 1, 2, 3 in turn; g[3] = w[0] + w[1] + w[2].
    double expected = (((((0.5 - 0.1) + 0.5) - 0.7) + 0.5 - 0.2) + 0.5 - 1.3)
        + ((0.1 + 0.7) + 0.2);
    double value = run(promoted(original), weights, 0.5, 4);
    assertSameBits(expected, value);
    assertSameBits(run(original, weights, 0.5, 4), value);
    // One outer iteration: the inner loop does not run, g[0] stays 0.
    assertSameBits(0.5 - 0.1, run(promoted(original), weights, 0.5, 1));
    assertSameBits(run(original, weights, 0.5, 1), run(promoted(original), weights, 0.5, 1));
  }

  @Test
  void aLoopThatDoesNotRunReadsNoElementAndLeavesItsIndexAtFrom() throws Exception {
    // for (k = k - 1; k > n; k--) g[i] += x: with n ≥ 6 it does not run, and i may be anything.
    IrMethod original = method("f", List.of(x, n, i),
        allocate(g, integer(2)),
        declare(k, integer(7)),
        loop(k, false, minus(read(k), integer(1)), BinaryOp.GT, read(n), -1,
            increment(g, read(i), read(x))),
        ret(plus(read(k), load(g, integer(0)))));
    assertEquals(6.0, run(original, 0.25, 10, 99));
    assertEquals(6.0, run(promoted(original), 0.25, 10, 99));
    // Three iterations, k = 6, 5, 4: g[0] = 0.75 and k ends at 3.
    assertEquals(3.75, run(promoted(original), 0.25, 3, 0));
    assertEquals(3.0, run(promoted(original), 0.25, 3, 1));
    // An index out of range fails as it did, once the loop runs.
    assertThrows(ArrayIndexOutOfBoundsException.class, () -> run(original, 0.25, 3, 99));
    assertThrows(ArrayIndexOutOfBoundsException.class,
        () -> run(promoted(original), 0.25, 3, 99));
    assertThat(IrPrinter.print(promoted(original))).contains("""
          if (k - 1 > n) {
            double g_i = g[i];
            for (k = k - 1; k > n; k--) {
              g_i = g_i + x;
            }
            g[i] = g_i;
          } else {
            k = k - 1;
          }
        """);
  }

  @Test
  void notForAParameterArray() {
    assertUnchanged(method("f", List.of(w, x, n, i),
        loop(k, true, integer(0), BinaryOp.LT, read(n), 1,
            increment(w, read(i), read(x))),
        ret(load(w, read(i)))));
  }

  @Test
  void notWhenTheLoopAssignsWhatTheIndexReads() {
    Variable m = Ir.local("m", Type.INT);
    assertUnchanged(method("f", List.of(x, n),
        allocate(g, read(n)),
        declare(m, integer(0)),
        loop(k, true, integer(0), BinaryOp.LT, read(n), 1,
            increment(g, read(m), read(x)),
            assign(m, read(k))),
        ret(load(g, integer(0)))));
  }

  @Test
  void notWhenTheIndexIsTheLoopIndex() {
    assertUnchanged(method("f", List.of(x, n),
        allocate(g, read(n)),
        loop(k, true, integer(0), BinaryOp.LT, read(n), 1,
            increment(g, read(k), read(x))),
        ret(load(g, integer(0)))));
  }

  @Test
  void notWhenTheLoopReadsAnotherElement() throws Exception {
    Variable s = Ir.local("s");
    // g[i] += x; s += g[0]: with i = 0 each iteration reads what the last one added.
    IrMethod original = method("f", List.of(x, n, i),
        allocate(g, integer(2)),
        declare(s, num(0.0)),
        loop(k, true, integer(0), BinaryOp.LT, read(n), 1,
            increment(g, read(i), read(x)),
            assign(s, plus(read(s), load(g, integer(0))))),
        ret(read(s)));
    assertEquals(0.5 + 1.0 + 1.5, run(promoted(original), 0.5, 3, 0));
    assertUnchanged(original);
  }

  @Test
  void notWhenTheLoopStoresAnotherElement() {
    assertUnchanged(method("f", List.of(x, n, i),
        allocate(g, integer(2)),
        loop(k, true, integer(0), BinaryOp.LT, read(n), 1,
            increment(g, read(i), read(x)),
            store(g, integer(1), read(x))),
        ret(load(g, integer(0)))));
  }

  @Test
  void notWhenTheLoopCallsAMethod() {
    Expr call = new Expr.StaticCall(new ClassRef("p", "Util"), "scale", List.of(read(x)),
        Type.DOUBLE, SourcePos.NONE);
    assertUnchanged(method("f", List.of(x, n, i),
        allocate(g, integer(2)),
        loop(k, true, integer(0), BinaryOp.LT, read(n), 1,
            increment(g, read(i), call)),
        ret(load(g, integer(0)))));
  }

  @Test
  void notWhenAnotherNameHoldsTheArray() throws Exception {
    Variable b = Ir.local("b", Type.DOUBLE_ARRAY);
    Variable s = Ir.local("s");
    // double[] b = g; ... g[0] += x; s += b[0]: b[0] is g[0], which a local would hide.
    IrMethod original = method("f", List.of(x, n),
        allocate(g, integer(2)),
        declare(b, read(g)),
        declare(s, num(0.0)),
        loop(k, true, integer(0), BinaryOp.LT, read(n), 1,
            increment(g, integer(0), read(x)),
            assign(s, plus(read(s), load(b, integer(0))))),
        ret(read(s)));
    assertEquals(0.5 + 1.0 + 1.5, run(promoted(original), 0.5, 3));
    assertUnchanged(original);
  }

  @Test
  void notWhenNoIncrementRunsInEveryIteration() throws Exception {
    // if (x > 1) g[i] += x: an index out of range must fail only if the increment runs.
    IrMethod original = method("f", List.of(x, n, i),
        allocate(g, integer(2)),
        loop(k, true, integer(0), BinaryOp.LT, read(n), 1,
            ifThen(new Expr.Binary(BinaryOp.GT, read(x), num(1.0)),
                increment(g, read(i), read(x)))),
        ret(load(g, integer(0))));
    assertEquals(0.0, run(promoted(original), 0.5, 3, 99));
    assertUnchanged(original);
  }

  /** {@code g} filled with 1, 2, 3, ...; then {@code for (k < n) y[k] = y[k] + g[i] * w[k]}. */
  private IrMethod scaledRow(Stmt... extra) {
    List<Stmt> body = new java.util.ArrayList<>(List.of(
        allocate(g, integer(4)),
        loop(j, true, integer(0), BinaryOp.LT, integer(4), 1,
            store(g, read(j), plus(new Expr.Cast(Type.DOUBLE, read(j)), num(1.0))))));
    List<Stmt> loopBody = new java.util.ArrayList<>(List.of(
        store(y, read(k), plus(load(y, read(k)), times(load(g, read(i)), load(w, read(k)))))));
    loopBody.addAll(List.of(extra));
    body.add(loop(k, true, integer(0), BinaryOp.LT, read(n), 1, loopBody.toArray(Stmt[]::new)));
    body.add(ret(load(y, integer(0))));
    return method("f", List.of(w, y, n, i), body.toArray(Stmt[]::new));
  }

  @Test
  void anElementTheLoopOnlyReadsIsReadOnce() throws Exception {
    IrMethod original = scaledRow();
    assertThat(IrPrinter.print(promoted(original))).contains("""
          if (0 < n) {
            double g_i = g[i];
            for (int k = 0; k < n; k++) {
              y[k] = y[k] + g_i * w[k];
            }
          }
        """);
    double[] weights = {0.3, -1.5, 2.25};
    double[] byOriginal = {1.0, 2.0, 3.0};
    double[] byPromoted = byOriginal.clone();
    // g[2] = 3: y[0] = 1 + 3 · 0.3.
    assertSameBits(1.0 + 3.0 * 0.3, run(original, weights, byOriginal, 3, 2));
    assertSameBits(1.0 + 3.0 * 0.3, run(promoted(original), weights, byPromoted, 3, 2));
    assertArrayEquals(byOriginal, byPromoted);
    // A loop that does not run reads no element: an index out of range is no error then.
    assertSameBits(7.0, run(promoted(original), weights, new double[] {7.0}, 0, 99));
  }

  @Test
  void notWhenTheElementIsReadOnlyInABranch() throws Exception {
    // if (y[k] > 100) y[k] = g[i]: with i out of range and no y[k] that large, nothing throws.
    IrMethod original = method("f", List.of(w, y, n, i),
        allocate(g, integer(4)),
        loop(k, true, integer(0), BinaryOp.LT, read(n), 1,
            ifThen(new Expr.Binary(BinaryOp.GT, load(y, read(k)), num(100.0)),
                store(y, read(k), load(g, read(i))))),
        ret(load(y, integer(0))));
    assertUnchanged(original);
    assertSameBits(1.0, run(promoted(original), new double[0], new double[] {1.0, 2.0}, 2, 99));
  }

  @Test
  void notWhenTheLoopStoresIntoTheArrayItReads() {
    // g[k] = 0 after reading g[i]: with k = i the next iterations read the new value.
    assertUnchanged(scaledRow(store(g, read(k), num(0.0))));
  }

  private static void assertUnchanged(IrMethod method) {
    assertThat(IrPrinter.print(promoted(method))).isEqualTo(IrPrinter.print(method));
  }

  private static void assertSameBits(double expected, double actual) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        () -> "expected " + expected + " but was " + actual);
  }

  /** Compiles the printed method as a static method and calls it. */
  private static double run(IrMethod method, Object... arguments) throws Exception {
    String source = "public final class Run { public static " + IrPrinter.print(method) + "}";
    Compilation compilation = Compiler.javac()
        .compile(JavaFileObjects.forSourceString("Run", source));
    assertThat(compilation).succeeded();
    byte[] bytes;
    try (InputStream in = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "Run.class")
        .orElseThrow().openInputStream()) {
      bytes = in.readAllBytes();
    }
    Class<?> run = new ClassLoader(PromotedElementsTest.class.getClassLoader()) {
      Class<?> define() {
        return defineClass("Run", bytes, 0, bytes.length);
      }
    }.define();
    Method m = Arrays.stream(run.getMethods()).filter(x -> x.getName().equals(method.name()))
        .findFirst().orElseThrow();
    try {
      return (double) m.invoke(null, arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException thrown) {
        throw thrown;
      }
      throw e;
    }
  }
}
