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
}
