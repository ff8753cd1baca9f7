package io.github.chainrule.processor.calls;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.chainrule.processor.ChainruleProcessor;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Compile errors of the calls issue (google compile-testing): {@code @CustomDerivative}
 * declarations that do not fit, and calls the generated class could not make. Each error is
 * checked for its tag, its text and its line.
 */
class CallsDiagnosticsTest {

  static JavaFileObject model(String members) {
    return JavaFileObjects.forSourceString("p.Model", """
        package p;

        import io.github.chainrule.CustomDerivative;
        import io.github.chainrule.Differentiable;

        class Model {
        """ + members + "}\n");
  }

  static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new ChainruleProcessor()).compile(sources);
  }

  static String tagged(String tag) {
    return "[chainrule:" + tag + "] ";
  }

  static List<Diagnostic<? extends JavaFileObject>> errorsTagged(Compilation c, String tag) {
    return c.errors().stream()
        .filter(d -> d.getMessage(Locale.ROOT).startsWith(tagged(tag))).toList();
  }

  /**
   * Exactly {@code total} errors, of which exactly one has {@code tag}: on the line containing
   * {@code line}, its text containing each key word.
   */
  static Compilation assertTaggedError(JavaFileObject source, int total, String tag, String line,
      String... keyWords) {
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(total);
    assertThat(errorsTagged(compilation, tag)).hasSize(1);
    assertThat(compilation).hadErrorContaining(tagged(tag)).inFile(source)
        .onLineContaining(line);
    String text = errorsTagged(compilation, tag).get(0).getMessage(Locale.ROOT);
    for (String word : keyWords) {
      assertThat(text).contains(word);
    }
    return compilation;
  }

  // @CustomDerivative declarations.

  @Test
  void morePartialsThanDoubleParameters() {
    assertTaggedError(model("""
          @CustomDerivative(partials = {"d1", "d2"})
          static double f(double x) {
            return x;
          }

          @Differentiable
          static double d1(double x) {
            return 1;
          }

          @Differentiable
          static double d2(double x) {
            return 1;
          }
        """), 1, "custom-derivative", "static double f(double x)",
        "@CustomDerivative method f", "1 double parameters but names 2 partials",
        "one partial-derivative method per double parameter");
  }

  @Test
  void fewerPartialsThanDoubleParameters() {
    assertTaggedError(model("""
          @CustomDerivative(partials = "dx")
          static double f(double x, int n, double y) {
            return x * y;
          }

          @Differentiable
          static double dx(double x, int n, double y) {
            return y;
          }
        """), 1, "custom-derivative", "static double f(double x, int n, double y)",
        "2 double parameters but names 1 partials");
  }

  @Test
  void noPartialsAtAll() {
    assertTaggedError(model("""
          @CustomDerivative(partials = {})
          static double f(double x) {
            return x;
          }
        """), 1, "custom-derivative", "static double f(double x)",
        "1 double parameters but names 0 partials");
  }

  @Test
  void missingPartialMethod() {
    assertTaggedError(model("""
          @CustomDerivative(partials = "fPrime")
          static double f(double x) {
            return x;
          }
        """), 1, "custom-derivative", "static double f(double x)",
        "no method fPrime with the same parameters in Model");
  }

  @Test
  void partialWithOtherParameters() {
    assertTaggedError(model("""
          @CustomDerivative(partials = "fPrime")
          static double f(double x) {
            return x;
          }

          @Differentiable
          static double fPrime(double x, int n) {
            return n;
          }
        """), 1, "custom-derivative", "static double f(double x)",
        "no method fPrime with the same parameters");
  }

  @Test
  void partialNotDifferentiable() {
    assertTaggedError(model("""
          @CustomDerivative(partials = "fPrime")
          static double f(double x) {
            return x;
          }

          static double fPrime(double x) {
            return 1;
          }
        """), 1, "custom-derivative", "static double f(double x)",
        "fPrime must be a static, non-private, @Differentiable method returning double");
  }

  /** The private partial is also reported on its own declaration, as any private method is. */
  @Test
  void privatePartial() {
    Compilation c = assertTaggedError(model("""
          @CustomDerivative(partials = "fPrime")
          static double f(double x) {
            return x;
          }

          @Differentiable
          private static double fPrime(double x) {
            return 1 + 0 * x;
          }
        """), 2, "custom-derivative", "static double f(double x)",
        "fPrime must be a static, non-private, @Differentiable method returning double");
    assertThat(c).hadErrorContaining(tagged("private-method")).inFile(c.sourceFiles().get(0))
        .onLineContaining("private static double fPrime(double x)");
  }

  @Test
  void arrayParameter() {
    assertTaggedError(model("""
          @CustomDerivative(partials = "fPrime")
          static double f(double[] x) {
            return x[0];
          }

          @Differentiable
          static double fPrime(double[] x) {
            return 1 + 0 * x[0];
          }
        """), 1, "custom-derivative", "static double f(double[] x)",
        "double[] parameters are not supported");
  }

  @Test
  void partialReturningInt() {
    Compilation c = assertTaggedError(model("""
          @CustomDerivative(partials = "fPrime")
          static double f(double x) {
            return x;
          }

          @Differentiable
          static int fPrime(double x) {
            return 1;
          }
        """), 2, "custom-derivative", "static double f(double x)", "returning double");
    assertThat(c).hadErrorContaining(tagged("return-type")).inFile(c.sourceFiles().get(0))
        .onLineContaining("static int fPrime(double x)");
  }

  /** The body of a custom-derivative method is never read: nothing in it is an error. */
  @Test
  void bodyIsNeverRead() {
    Compilation c = compile(model("""
          @CustomDerivative(partials = "fPrime")
          static double f(double x) {
            switch ((int) x) {
              case 0:
                return 0;
              default:
                break;
            }
            try {
              java.util.List<Double> list = new java.util.ArrayList<>(java.util.List.of(x));
              return list.stream().mapToDouble(v -> v * v).sum();
            } finally {
              System.out.flush();
            }
          }

          @CustomDerivative(partials = "fPrime")
          static native double g(double x);

          @Differentiable
          static double fPrime(double x) {
            return 2 * x;
          }

          @Differentiable
          static double caller(double x) {
            return f(x) + g(x * x);
          }
        """));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("p.ModelGradient").contentsAsUtf8String()
        .contains("ModelGradient.fPullback(");
    assertThat(c).generatedSourceFile("p.ModelGradient").contentsAsUtf8String()
        .contains("static double gJvp(double x, double x_dot)");
  }

  // Calls.

  @Test
  void privateDifferentiableMethodOfAnotherClass() {
    Compilation c = assertTaggedError(model("""
          static final class Hidden {
            @Differentiable
            private static double g(double x) {
              return x * x;
            }
          }

          @Differentiable
          static double f(double x) {
            double z = 2 * Hidden.g(x);
            return z;
          }
        """), 2, "method-not-accessible", "double z = 2 * Hidden.g(x);",
        "Hidden.g(...) is private", "make it package-private");
    assertThat(c).hadErrorContaining(tagged("private-method")).inFile(c.sourceFiles().get(0))
        .onLineContaining("private static double g(double x)");
  }

  /** Inactive values may go anywhere, also into parameters a callee's wrt leaves out. */
  @Test
  void inactiveArgumentToAParameterOutsideTheCalleesWrt() {
    Compilation c = compile(model("""
          @Differentiable(wrt = "x")
          static double scaled(double x, double k) {
            return k * x * x;
          }

          @Differentiable(wrt = "x")
          static double f(double x, double k, int n) {
            return scaled(x, k * n + 1) + scaled(Math.sin(x), 2.0);
          }
        """));
    assertThat(c).succeededWithoutWarnings();
  }
}
