package io.github.chainrule.processor.diagnostics;

import static io.github.chainrule.processor.diagnostics.Diagnose.assertOneError;
import static io.github.chainrule.processor.diagnostics.Diagnose.source;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One error each for the diagnostics of calls without a derivative, custom derivatives and
 * checkpointed loops, on the line they belong to.
 */
class NewFeatureDiagnosticsTest {

  private static JavaFileObject model(String members) {
    return source("p.Model", """
        package p;

        import io.github.chainrule.Checkpoint;
        import io.github.chainrule.CustomDerivative;
        import io.github.chainrule.Differentiable;

        class Model {
        """ + members + "}\n");
  }

  @Test
  void activeArgumentToAHelperWithoutDerivative() {
    assertOneError(model("""
          static double helper(double v) {
            return v * v;
          }

          @Differentiable
          static double f(double x) {
            double y = x + 1;
            return helper(y) * 2;
          }
        """),
        "no-derivative", "return helper(y) * 2;",
        "Model.helper(...)", "has no derivative");
  }

  @Test
  void activeArgumentToAParameterOutsideTheCalleesWrt() {
    assertOneError(model("""
          @Differentiable(wrt = "a")
          static double g(double a, double b) {
            return a * b;
          }

          @Differentiable
          static double f(double x) {
            return g(1.0, x);
          }
        """),
        "no-derivative", "return g(1.0, x);",
        "parameter 2", "wrt");
  }

  @Test
  void callOfADifferentiableMethodWhoseDeclarationIsInvalid() {
    com.google.testing.compile.Compilation compilation = Diagnose.compile(model("""
          @Differentiable
          static <T> double g(double x) {
            return x * x;
          }

          @Differentiable
          static double f(double x) {
            return g(x) + x;
          }
        """));
    com.google.testing.compile.CompilationSubject.assertThat(compilation).hadErrorCount(2);
    com.google.testing.compile.CompilationSubject.assertThat(compilation)
        .hadErrorContaining("[chainrule:unreadable-callee] call to g(...)")
        .inFile(compilation.sourceFiles().get(0)).onLineContaining("return g(x) + x;");
    com.google.testing.compile.CompilationSubject.assertThat(compilation)
        .hadErrorContaining("[chainrule:generic-method]");
  }

  @Test
  void customDerivativeWithTheWrongNumberOfPartials() {
    assertOneError(model("""
          @CustomDerivative(partials = "dfdx")
          static double f(double x, double y) {
            return x * y;
          }

          @Differentiable
          static double dfdx(double x, double y) {
            return y;
          }
        """),
        "custom-derivative", "static double f(",
        "2 double parameters but names 1");
  }

  @Test
  void customDerivativeWhosePartialIsNotDifferentiable() {
    assertOneError(model("""
          @CustomDerivative(partials = "fPrime")
          static double f(double x) {
            return x * x;
          }

          static double fPrime(double x) {
            return 2 * x;
          }
        """),
        "custom-derivative", "static double f(",
        "fPrime must be a static, non-private, @Differentiable method");
  }

  @Test
  void checkpointOnALoopThatIsNotCounted() {
    assertOneError(model("""
          @Differentiable
          static double f(double x, int n) {
            double s = x;
            for (@Checkpoint(snapshots = 2) int t = 0; t < n; t += 2) {
              s = s * Math.sin(s);
            }
            return s;
          }
        """),
        "checkpoint", "for (@Checkpoint(snapshots = 2)",
        "needs a counted loop");
  }

  @Test
  void checkpointedLoopThatBreaks() {
    assertOneError(model("""
          @Differentiable
          static double f(double x, int n) {
            double s = x;
            for (@Checkpoint(snapshots = 2) int t = 0; t < n; t++) {
              if (s > 10) {
                break;
              }
              s = s * Math.sin(s) + x;
            }
            return s;
          }
        """),
        "checkpoint", "break;",
        "run every step");
  }

  @Test
  void checkpointWithoutAPositiveSnapshotCount() {
    assertOneError(model("""
          @Differentiable
          static double f(double x, int n) {
            double s = x;
            for (@Checkpoint(snapshots = 0) int t = 0; t < n; t++) {
              s = s * Math.sin(s) + x;
            }
            return s;
          }
        """),
        "checkpoint", "@Checkpoint(snapshots = 0)",
        "at least 1");
  }
}
