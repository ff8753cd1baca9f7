package io.github.chainrule.processor.behaviour;

import static io.github.chainrule.processor.behaviour.Numeric.assertAllModes;

import org.junit.jupiter.api.Test;

/**
 * Names from outside the method body: static final constants (same class, another class, private
 * compile-time constants that the generated class must inline, Math.PI and Math.E) and Math by
 * static import. fValueAndGradient returning f's value bit for bit shows every constant kept its
 * exact value.
 */
class ConstantsAndImportsTest {

  private static final double[] POINTS = {-2.0, -0.3, 0.0, 0.8, 3.5};

  @Test
  void constantsOfTheSameClass() {
    for (double x : POINTS) {
      assertAllModes("SCALE·x² + ROOT_TWO·x + SCALE", v -> ConstantUse.sameClass(v[0]),
          (v, d) -> ConstantUseGradient.sameClassJvp(v[0], d[0]),
          v -> ConstantUseGradient.sameClassGradient(v[0]),
          (v, g) -> ConstantUseGradient.sameClassValueAndGradient(v[0], g),
          v -> new double[] {2 * 2.5 * v[0] + Math.sqrt(2.0)}, new double[] {x});
    }
  }

  @Test
  void constantsOfAnotherClassAndByStaticImport() {
    for (double x : POINTS) {
      assertAllModes("OFFSET·x + COUNT·x² + NON_CONSTANT·x", v -> ConstantUse.otherClass(v[0]),
          (v, d) -> ConstantUseGradient.otherClassJvp(v[0], d[0]),
          v -> ConstantUseGradient.otherClassGradient(v[0]),
          (v, g) -> ConstantUseGradient.otherClassValueAndGradient(v[0], g),
          v -> new double[] {0.25 + 2 * 3 * v[0] + Math.sqrt(2.0) * 1.5}, new double[] {x});
    }
  }

  @Test
  void privateCompileTimeConstantsAreInlinedExactly() {
    for (double x : POINTS) {
      assertAllModes("private constants", v -> ConstantUse.privateConstants(v[0]),
          (v, d) -> ConstantUseGradient.privateConstantsJvp(v[0], d[0]),
          v -> ConstantUseGradient.privateConstantsGradient(v[0]),
          (v, g) -> ConstantUseGradient.privateConstantsValueAndGradient(v[0], g),
          // 0.75 + 2·2x + (3L / 2 = 1) + 1.5 + 3·(1/3)·x² + 1
          v -> new double[] {0.75 + 4 * v[0] + 1 + 1.5 + 3 * (1.0 / 3.0) * v[0] * v[0] + 1},
          new double[] {x});
    }
  }

  @Test
  void mathPiAndE() {
    for (double x : POINTS) {
      assertAllModes("PI·x + E·x² + sin(PI·x / E)", v -> ConstantUse.mathConstants(v[0]),
          (v, d) -> ConstantUseGradient.mathConstantsJvp(v[0], d[0]),
          v -> ConstantUseGradient.mathConstantsGradient(v[0]),
          (v, g) -> ConstantUseGradient.mathConstantsValueAndGradient(v[0], g),
          v -> new double[] {
              3.141592653589793 + 2 * 2.718281828459045 * v[0]
                  + Math.cos(3.141592653589793 * v[0] / 2.718281828459045)
                      * 3.141592653589793 / 2.718281828459045},
          new double[] {x});
    }
  }

  @Test
  void staticImportOfEverythingInMath() {
    double[][] points = {{1.2, 0.4}, {-0.5, 0.9}, {2.0, -1.5}, {0.3, 1.1}, {-1.7, -2.2}};
    for (double[] point : points) {
      assertAllModes("import static java.lang.Math.*",
          v -> StaticMathImports.everything(v[0], v[1]),
          (v, d) -> StaticMathImportsGradient.everythingJvp(v[0], d[0], v[1], d[1]),
          v -> StaticMathImportsGradient.everythingGradient(v[0], v[1]),
          (v, g) -> StaticMathImportsGradient.everythingValueAndGradient(v[0], v[1], g),
          v -> {
            double x = v[0];
            double y = v[1];
            double h = Math.sqrt(x * x + y * y);
            double r2 = x * x + y * y;
            double minSign = Math.min(x, y) < 0 ? -1 : 1;
            double dSqrt = x * x > 0.5 ? x / Math.abs(x) : 0;
            double sech2 = 1 / (Math.cosh(y) * Math.cosh(y));
            return new double[] {
                Math.cos(x) * Math.exp(-y) + 2 * x * h + x * x * x / h + Math.PI
                    + (x < y ? minSign : 0) + dSqrt - y / r2 + 2 * x / (1 + x * x)
                    + Math.tanh(y) / (3 * Math.pow(x * x, 1.0 / 3)),
                -Math.sin(x) * Math.exp(-y) + x * x * y / h + Math.E + (y < x ? minSign : 0)
                    + x / r2 + sech2 * Math.cbrt(x)};
          },
          point);
    }
  }

  @Test
  void singleStaticImportsIncludingStrictMath() {
    for (double x = -3; x <= 3; x += 0.37) {
      assertAllModes("cos(PI·x)·StrictMath.exp(x)", v -> SingleStaticImports.singles(v[0]),
          (v, d) -> SingleStaticImportsGradient.singlesJvp(v[0], d[0]),
          v -> SingleStaticImportsGradient.singlesGradient(v[0]),
          (v, g) -> SingleStaticImportsGradient.singlesValueAndGradient(v[0], g),
          v -> new double[] {
              (Math.cos(Math.PI * v[0]) - Math.PI * Math.sin(Math.PI * v[0]))
                  * StrictMath.exp(v[0])},
          new double[] {x});
    }
  }
}
