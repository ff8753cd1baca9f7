package io.github.chainrule.processor.golden;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.chainrule.processor.ChainruleProcessor;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated files depend only on the source, not on the order javac hands over files and
 * elements: compiled again, or with the sources and the methods of each class in another order,
 * the output is byte-for-byte the same.
 *
 * <p>Each generated block carries a "line N" comment, so moving a method to other lines rightly
 * changes the output. The permuted classes therefore keep every method on the line it had: the
 * methods of a class share one line and only their order on it changes.
 */
class DeterminismTest {

  private static JavaFileObject shapes(String methods) {
    return JavaFileObjects.forSourceString("p.Shapes", """
        package p;

        import io.github.chainrule.Differentiable;

        final class Shapes {
          static final double PI = Math.PI;

        %s
        }
        """.formatted(methods));
  }

  private static JavaFileObject waves(String methods) {
    return JavaFileObjects.forSourceString("p.Waves", """
        package p;

        import io.github.chainrule.Differentiable;

        public final class Waves {

        %s
        }
        """.formatted(methods));
  }

  private static final String AREA =
      "@Differentiable static double area(double r) { return PI * r * r; }";
  private static final String RING =
      "@Differentiable static double ring(double r, double w) { double o = r + w;"
          + " return PI * (o * o - r * r); }";
  private static final String WAVE =
      "@Differentiable public static double wave(double t, double k) { double p = k * t;"
          + " return Math.sin(p) * Math.exp(-t); }";
  private static final String PULSE =
      "@Differentiable public static double pulse(double t, int n) { return n > 0 ?"
          + " Math.tanh(t) : t * t; }";

  private static JavaFileObject loops(String methods) {
    return JavaFileObjects.forSourceString("p.Loops", """
        package p;

        import io.github.chainrule.Differentiable;

        final class Loops {

        %s
        }
        """.formatted(methods));
  }

  /** Counted loop over an array parameter: recomputed in the reverse sweep. */
  private static final String ROSENBROCK =
      "@Differentiable static double rosenbrock(double[] x) { double s = 0; for (int i = 0;"
          + " i < x.length - 1; i++) { double a = x[i + 1] - x[i] * x[i]; double b = 1 - x[i];"
          + " s += 100 * a * a + b * b; } return s; }";
  /** While loop with branches, break and an early return: tapes, trip counts, flags. */
  private static final String DAMPED =
      "@Differentiable static double damped(double x, double y, int n) { double s = x; int k = 0;"
          + " while (k < n) { if (s > 1) { s = s * 0.5 + y; } else if (s < -1) { s = -s * y; }"
          + " else { s = Math.sin(s) + x * s; } if (s > 100) { return s; } if (k == 7) { break; }"
          + " k++; } return s * y; }";
  /** Labelled loops over a local copy written in place, and an enhanced for. */
  private static final String SMOOTH =
      "@Differentiable static double smooth(double[] x, double w) { double[] y = x.clone();"
          + " outer: for (int r = 0; r < 3; r++) { for (int i = 1; i < y.length; i++) {"
          + " if (y[i] > 10) { break outer; } if (y[i] < -10) { continue outer; }"
          + " y[i] = (1 - w) * y[i] + w * y[i - 1]; } } double s = 0; for (double v : y) {"
          + " s += v * v; } return s; }";
  /** do-while with an int accumulator the derivative reads, and a local array in the loop. */
  private static final String COUNTED =
      "@Differentiable static double counted(double x, int n) { double s = 1; int m = 1; int k = 0;"
          + " do { int[] w = {k, k + 1}; s = s * m * x + w[0]; m = m + w[1]; k++; }"
          + " while (k < n); return s; }";

  private static Map<String, String> generate(JavaFileObject... sources) {
    Compilation compilation =
        Compiler.javac().withProcessors(new ChainruleProcessor()).compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
    Map<String, String> files = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      files.put(file.toUri().getPath(), GoldenFilesTest.contents(file));
    }
    return files;
  }

  @Test
  void sameSourcesTwiceGiveIdenticalFiles() {
    Map<String, String> first = generate(shapes(AREA + " " + RING), waves(WAVE + " " + PULSE));
    Map<String, String> second = generate(shapes(AREA + " " + RING), waves(WAVE + " " + PULSE));
    assertThat(first.keySet())
        .containsExactly("/SOURCE_OUTPUT/p/ShapesGradient.java",
            "/SOURCE_OUTPUT/p/WavesGradient.java");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void orderOfSourcesAndOfMethodsDoesNotMatter() {
    Map<String, String> inOrder = generate(shapes(AREA + " " + RING), waves(WAVE + " " + PULSE));
    Map<String, String> permuted = generate(waves(PULSE + " " + WAVE), shapes(RING + " " + AREA));
    assertThat(permuted).isEqualTo(inOrder);
  }

  @Test
  void loopsTwiceGiveIdenticalFiles() {
    String methods = ROSENBROCK + " " + DAMPED + " " + SMOOTH + " " + COUNTED;
    Map<String, String> first = generate(loops(methods), shapes(AREA + " " + RING));
    Map<String, String> second = generate(loops(methods), shapes(AREA + " " + RING));
    assertThat(first.keySet())
        .containsExactly("/SOURCE_OUTPUT/p/LoopsGradient.java",
            "/SOURCE_OUTPUT/p/ShapesGradient.java");
    assertThat(first.get("/SOURCE_OUTPUT/p/LoopsGradient.java")).contains("DoubleTape tape =");
    assertThat(first.get("/SOURCE_OUTPUT/p/LoopsGradient.java")).contains("int trips = 0;");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void orderOfSourcesAndOfLoopMethodsDoesNotMatter() {
    Map<String, String> inOrder = generate(
        loops(ROSENBROCK + " " + DAMPED + " " + SMOOTH + " " + COUNTED),
        shapes(AREA + " " + RING), waves(WAVE + " " + PULSE));
    Map<String, String> reversed = generate(waves(PULSE + " " + WAVE),
        shapes(RING + " " + AREA),
        loops(COUNTED + " " + SMOOTH + " " + DAMPED + " " + ROSENBROCK));
    Map<String, String> shuffled = generate(shapes(AREA + " " + RING),
        loops(SMOOTH + " " + ROSENBROCK + " " + COUNTED + " " + DAMPED),
        waves(WAVE + " " + PULSE));
    assertThat(reversed).isEqualTo(inOrder);
    assertThat(shuffled).isEqualTo(inOrder);
  }
}
