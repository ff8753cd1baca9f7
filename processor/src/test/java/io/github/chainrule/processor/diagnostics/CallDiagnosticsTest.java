package io.github.chainrule.processor.diagnostics;

import static io.github.chainrule.processor.diagnostics.Diagnose.assertOneError;
import static io.github.chainrule.processor.diagnostics.Diagnose.model;

import org.junit.jupiter.api.Test;

/**
 * Calls: only {@code java.lang.Math}/{@code StrictMath} functions with a derivative rule, on
 * numbers. One error each, on the line of the call (or of the offending argument).
 */
class CallDiagnosticsTest {

  @Test
  void callToAUserHelper() {
    assertOneError(model("""
          static double helper(double v) {
            return v;
          }

          @Differentiable
          static double viaHelper(double x) {
            double y = 2 * x
                + helper(x);
            return y;
          }
        """),
        "unknown-method", "+ helper(x);",
        "call to helper(...)", "only java.lang.Math and StrictMath functions");
  }

  @Test
  void callToALibraryMethod() {
    assertOneError(model("""
          @Differentiable
          static double hashed(double x) {
            double y = java.util.Objects.hash(x) * x;
            return y;
          }
        """),
        "unknown-method", "double y = java.util.Objects.hash(x) * x;",
        "call to java.util.Objects.hash(...)", "only java.lang.Math and StrictMath functions");
  }

  @Test
  void mathRandomHasNoDerivativeRule() {
    assertOneError(model("""
          @Differentiable
          static double noisy(double x) {
            double y = Math.random() * x;
            return y;
          }
        """),
        "unsupported-math-function", "double y = Math.random() * x;",
        "Math.random", "has no derivative rule", "supported: sin, cos");
  }

  @Test
  void mathUlpHasNoDerivativeRule() {
    assertOneError(model("""
          @Differentiable
          static double spacing(double x) {
            double y = Math.ulp(x);
            return y;
          }
        """),
        "unsupported-math-function", "double y = Math.ulp(x);",
        "Math.ulp", "has no derivative rule", "supported: sin, cos");
  }

  @Test
  void mathFloorModHasNoDerivativeRule() {
    assertOneError(model("""
          @Differentiable
          static double periodic(double x, int n) {
            double y = Math.floorMod(n, 3) * x;
            return y;
          }
        """),
        "unsupported-math-function", "double y = Math.floorMod(n, 3) * x;",
        "Math.floorMod", "has no derivative rule", "supported: sin, cos");
  }

  @Test
  void mathFunctionWithABooleanArgument() {
    assertOneError(model("""
          @Differentiable
          static double switched(double x, boolean on) {
            double y = x * Math.sin(
                on);
            return y;
          }
        """),
        "math-argument-type", "on);",
        "Math.sin", "boolean arguments", "only its double form");
  }
}
