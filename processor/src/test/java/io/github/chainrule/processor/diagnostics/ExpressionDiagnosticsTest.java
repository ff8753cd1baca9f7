package io.github.chainrule.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static io.github.chainrule.processor.diagnostics.Diagnose.assertCompilesTo;
import static io.github.chainrule.processor.diagnostics.Diagnose.assertOneError;
import static io.github.chainrule.processor.diagnostics.Diagnose.model;

import org.junit.jupiter.api.Test;

/**
 * Expressions, literals and operators outside the body language: one error each, on the line of
 * the offending expression, naming it and saying what to write instead.
 */
class ExpressionDiagnosticsTest {

  @Test
  void lambda() {
    assertOneError(model("""
          @Differentiable
          static double square(double x) {
            java.util.function.DoubleUnaryOperator f =
                v -> v * v;
            return x;
          }
        """),
        "unsupported-expression", "v -> v * v;",
        "a lambda expression", "write the computation inline");
  }

  @Test
  void methodReference() {
    assertOneError(model("""
          @Differentiable
          static double sine(double x) {
            java.util.function.DoubleUnaryOperator f = Math::sin;
            return x;
          }
        """),
        "unsupported-expression", "Math::sin",
        "a method reference", "write the computation inline");
  }

  @Test
  void objectCreation() {
    assertOneError(model("""
          @Differentiable
          static double locked(double x) {
            Object lock =
                new Object();
            return x;
          }
        """),
        "unsupported-expression", "new Object();",
        "object creation", "only primitive values");
  }

  @Test
  void localArrayCreationAndElementAccessAreSupported() {
    String generated = assertCompilesTo(model("""
          @Differentiable
          static double pair(double x, int n) {
            double[] y = new double[n + 2];
            y[1] = x * x;
            double[] z = {x, 2 * x};
            return y[1] + z[1] * y.length;
          }
        """));
    assertThat(generated).contains("static double pairJvp(double x, double x_dot, int n)");
    assertThat(generated).contains("new double[n + 2]");
  }

  @Test
  void indexingSomethingOtherThanAnArrayVariable() {
    assertOneError(model("""
          static double[] table() {
            return new double[] {1, 2};
          }

          @Differentiable
          static double looked(double x) {
            double y = table()[0] * x;
            return y;
          }
        """),
        "unsupported-expression", "double y = table()[0] * x;",
        "indexing table()", "index an array variable");
  }

  @Test
  void multiDimensionalArrayCreation() {
    assertOneError(model("""
          @Differentiable
          static double grid(double x) {
            double y = x;
            double[][] m =
                new double[2][2];
            return y;
          }
        """),
        "unsupported-expression", "new double[2][2];",
        "new array", "not supported");
  }

  @Test
  void instanceOf() {
    assertOneError(model("""
          @Differentiable
          static double typed(double x) {
            boolean boxed = ((Object) x) instanceof Double;
            return x;
          }
        """),
        "unsupported-expression", "instanceof Double",
        "instanceof", "only primitive values");
  }

  @Test
  void stringLiteral() {
    assertOneError(model("""
          @Differentiable
          static double named(double x) {
            String name = "x";
            return x;
          }
        """),
        "unsupported-expression", "String name = \"x\";",
        "a string literal", "only numbers");
  }

  @Test
  void incrementInsideAnExpression() {
    assertOneError(model("""
          @Differentiable
          static double counted(double x, int n) {
            double y = x * n++;
            return y;
          }
        """),
        "unsupported-expression", "double y = x * n++;",
        "++ or -- inside an expression", "write the increment as its own statement");
  }

  @Test
  void assignmentInsideAnExpression() {
    assertOneError(model("""
          @Differentiable
          static double chained(double x) {
            double y = 0;
            double z = y = x;
            return z;
          }
        """),
        "unsupported-expression", "double z = y = x;",
        "assignment", "rewrite it");
  }

  @Test
  void switchExpression() {
    assertOneError(model("""
          @Differentiable
          static double scaled(double x, int mode) {
            double y = switch (mode) {
              case 1 -> x;
              default -> 2 * x;
            };
            return y;
          }
        """),
        "unsupported-expression", "double y = switch (mode)",
        "a switch expression", "use the ?: operator");
  }

  @Test
  void castToFloat() {
    assertOneError(model("""
          @Differentiable
          static double rounded(double x) {
            double y = (float) x;
            return y;
          }
        """),
        "unsupported-expression", "double y = (float) x;",
        "a cast to float", "cast to double, int or long");
  }

  @Test
  void castFromBoolean() {
    assertOneError(model("""
          @Differentiable
          static double gated(double x, boolean on) {
            double y = x * (int) on;
            return y;
          }
        """),
        "unsupported-expression", "double y = x * (int) on;",
        "a cast from boolean", "cast numbers only");
  }

  @Test
  void floatLiteral() {
    assertOneError(model("""
          @Differentiable
          static double scaled(double x) {
            double y = x
                * 1.5f;
            return y;
          }
        """),
        "unsupported-literal", "* 1.5f;",
        "float literal 1.5f", "use a double, int, long or boolean literal");
  }

  @Test
  void charLiteral() {
    assertOneError(model("""
          @Differentiable
          static double scaled(double x) {
            double y = x * 'a';
            return y;
          }
        """),
        "unsupported-literal", "double y = x * 'a';",
        "char literal 'a'", "use a double, int, long or boolean literal");
  }

  @Test
  void nullLiteral() {
    assertOneError(model("""
          @Differentiable
          static double odd(double x) {
            boolean same = null == null;
            return x;
          }
        """),
        "unsupported-literal", "boolean same = null == null;",
        "null literal", "use a double, int, long or boolean literal");
  }

  @Test
  void remainderOfDoubles() {
    assertOneError(model("""
          @Differentiable
          static double wrapped(double x) {
            double y = x % 2.0;
            return y;
          }
        """),
        "unsupported-operator", "double y = x % 2.0;",
        "operator %", "on double", "x - y * Math.floor(x / y)");
  }

  @Test
  void logicalNotOfADouble() {
    assertOneError(model("""
          @Differentiable
          static double negated(double x) {
            boolean b = !x;
            return x;
          }
        """),
        "unsupported-operator", "boolean b = !x;",
        "operator !", "on double");
  }

  @Test
  void bitwiseAndOfDoubles() {
    assertOneError(model("""
          @Differentiable
          static double masked(double x) {
            double y = x & x;
            return y;
          }
        """),
        "unsupported-operator", "double y = x & x;",
        "operator &", "on double", "use it on int, long or boolean");
  }

  @Test
  void incrementOfABoolean() {
    assertOneError(model("""
          @Differentiable
          static double flipped(double x, boolean b) {
            b++;
            return x;
          }
        """),
        "unsupported-operator", "b++;",
        "operator ++", "on boolean", "use it on numbers only");
  }
}
