package io.github.chainrule.processor.diagnostics;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.chainrule.processor.diagnostics.Diagnose.assertOneError;
import static io.github.chainrule.processor.diagnostics.Diagnose.model;

import org.junit.jupiter.api.Test;

/** Returns, types and assignments in a body that otherwise uses supported constructs. */
class MethodShapeDiagnosticsTest {

  @Test
  void missingReturnAtTheEnd() {
    // Placed on the body, whose brace is on the declaration line.
    assertOneError(model("""
          @Differentiable
          static double unfinished(double x) {
            double y = x * 2;
          }
        """),
        "missing-return", "static double unfinished(double x) {",
        "must end with a return statement");
  }

  @Test
  void missingReturnAfterAnIfWithoutElse() {
    // Placed on the body, like missingReturnAtTheEnd (before control flow it was on the if).
    assertOneError(model("""
          @Differentiable
          static double positivePart(double x) {
            double y = x;
            if (x > 0) {
              return y;
            }
          }
        """),
        "missing-return", "static double positivePart(double x) {",
        "must end with a return statement");
  }

  @Test
  void earlyReturnsAreAccepted() {
    // Why return-not-last cannot be triggered: the lowering turns every return the fence lets
    // through into the method's single final return.
    assertThat(Diagnose.compile(model("""
          @Differentiable
          static double clipped(double x, int n) {
            if (n == 0) {
              return x;
            }
            {
              if (x > 1) {
                return 1;
              }
            }
            if (n == 1) return x * x;
            else if (n == 2) return 2 * x;
            return 3 * x;
          }
        """))).succeeded();
  }

  @Test
  void returnWithoutAValue() {
    assertOneError(model("""
          @Differentiable
          static double clipped(double x) {
            if (x > 1) {
              return;
            }
            return x;
          }
        """),
        "unsupported-statement", "return;",
        "return without a value", "return the method's double result");
  }

  @Test
  void earlyReturnsInsideLoopsAreAccepted() {
    assertThat(Diagnose.compile(model("""
          @Differentiable
          static double firstLarge(double[] x, double t) {
            for (int i = 0; i < x.length; i++) {
              int j = 0;
              while (j < 3) {
                if (x[i] * j > t) {
                  return x[i] * t;
                }
                j++;
              }
            }
            return t;
          }
        """))).succeededWithoutWarnings();
  }

  @Test
  void doubleAssignedToAnIntLocal() {
    assertOneError(model("""
          @Differentiable
          static double truncated(double x) {
            int n = x * 2;
            return n;
          }
        """),
        "type-mismatch", "int n = x * 2;",
        "a value of type double cannot be used as local n of type int");
  }

  @Test
  void doubleAssignedToALongParameter() {
    assertOneError(model("""
          @Differentiable
          static double truncated(double x, long n) {
            n = x;
            return n;
          }
        """),
        "type-mismatch", "n = x;",
        "a value of type double cannot be used as n of type long", "without a cast");
  }

  @Test
  void booleanReturned() {
    assertOneError(model("""
          @Differentiable
          static double positive(double x) {
            return x > 0;
          }
        """),
        "type-mismatch", "return x > 0;",
        "a value of type boolean cannot be used as the method's double result");
  }

  @Test
  void doubleUsedAsACondition() {
    assertOneError(model("""
          @Differentiable
          static double gated(double x) {
            if (x) {
              x = 1;
            }
            return x;
          }
        """),
        "type-mismatch", "if (x) {",
        "value of type double", "condition");
  }

  @Test
  void conditionalWithBranchesOfIncompatibleTypes() {
    assertOneError(model("""
          @Differentiable
          static double mixed(double x, boolean b) {
            double y = b ? x : b;
            return y;
          }
        """),
        "type-mismatch", "double y = b ? x : b;",
        "a value of type boolean cannot be used as the other branch of a conditional",
        "whose first branch is double");
  }

  @Test
  void assignmentToAConstant() {
    assertOneError(model("""
          static final double SCALE = 2;

          @Differentiable
          static double rescaled(double x) {
            SCALE = x;
            return x;
          }
        """),
        "assign-to-constant", "SCALE = x;",
        "cannot assign to SCALE", "only locals and parameters can be assigned");
  }

  @Test
  void assignmentToAQualifiedConstant() {
    assertOneError(model("""
          static final double SCALE = 2;

          @Differentiable
          static double rescaled(double x) {
            Model.SCALE += x;
            return x;
          }
        """),
        "assign-to-constant", "Model.SCALE += x;",
        "cannot assign to Model.SCALE", "only locals and parameters can be assigned");
  }
}
