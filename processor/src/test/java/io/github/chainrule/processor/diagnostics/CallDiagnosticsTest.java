package io.github.chainrule.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static io.github.chainrule.processor.diagnostics.Diagnose.assertCompilesTo;
import static io.github.chainrule.processor.diagnostics.Diagnose.assertOneError;
import static io.github.chainrule.processor.diagnostics.Diagnose.model;

import org.junit.jupiter.api.Test;

/**
 * Calls: {@code java.lang.Math}/{@code StrictMath} functions with a derivative rule are
 * differentiated; any other static method is kept as written as long as its arguments carry no
 * derivative. One error each for what cannot be called, on the line of the call (or of the
 * offending argument).
 *
 * <p>Not here yet: {@code no-derivative} (an active argument to a method without a derivative,
 * e.g. {@code return helper(x);} or {@code Math.ulp(x)}). The transforms raise it, and the
 * processor shell currently reports it as {@code internal-error} on the method declaration
 * instead of on the call; see {@link MessageCoverageTest}.
 */
class CallDiagnosticsTest {

  @Test
  void userHelperWithInactiveArgumentsIsKeptAsWritten() {
    String generated = assertCompilesTo(model("""
          static int twice(int n) {
            return 2 * n;
          }

          @Differentiable
          static double viaHelper(double x, int n) {
            double y = twice(n) * x;
            return y;
          }
        """));
    assertThat(generated).contains("Model.twice(n)");
    assertThat(generated).contains("static double viaHelperJvp(double x, double x_dot, int n)");
  }

  @Test
  void callToALibraryMethod() {
    // Objects.hash is variable-arity: not a method Chainrule can keep as written.
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
  void callToAMethodReturningAnObject() {
    assertOneError(model("""
          @Differentiable
          static double boxed(double x) {
            double y =
                Double.valueOf(x);
            return y;
          }
        """),
        "unknown-method", "Double.valueOf(x);",
        "call to Double.valueOf(...)", "static methods returning double, int, long, boolean");
  }

  @Test
  void callToAMethodThatDoesNotExist() {
    // javac would say so only when it attributes the body, after the processor has run.
    assertOneError(model("""
          @Differentiable
          static double unknown(double x) {
            double y = mystery(x);
            return y;
          }
        """),
        "unknown-method", "double y = mystery(x);",
        "call to mystery(...)", "only java.lang.Math and StrictMath functions");
  }

  @Test
  void privateHelperCannotBeCalledFromTheGeneratedClass() {
    assertOneError(model("""
          private static int hidden(int n) {
            return n + 1;
          }

          @Differentiable
          static double scaled(double x, int n) {
            double y = x
                * hidden(n);
            return y;
          }
        """),
        "method-not-accessible", "* hidden(n);",
        "hidden(...) is private", "generated class cannot call it", "make it package-private");
  }

  @Test
  void mathRandomIsKeptAsWritten() {
    // It takes no argument, so nothing it returns depends on the differentiated inputs.
    String generated = assertCompilesTo(model("""
          @Differentiable
          static double noisy(double x) {
            double y = Math.random() * x;
            return y;
          }
        """));
    assertThat(generated).contains("Math.random()");
  }

  @Test
  void mathFloorModOfIntegersIsKeptAsWritten() {
    String generated = assertCompilesTo(model("""
          @Differentiable
          static double periodic(double x, int n) {
            double y = Math.floorMod(n, 3) * x;
            return y;
          }
        """));
    assertThat(generated).contains("Math.floorMod(n, 3)");
  }

  @Test
  void mathFunctionWithoutARuleIsKeptAsWrittenOnAnInactiveArgument() {
    // y is not differentiated (wrt), so Math.ulp(y) is data.
    String generated = assertCompilesTo(model("""
          @Differentiable(wrt = "x")
          static double spacing(double x, double y) {
            double z = x * Math.ulp(y);
            return z;
          }
        """));
    assertThat(generated).contains("Math.ulp(y)");
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
