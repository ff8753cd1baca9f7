package io.github.chainrule.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.chainrule.processor.diagnostics.Diagnose.assertOneError;
import static io.github.chainrule.processor.diagnostics.Diagnose.model;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Problems with the method itself: each is one error, placed on the method declaration (javac
 * puts an element's diagnostic on the line of its name).
 */
class MethodDeclarationDiagnosticsTest {

  @Test
  void instanceMethodIsRejected() {
    assertOneError(model("""
          @Differentiable
          double area(double r) {
            return r * r;
          }
        """),
        "not-static", "double area(double r)",
        "area", "must be static", "make it static");
  }

  @Test
  void privateMethodIsRejected() {
    assertOneError(model("""
          @Differentiable
          private static double area(double r) {
            return r * r;
          }
        """),
        "private-method", "private static double area(",
        "area", "must not be private", "make it package-private or public");
  }

  @Test
  void staticMethodOfInnerClassIsRejected() {
    // Java 16+ allows static methods in inner classes; the generated class still cannot be nested.
    assertOneError(model("""
          class Inner {
            @Differentiable
            static double area(double r) {
              return r * r;
            }
          }
        """),
        "inner-class", "static double area(double r)",
        "area", "Inner", "not a top-level class or a static nested class",
        "declare the class static");
  }

  @Test
  void genericMethodIsRejected() {
    assertOneError(model("""
          @Differentiable
          static <T> double area(double r) {
            return r * r;
          }
        """),
        "generic-method", "static <T> double area(",
        "area", "type parameters", "remove them");
  }

  @Test
  void methodWithoutBodyIsRejected() {
    assertOneError(model("""
          @Differentiable
          static native double area(double r);
        """),
        "no-body", "static native double area(",
        "area", "has no body");
  }

  @Test
  void intReturnTypeIsRejected() {
    assertOneError(model("""
          @Differentiable
          static int steps(double r) {
            return 1;
          }
        """),
        "return-type", "static int steps(",
        "steps", "returns int", "only double");
  }

  @Test
  void voidReturnTypeIsRejected() {
    assertOneError(model("""
          @Differentiable
          static void update(double r) {
          }
        """),
        "return-type", "static void update(",
        "update", "returns void", "only double");
  }

  @Test
  void arrayReturnMustBeALocalArray() {
    assertOneError(model("""
          @Differentiable
          static double[] pair(double[] r) {
            return r;
          }
        """),
        "array-binding", "return r;",
        "return a local double[]");
  }

  @Test
  void stringParameterIsRejected() {
    assertOneError(model("""
          @Differentiable
          static double area(String unit, double r) {
            return r * r;
          }
        """),
        "parameter-type", "static double area(String unit",
        "parameter unit", "area", "java.lang.String", "use double, double[], int, long, boolean");
  }

  @Test
  void objectParameterIsRejected() {
    assertOneError(model("""
          @Differentiable
          static double area(double r, Object tag) {
            return r * r;
          }
        """),
        "parameter-type", "static double area(double r, Object tag)",
        "parameter tag", "java.lang.Object", "use double, double[], int, long, boolean");
  }

  @Test
  void floatParameterIsRejected() {
    assertOneError(model("""
          @Differentiable
          static double area(float r) {
            return r;
          }
        """),
        "parameter-type", "static double area(float r)",
        "parameter r", "type float", "use double");
  }

  @Test
  void twoDimensionalArrayParameterIsRejected() {
    assertOneError(model("""
          @Differentiable
          static double trace(double[][] m) {
            return m[0][0];
          }
        """),
        "parameter-type", "static double trace(double[][] m)",
        "parameter m", "double[][]", "use double, double[], int, long, boolean or int[]");
  }

  @Test
  void varargsMethodIsOneError() {
    assertOneError(model("""
          @Differentiable
          static double sum(double... xs) {
            return xs[0];
          }
        """),
        "varargs", "static double sum(double... xs)",
        "sum", "must not be variable-arity", "declare the last parameter as an array");
  }

  @Test
  void wrtNamingAnUnknownParameterIsRejected() {
    assertOneError(model("""
          @Differentiable(wrt = "z")
          static double product(double x, double y) {
            return x * y;
          }
        """),
        "wrt-unknown", "static double product(",
        "\"z\"", "not a parameter of product", "parameters: x, y");
  }

  @Test
  void wrtNamingAParameterTwiceIsRejected() {
    assertOneError(model("""
          @Differentiable(wrt = {"x", "y", "x"})
          static double product(double x, double y) {
            return x * y;
          }
        """),
        "wrt-duplicate", "static double product(",
        "\"x\" twice", "name each parameter once");
  }

  @Test
  void wrtNamingANonDoubleParameterIsRejected() {
    assertOneError(model("""
          @Differentiable(wrt = {"x", "n"})
          static double scaled(double x, int n) {
            return x * n;
          }
        """),
        "wrt-type", "static double scaled(",
        "\"n\"", "type int", "only double and double[] parameters");
  }

  @Test
  void methodWithoutDoubleParameterIsRejected() {
    assertOneError(model("""
          @Differentiable
          static double half(int n, long m, boolean b) {
            return n / 2.0;
          }
        """),
        "no-active-parameter", "static double half(",
        "half", "no double or double[] parameter");
  }

  @Test
  void overloadsClashAndTheFirstIsStillGenerated() {
    JavaFileObject source = model("""
          @Differentiable
          static double area(double r) {
            return r * r;
          }

          @Differentiable
          static double area(double w, double h) {
            return w * h;
          }
        """);
    assertOneError(source,
        "name-clash", "static double area(double w, double h)",
        "area(double,double)", "areaJvp", "area(double)", "overloads", "rename one of them");
    assertThat(Diagnose.generatedEvenIfFailed("p.ModelGradient", source).orElseThrow())
        .contains("static double areaJvp(double r, double r_dot)");
  }

  @Test
  void interfacesEnumsAndRecordsAreImplicitlyStaticNestingLevels() {
    Compilation compilation = Diagnose.compile(model("""
          interface Shapes {
            @Differentiable
            static double area(double r) {
              return r * r;
            }
          }

          enum Kind {
            ROUND;

            @Differentiable
            static double area(double r) {
              return r * r;
            }
          }
        """));
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("p.Model_ShapesGradient");
    assertThat(compilation).generatedSourceFile("p.Model_KindGradient");
  }
}
