package io.github.chainrule.processor.diagnostics;

import static io.github.chainrule.processor.diagnostics.Diagnose.assertOneError;
import static io.github.chainrule.processor.diagnostics.Diagnose.model;

import org.junit.jupiter.api.Test;

/**
 * Statements outside the body language: one {@code unsupported-statement} error each, on the
 * line where the statement starts, naming it and saying what to write instead. The fence does
 * not look inside a rejected statement, so its contents add no errors of their own.
 */
class StatementDiagnosticsTest {

  private static final String TAG = "unsupported-statement";

  @Test
  void forLoop() {
    assertOneError(model("""
          @Differentiable
          static double sum(double x) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
              s = s + x;
            }
            return s;
          }
        """),
        TAG, "for (int i = 0;",
        "a for loop", "not supported", "unroll the loop");
  }

  @Test
  void enhancedForLoop() {
    assertOneError(model("""
          static final int[] FACTORS = {2, 3};

          @Differentiable
          static double product(double x) {
            for (int k : FACTORS) {
              x = x * k;
            }
            return x;
          }
        """),
        TAG, "for (int k : FACTORS)",
        "an enhanced for loop", "loops are not supported yet");
  }

  @Test
  void whileLoop() {
    assertOneError(model("""
          @Differentiable
          static double halve(double x) {
            while (x > 1) {
              x = x / 2;
            }
            return x;
          }
        """),
        TAG, "while (x > 1)",
        "a while loop", "loops are not supported yet");
  }

  @Test
  void doWhileLoop() {
    assertOneError(model("""
          @Differentiable
          static double halve(double x) {
            do {
              x = x / 2;
            } while (x > 1);
            return x;
          }
        """),
        TAG, "do {",
        "a do-while loop", "loops are not supported yet");
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
        "try/catch", "move exception handling out");
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
  void breakStatement() {
    // Outside a loop javac rejects break only when it attributes the body, after the processor.
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
        "break", "loops are not supported yet");
  }

  @Test
  void continueStatement() {
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
        "continue", "loops are not supported yet");
  }

  @Test
  void labelledStatement() {
    // The label is reported; the labelled break inside is not looked at.
    assertOneError(model("""
          @Differentiable
          static double clipped(double x) {
            body:
            {
              if (x > 3) {
                break body;
              }
              x = x * 2;
            }
            return x;
          }
        """),
        TAG, "body:",
        "a labelled statement");
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
