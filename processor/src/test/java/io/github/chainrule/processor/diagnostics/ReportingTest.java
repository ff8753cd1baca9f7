package io.github.chainrule.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.chainrule.processor.diagnostics.Diagnose.assertOneError;
import static io.github.chainrule.processor.diagnostics.Diagnose.model;
import static io.github.chainrule.processor.diagnostics.Diagnose.tagged;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * How problems are reported as a whole: every offending method, each problem on its own line,
 * and the valid methods still differentiated.
 */
class ReportingTest {

  @Test
  void everyOffendingMethodOfAClassIsReported() {
    JavaFileObject source = model("""
          @Differentiable
          double notStatic(double x) {
            return x;
          }

          @Differentiable
          static double switched(double x, int mode) {
            switch (mode) {
              default:
                x = x / 2;
            }
            return x;
          }
        """);
    Compilation compilation = Diagnose.compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining(tagged("not-static"))
        .inFile(source).onLineContaining("double notStatic(double x)");
    assertThat(compilation).hadErrorContaining(tagged("unsupported-statement"))
        .inFile(source).onLineContaining("switch (mode)");
  }

  @Test
  void offendingMethodsOfSeveralFilesAreAllReported() {
    JavaFileObject first = Diagnose.source("p.First", """
        package p;

        import io.github.chainrule.Differentiable;

        class First {
          @Differentiable
          static double f(double x) {
            double y = helper(x);
            return y;
          }
        }
        """);
    JavaFileObject second = Diagnose.source("p.Second", """
        package p;

        import io.github.chainrule.Differentiable;

        class Second {
          @Differentiable
          private static double g(double x) {
            return x;
          }
        }
        """);
    Compilation compilation = Diagnose.compile(first, second);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining(tagged("unknown-method"))
        .inFile(first).onLineContaining("double y = helper(x);");
    assertThat(compilation).hadErrorContaining(tagged("private-method"))
        .inFile(second).onLineContaining("private static double g(");
  }

  @Test
  void validMethodsOfTheSameClassStillGetTheirDerivatives() {
    JavaFileObject source = model("""
          @Differentiable
          static double square(double x) {
            return x * x;
          }

          @Differentiable
          static double broken(double x) {
            double y = x % 2.0;
            return y;
          }

          @Differentiable
          static double cube(double x) {
            return x * x * x;
          }
        """);
    assertOneError(source, "unsupported-operator", "double y = x % 2.0;", "operator %");
    String generated = Diagnose.generatedEvenIfFailed("p.ModelGradient", source).orElseThrow();
    assertThat(generated).contains("static double squareJvp(double x, double x_dot)");
    assertThat(generated).contains("static double cubeJvp(double x, double x_dot)");
    assertThat(generated).doesNotContain("broken");
  }

  @Test
  void declarationAndBodyProblemsOfOneMethodAreReportedTogether() {
    JavaFileObject source = model("""
          @Differentiable
          private static double both(double x) {
            synchronized (Model.class) {
              x = x / 2;
            }
            return x;
          }
        """);
    Compilation compilation = Diagnose.compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining(tagged("private-method"))
        .inFile(source).onLineContaining("private static double both(");
    assertThat(compilation).hadErrorContaining(tagged("unsupported-statement"))
        .inFile(source).onLineContaining("synchronized (Model.class)");
  }

  @Test
  void everyConstructTheFenceRejectsIsReported() {
    JavaFileObject source = model("""
          @Differentiable
          static double two(double x) {
            java.util.function.DoubleUnaryOperator f = v -> v;
            assert x > 0;
            return x;
          }
        """);
    Compilation compilation = Diagnose.compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("a lambda expression is not supported")
        .inFile(source).onLineContaining("v -> v;");
    assertThat(compilation).hadErrorContaining("assert is not supported")
        .inFile(source).onLineContaining("assert x > 0;");
  }

  @Test
  void loweringStopsAtTheFirstProblemOfAMethod() {
    // Name resolution and typing stop at their first error: later ones may be consequences.
    assertOneError(model("""
          @Differentiable
          static double unknowns(double x) {
            double y = x * first;
            double z = y * second;
            return z;
          }
        """),
        "unknown-name", "double y = x * first;", "cannot resolve first");
  }

  @Test
  void aProblemInsideAConditionalIsPlacedOnItsOwnLine() {
    // The conditional is rewritten into an if statement; the error keeps the branch's line.
    assertOneError(model("""
          @Differentiable
          static double branchy(double x) {
            double y = x > 0
                ? Math.sin(x)
                : x % 2.0;
            return y;
          }
        """),
        "unsupported-operator", ": x % 2.0;", "operator %");
  }

  @Test
  void aProblemInAnEarlyReturnBranchIsPlacedOnItsOwnLine() {
    assertOneError(model("""
          @Differentiable
          static double early(double x, int n) {
            if (n > 0) {
              return x;
            }
            double y = x;
            if (n < -1) {
              return y * (float) y;
            }
            return y;
          }
        """),
        "unsupported-expression", "return y * (float) y;", "a cast to float");
  }

  @Test
  void aProblemInsideNestedLoopsIsPlacedOnItsOwnLine() {
    assertOneError(model("""
          @Differentiable
          static double nested(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              int j = 0;
              while (j < i) {
                if (x[j] > 0) {
                  s += x[i] * x[j]
                      * 'c';
                }
                j++;
              }
            }
            return s;
          }
        """),
        "unsupported-literal", "* 'c';", "char literal 'c'");
  }
}
