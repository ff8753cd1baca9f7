package io.github.chainrule.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static io.github.chainrule.processor.diagnostics.Diagnose.assertCompilesTo;
import static io.github.chainrule.processor.diagnostics.Diagnose.assertOneError;
import static io.github.chainrule.processor.diagnostics.Diagnose.model;

import org.junit.jupiter.api.Test;

/**
 * Arrays: {@code double[]}/{@code int[]} parameters (read only) and local arrays bound once, at
 * their declaration, to an array of their own. One error each for what breaks those rules, on
 * the line of the offending declaration, assignment or expression.
 *
 * <p>Not here yet: "an array declared inside a loop and differentiated through" (an
 * {@code unsupported-statement} the adjoint transform raises), reported today as
 * {@code internal-error} on the method; see {@link MessageCoverageTest}.
 */
class ArrayDiagnosticsTest {

  @Test
  void doubleArrayParameterIsDifferentiated() {
    String generated = assertCompilesTo(model("""
          @Differentiable
          static double norm(double[] v) {
            double s = 0;
            for (double e : v) {
              s += e * e;
            }
            return Math.sqrt(s);
          }
        """));
    assertThat(generated).contains("static double normJvp(double[] v, double[] v_dot)");
    assertThat(generated).contains("static double[] normGradient(double[] v)");
    assertThat(generated)
        .contains("static double normValueAndGradient(double[] v, double[] gradient)");
  }

  @Test
  void intArrayParameterIsData() {
    String generated = assertCompilesTo(model("""
          @Differentiable
          static double scale(double x, int[] counts) {
            double s = x;
            for (int i = 0; i < counts.length; i++) {
              s = s * counts[i];
            }
            return s;
          }
        """));
    assertThat(generated).contains("static double scaleJvp(double x, double x_dot, int[] counts)");
    assertThat(generated).contains("static double[] scaleGradient(double x, int[] counts)");
  }

  @Test
  void arrayLocalWithoutInitialiser() {
    assertOneError(model("""
          @Differentiable
          static double buffered(double x) {
            double y = x;
            double[] buffer;
            return y;
          }
        """),
        "array-binding", "double[] buffer;",
        "array buffer must be bound once to an array of its own",
        "initialise it with new double[n], an initialiser {...} or other.clone()");
  }

  @Test
  void arrayLocalAliasingAParameter() {
    assertOneError(model("""
          @Differentiable
          static double aliased(double[] a) {
            double[] b = a;
            return b[0];
          }
        """),
        "array-binding", "double[] b = a;",
        "array b must be bound once to an array of its own", "other.clone()");
  }

  @Test
  void arrayLocalReboundToAnotherArray() {
    assertOneError(model("""
          @Differentiable
          static double rebound(double x) {
            double[] b = {x};
            double[] c = {2 * x};
            b = c;
            return b[0];
          }
        """),
        "array-binding", "b = c;",
        "array b must be bound once", "declare a new local array instead of re-binding this one");
  }

  @Test
  void arrayLocalReboundToANewArray() {
    assertOneError(model("""
          @Differentiable
          static double rebound(double x) {
            double[] a = {x};
            a = new double[3];
            return a[0];
          }
        """),
        "array-binding", "a = new double[3];",
        "must be bound once", "create arrays only to initialise a local array variable");
  }

  @Test
  void newArrayInsideAnExpression() {
    assertOneError(model("""
          static double first(double[] a) {
            return a[0];
          }

          @Differentiable
          static double wasteful(double x, int n) {
            double y = first(new double[n]) * x;
            return y;
          }
        """),
        "array-binding", "double y = first(new double[n]) * x;",
        "must be bound once", "create arrays only to initialise a local array variable",
        "double[] a = new double[n];");
  }

  @Test
  void writeIntoAParameterArray() {
    assertOneError(model("""
          @Differentiable
          static double reset(double[] x) {
            double y = x[0];
            x[0] = 1;
            return y;
          }
        """),
        "parameter-array-write", "x[0] = 1;",
        "writes into parameter array x", "must not modify its inputs",
        "double[] copy = x.clone();");
  }

  @Test
  void incrementOfAnIntParameterArrayElement() {
    assertOneError(model("""
          @Differentiable
          static double counted(double x, int[] counts) {
            counts[0]++;
            return x;
          }
        """),
        "parameter-array-write", "counts[0]++;",
        "writes into parameter array counts", "copy it first");
  }

  @Test
  void arrayLengthThatIsNotAnInt() {
    assertOneError(model("""
          @Differentiable
          static double sized(double x) {
            double[] y = new double[2.5];
            return x;
          }
        """),
        "type-mismatch", "double[] y = new double[2.5];",
        "a value of type double cannot be used as the int length of array y");
  }

  @Test
  void arrayIndexThatIsNotAnInt() {
    assertOneError(model("""
          @Differentiable
          static double indexed(double[] x) {
            double y = x[1.0];
            return y;
          }
        """),
        "type-mismatch", "double y = x[1.0];",
        "a value of type double cannot be used as an array index (an int)");
  }

  @Test
  void enhancedForLoopOverACallResult() {
    assertOneError(model("""
          static double[] weights() {
            return new double[] {1, 2};
          }

          @Differentiable
          static double weighted(double x) {
            for (double w : weights()) {
              x = x * w;
            }
            return x;
          }
        """),
        "unsupported-statement", "for (double w : weights())",
        "an enhanced for loop over weights()", "loop over an array variable");
  }

  @Test
  void enhancedForLoopVariableOfANarrowerType() {
    assertOneError(model("""
          @Differentiable
          static double truncated(double[] x) {
            double s = 0;
            for (int v : x) {
              s += v;
            }
            return s;
          }
        """),
        "type-mismatch", "for (int v : x)",
        "a value of type double cannot be used as loop variable v");
  }
}
