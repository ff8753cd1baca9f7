package io.github.chainrule.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.chainrule.processor.diagnostics.Diagnose.model;
import static io.github.chainrule.processor.diagnostics.Diagnose.tagged;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.github.chainrule.processor.ChainruleProcessor;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A bug in Chainrule never escapes to javac: it becomes one error on the method being
 * differentiated, with a short trace, and the other methods are still processed. The
 * processor's test hook {@code -Achainrule.injectFailure=<method>} throws inside the pipeline.
 */
class InternalErrorTest {

  private static final String INJECT = "-Achainrule.injectFailure=broken";

  private static final JavaFileObject SOURCE = model("""
        @Differentiable
        static double alpha(double x) {
          return x * x;
        }

        @Differentiable
        static double broken(double x) {
          return Math.sin(x);
        }

        @Differentiable
        static double omega(double x) {
          return 2 * x;
        }
      """);

  @Test
  void aFailureIsOneErrorOnItsMethodWithAShortTrace() {
    Compilation compilation = Compiler.javac().withProcessors(new ChainruleProcessor())
        .withOptions(INJECT).compile(SOURCE);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(tagged("internal-error"))
        .inFile(SOURCE).onLineContaining("static double broken(double x)");
    String text = compilation.errors().get(0).getMessage(Locale.ROOT);
    assertThat(text).contains("internal error while differentiating broken");
    assertThat(text).contains(
        "java.lang.IllegalStateException: failure injected by -Achainrule.injectFailure");
    assertThat(text).contains("please report this with the method's source");
    List<String> trace =
        text.lines().map(String::strip).filter(l -> l.startsWith("at ")).toList();
    assertThat(trace).isNotEmpty();
    assertThat(trace.size()).isAtMost(6);
    assertThat(trace.get(0)).contains("io.github.chainrule.processor.ChainruleProcessor");
  }

  @Test
  void theOtherMethodsAreStillGenerated() {
    String generated = Diagnose.generatedEvenIfFailed(List.of(INJECT), "p.ModelGradient", SOURCE)
        .orElseThrow();
    assertThat(generated).contains("static double alphaJvp(double x, double x_dot)");
    assertThat(generated).contains("static double omegaJvp(double x, double x_dot)");
    assertThat(generated).doesNotContain("broken");
  }
}
