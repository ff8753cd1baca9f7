package io.github.chainrule.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static io.github.chainrule.processor.diagnostics.Diagnose.assertCompilesTo;
import static io.github.chainrule.processor.diagnostics.Diagnose.assertOneError;
import static io.github.chainrule.processor.diagnostics.Diagnose.model;

import org.junit.jupiter.api.Test;

/**
 * Statements: the loops of the body language compile; statements outside it are one
 * {@code unsupported-statement} error each, on the line where the statement starts, naming it
 * and saying what to write instead. The fence does not look inside a rejected statement, so its
 * contents add no errors of their own.
 */
class StatementDiagnosticsTest {

  private static final String TAG = "unsupported-statement";

  @Test
  void forLoopIsSupported() {
    String generated = assertCompilesTo(model("""
          @Differentiable
          static double sum(double x) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
              s = s + x;
            }
            return s;
          }
        """));
    assertThat(generated).contains("for (int i = 0; i < 3; i++) {");
    assertThat(generated).contains("static double sumValueAndGradient(double x, double[] gradient)");
  }

  @Test
  void enhancedForLoopOverALocalArrayIsSupported() {
    String generated = assertCompilesTo(model("""
          @Differentiable
          static double product(double x) {
            int[] factors = {2, 3};
            for (int k : factors) {
              x = x * k;
            }
            return x;
          }
        """));
    assertThat(generated).contains("static double productJvp(double x, double x_dot)");
  }

  @Test
  void whileLoopIsSupported() {
    String generated = assertCompilesTo(model("""
          @Differentiable
          static double halve(double x) {
            while (x > 1) {
              x = x / 2;
            }
            return x;
          }
        """));
    assertThat(generated).contains("while (x > 1) {");
  }

  @Test
  void doWhileLoopIsSupported() {
    String generated = assertCompilesTo(model("""
          @Differentiable
          static double halve(double x) {
            do {
              x = x / 2;
            } while (x > 1);
            return x;
          }
        """));
    assertThat(generated).contains("static double halveJvp(double x, double x_dot)");
  }

  @Test
  void breakContinueAndLabelsInsideLoopsAreSupported() {
    String generated = assertCompilesTo(model("""
          @Differentiable
          static double scan(double[] x, double t) {
            double s = 0;
            outer:
            for (int i = 0; i < x.length; i++) {
              for (int j = 0; j < i; j++) {
                if (x[j] > t) {
                  continue outer;
                }
                if (s > 10) {
                  break outer;
                }
                s += x[i] * x[j];
              }
            }
            return s;
          }
        """));
    assertThat(generated).contains("static double scanJvp(double[] x, double[] x_dot, double t,"
        + " double t_dot)");
  }

  @Test
  void switchStatement() {
    assertOneError(model("""
          @Differentiable
          static double scaled(double x, int mode) {
            switch (mode) {
              case 1:
                x = 2 * x;
                break;
              default:
                x = 3 * x;
            }
            return x;
          }
        """),
        TAG, "switch (mode)",
        "a switch statement", "use if/else");
  }

  @Test
  void tryStatement() {
    assertOneError(model("""
          @Differentiable
          static double guarded(double x) {
            try {
              x = x * 2;
            } catch (RuntimeException e) {
              x = 0;
            }
            return x;
          }
        """),
        TAG, "try {",
        "a try statement", "move exception handling out");
  }

  @Test
  void throwStatement() {
    assertOneError(model("""
          @Differentiable
          static double checked(double x) {
            if (x < 0) {
              throw new IllegalArgumentException("negative");
            }
            return x;
          }
        """),
        TAG, "throw new IllegalArgumentException",
        "throw", "validate arguments before calling");
  }

  @Test
  void synchronizedBlock() {
    assertOneError(model("""
          @Differentiable
          static double locked(double x) {
            synchronized (Model.class) {
              x = x * 2;
            }
            return x;
          }
        """),
        TAG, "synchronized (Model.class)",
        "a synchronized block", "remove it");
  }

  @Test
  void breakOutsideALoop() {
    // javac rejects it only when it attributes the body, after the processor has run.
    assertOneError(model("""
          @Differentiable
          static double early(double x) {
            if (x > 0) {
              break;
            }
            return x;
          }
        """),
        TAG, "break;",
        "break or continue outside a loop", "only loops can be the target of break and continue");
  }

  @Test
  void continueOutsideALoop() {
    assertOneError(model("""
          @Differentiable
          static double early(double x) {
            if (x > 0) {
              continue;
            }
            return x;
          }
        """),
        TAG, "continue;",
        "break or continue outside a loop", "only loops can be the target of break and continue");
  }

  @Test
  void jumpToAnUndefinedLabel() {
    assertOneError(model("""
          @Differentiable
          static double early(double x) {
            for (int i = 0; i < 3; i++) {
              x = x * 2;
              break nowhere;
            }
            return x;
          }
        """),
        TAG, "break nowhere;",
        "a jump to label nowhere", "only loops can be the target of break and continue");
  }

  @Test
  void labelledBlock() {
    // Reported on the labelled statement itself, which starts on the label's line here.
    assertOneError(model("""
          @Differentiable
          static double clipped(double x) {
            body: {
              if (x > 3) {
                break body;
              }
              x = x * 2;
            }
            return x;
          }
        """),
        TAG, "body: {",
        "a labelled block", "only loops can carry a label");
  }

  @Test
  void assertStatement() {
    assertOneError(model("""
          @Differentiable
          static double root(double x) {
            assert x >= 0;
            return Math.sqrt(x);
          }
        """),
        TAG, "assert x >= 0;",
        "assert", "check the arguments before the call");
  }

  @Test
  void localClass() {
    assertOneError(model("""
          @Differentiable
          static double helperInside(double x) {
            class Helper {
            }
            return x;
          }
        """),
        TAG, "class Helper {",
        "a local class", "declare the class outside the method");
  }

  @Test
  void callWhoseResultIsDiscarded() {
    assertOneError(model("""
          @Differentiable
          static double wasted(double x) {
            Math.sin(x);
            return x;
          }
        """),
        TAG, "Math.sin(x);",
        "a call whose result is discarded", "assign the result to a local");
  }

  @Test
  void annotationOnALocalVariable() {
    assertOneError(model("""
          @Differentiable
          static double annotated(double x) {
            @SuppressWarnings("unused") double y = x;
            return x;
          }
        """),
        TAG, "@SuppressWarnings(\"unused\") double y",
        "an annotation on a local variable", "remove it");
  }
}
