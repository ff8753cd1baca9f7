package io.github.chainrule.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.chainrule.processor.diagnostics.Diagnose.assertOneError;
import static io.github.chainrule.processor.diagnostics.Diagnose.model;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * What a body may read and declare: locals of the supported types, its parameters and static
 * final constants the generated class can read (or inline). One error each, on the line of the
 * offending declaration or name.
 */
class LocalAndFieldDiagnosticsTest {

  @Test
  void stringLocal() {
    assertOneError(model("""
          @Differentiable
          static double labelled(double x) {
            String label;
            return x;
          }
        """),
        "local-type", "String label;",
        "local variable label", "type String", "use double, int, long or boolean");
  }

  @Test
  void floatLocal() {
    assertOneError(model("""
          @Differentiable
          static double narrowed(double x) {
            float f = 2;
            return x;
          }
        """),
        "local-type", "float f = 2;",
        "local variable f", "type float", "use double, int, long or boolean");
  }

  @Test
  void twoDimensionalArrayLocal() {
    assertOneError(model("""
          @Differentiable
          static double gridded(double x) {
            double[][] grid;
            return x;
          }
        """),
        "local-type", "double[][] grid;",
        "local variable grid", "type double[][]", "use double, int, long or boolean");
  }

  @Test
  void unknownSimpleName() {
    assertOneError(model("""
          @Differentiable
          static double scaled(double x) {
            double y = x
                * scale;
            return y;
          }
        """),
        "unknown-name", "* scale;",
        "cannot resolve scale", "its parameters, its locals and static final constants");
  }

  @Test
  void unknownQualifiedName() {
    assertOneError(model("""
          @Differentiable
          static double scaled(double x) {
            double y = x * Model.SCALE;
            return y;
          }
        """),
        "unknown-name", "double y = x * Model.SCALE;",
        "cannot resolve Model.SCALE");
  }

  @Test
  void staticFieldThatIsNotFinal() {
    assertOneError(model("""
          static double scale = 2;

          @Differentiable
          static double scaled(double x) {
            double y = x * scale;
            return y;
          }
        """),
        "field-not-constant", "double y = x * scale;",
        "field Model.scale", "not static final", "pass other values as parameters");
  }

  @Test
  void instanceField() {
    assertOneError(model("""
          final double scale = 2;

          @Differentiable
          static double scaled(double x) {
            double y = x * scale;
            return y;
          }
        """),
        "field-not-constant", "double y = x * scale;",
        "field Model.scale", "not static final", "pass other values as parameters");
  }

  @Test
  void floatConstant() {
    assertOneError(model("""
          static final float SCALE = 2f;

          @Differentiable
          static double scaled(double x) {
            double y = x * SCALE;
            return y;
          }
        """),
        "field-type", "double y = x * SCALE;",
        "constant Model.SCALE", "type float", "only double, int, long and boolean constants");
  }

  @Test
  void boxedConstant() {
    assertOneError(model("""
          static final Double SCALE = 2.0;

          @Differentiable
          static double scaled(double x) {
            double y = x * SCALE;
            return y;
          }
        """),
        "field-type", "double y = x * SCALE;",
        "constant Model.SCALE", "java.lang.Double", "only double, int, long and boolean");
  }

  @Test
  void privateComputedConstantOfTheSameClass() {
    // Not a compile-time constant, so it cannot be inlined; and ModelGradient is another class.
    assertOneError(model("""
          private static final double ROOT_TWO = Math.sqrt(2);

          @Differentiable
          static double scaled(double x) {
            double y = x * ROOT_TWO;
            return y;
          }
        """),
        "field-not-accessible", "double y = x * ROOT_TWO;",
        "constant Model.ROOT_TWO", "not a compile-time constant",
        "the generated class (in this package) cannot read it", "make it package-private");
  }

  @Test
  void privateComputedConstantOfANestedClass() {
    // Model may read its nested class's private field; ModelGradient may not.
    assertOneError(model("""
          static final class Constants {
            private static final double ROOT_TWO = Math.sqrt(2);
          }

          @Differentiable
          static double scaled(double x) {
            double y = x * Constants.ROOT_TWO;
            return y;
          }
        """),
        "field-not-accessible", "double y = x * Constants.ROOT_TWO;",
        "constant Constants.ROOT_TWO", "not a compile-time constant",
        "the generated class (in this package) cannot read it", "make it package-private");
  }

  @Test
  void privateCompileTimeConstantsAreInlined() {
    Compilation compilation = Diagnose.compile(model("""
          private static final double QUARTER = 0.25;

          static final class Constants {
            private static final double HALF = 0.5;
          }

          @Differentiable
          static double scaled(double x) {
            double y = x * QUARTER * Constants.HALF;
            return y;
          }
        """));
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("p.ModelGradient").contentsAsUtf8String()
        .contains("x_dot * 0.25 * 0.5");
  }

  @Test
  void packagePrivateComputedConstantIsReadByName() {
    Compilation compilation = Diagnose.compile(model("""
          static final double ROOT_TWO = Math.sqrt(2);

          @Differentiable
          static double scaled(double x) {
            double y = x * ROOT_TWO;
            return y;
          }
        """));
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("p.ModelGradient").contentsAsUtf8String()
        .contains("x_dot * Model.ROOT_TWO");
  }
}
