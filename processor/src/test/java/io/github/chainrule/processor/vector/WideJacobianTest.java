package io.github.chainrule.processor.vector;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.chainrule.processor.ChainruleProcessor;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * fJacobian of wide maps (n > m), built row by row. Each row must be exactly what fVjp gives for
 * that output's unit cotangent (the same arithmetic, whether the row reran the forward sweep or
 * not), and every entry must agree with central differences and with fJvp's columns. The
 * fixtures cover the reverse sweeps that run again after one forward sweep (loop-free, restores
 * of a variable and of an array element, loops counted back down, a call) and those that pop tapes
 * and so keep a whole fVjp per row.
 */
class WideJacobianTest {

  /** A fixture as a map of its flattened active inputs, with its generated entries. */
  private record Case(String name, Function<double[], double[]> value,
      Function<double[], double[][]> jacobian, BiFunction<double[], double[], double[]> vjp,
      BiFunction<double[], double[], double[]> jvp) {

    void check(double[] x, boolean differencesCrossABranch) {
      double[][] jacobian = jacobian().apply(x);
      int m = value().apply(x).length;
      assertEquals(m, jacobian.length, name + ": rows");
      for (int i = 0; i < m; i++) {
        assertEquals(x.length, jacobian[i].length, name + ": columns of row " + i);
        double[] unit = new double[m];
        unit[i] = 1;
        assertArrayEquals(vjp().apply(x, unit), jacobian[i],
            name + ": row " + i + " against fVjp at " + Arrays.toString(x));
      }
      for (int j = 0; j < x.length; j++) {
        double[] direction = new double[x.length];
        direction[j] = 1;
        double[] column = jvp().apply(x, direction);
        double h = 1e-6 * Math.max(1, Math.abs(x[j]));
        double[] plus = x.clone();
        double[] minus = x.clone();
        plus[j] += h;
        minus[j] -= h;
        double[] fp = value().apply(plus);
        double[] fm = value().apply(minus);
        for (int i = 0; i < m; i++) {
          String entry = name + ": J[" + i + "][" + j + "] at " + Arrays.toString(x);
          assertEquals(column[i], jacobian[i][j], 1e-12 * Math.max(1, Math.abs(column[i])),
              entry + " against fJvp");
          if (!differencesCrossABranch) {
            double fd = (fp[i] - fm[i]) / (plus[j] - minus[j]);
            assertEquals(fd, jacobian[i][j], 1e-6 * Math.max(1, Math.abs(fd)),
                entry + " against central differences");
          }
        }
      }
    }

    void check(double[] x) {
      check(x, false);
    }
  }

  private static double[] slice(double[] x, int from, int to) {
    return Arrays.copyOfRange(x, from, to);
  }

  /** Three scalar inputs. */
  private interface Scalar3<T> {
    T at(double x, double y, double z);
  }

  private interface Scalar3Vjp {
    double[] at(double x, double y, double z, double[] cotangent);
  }

  private interface Scalar3Jvp {
    double[] at(double x, double dx, double y, double dy, double z, double dz);
  }

  private static Case scalars(String name, Scalar3<double[]> f, Scalar3<double[][]> jacobian,
      Scalar3Vjp vjp, Scalar3Jvp jvp) {
    return new Case(name, x -> f.at(x[0], x[1], x[2]), x -> jacobian.at(x[0], x[1], x[2]),
        (x, w) -> vjp.at(x[0], x[1], x[2], w),
        (x, d) -> jvp.at(x[0], d[0], x[1], d[1], x[2], d[2]));
  }

  // The camera: Rodrigues rotation (3), centre (3), focal length, principal point (2), κ₁, κ₂.
  private static final double FEAT_X = 0.3;
  private static final double FEAT_Y = -0.2;

  private static final Case REPROJECTION = new Case("reprojectionError",
      x -> Wide.reprojectionError(slice(x, 0, 11), slice(x, 11, 14), x[14], FEAT_X, FEAT_Y),
      x -> WideGradient.reprojectionErrorJacobian(slice(x, 0, 11), slice(x, 11, 14), x[14],
          FEAT_X, FEAT_Y),
      (x, w) -> WideGradient.reprojectionErrorVjp(slice(x, 0, 11), slice(x, 11, 14), x[14],
          FEAT_X, FEAT_Y, w),
      (x, d) -> WideGradient.reprojectionErrorJvp(slice(x, 0, 11), slice(d, 0, 11),
          slice(x, 11, 14), slice(d, 11, 14), x[14], d[14], FEAT_X, FEAT_Y));

  @Test
  void bundleAdjustmentResidual() {
    REPROJECTION.check(new double[] {0.1, -0.2, 0.3, 0.5, -0.1, -4.0, 1.5, 0.1, 0.2, -0.05, 0.01,
        0.2, 0.4, 1.0, 0.8});
    REPROJECTION.check(new double[] {1.2, 0.4, -0.9, -0.3, 0.2, -6.0, 2.0, -0.3, 0.1, 0.02,
        -0.001, -0.7, 0.3, 0.5, 1.3});
  }

  @Test
  void bundleAdjustmentResidualAtTheZeroRotation() {
    // A difference in the rotation leaves the zero-angle branch: only the modes are compared.
    REPROJECTION.check(new double[] {0, 0, 0, 0.5, -0.1, -4.0, 1.5, 0.1, 0.2, -0.05, 0.01,
        0.2, 0.4, 1.0, 0.8}, true);
  }

  @Test
  void bundleAdjustmentJacobianIsTheClosedFormOfTheLinearPart() {
    // ∂err/∂(principal point) = w·I and ∂err/∂w = err/w, whatever the rest of the camera.
    double[] cam = {0.1, -0.2, 0.3, 0.5, -0.1, -4.0, 1.5, 0.1, 0.2, -0.05, 0.01};
    double[] pt = {0.2, 0.4, 1.0};
    double w = 0.8;
    double[][] jacobian = WideGradient.reprojectionErrorJacobian(cam, pt, w, FEAT_X, FEAT_Y);
    double[] err = Wide.reprojectionError(cam, pt, w, FEAT_X, FEAT_Y);
    assertEquals(w, jacobian[0][7], 0);
    assertEquals(0, jacobian[0][8], 0);
    assertEquals(0, jacobian[1][7], 0);
    assertEquals(w, jacobian[1][8], 0);
    assertEquals(err[0] / w, jacobian[0][14], 1e-15);
    assertEquals(err[1] / w, jacobian[1][14], 1e-15);
  }

  @Test
  void aRestoredVariable() {
    Case c = scalars("overwritten", Wide::overwritten, WideGradient::overwrittenJacobian,
        WideGradient::overwrittenVjp, WideGradient::overwrittenJvp);
    c.check(new double[] {0.7, 1.3, -0.4});
    c.check(new double[] {1.1, -0.6, 2.0});
  }

  @Test
  void aRestoredArrayElement() {
    Case c = scalars("overwrittenElement", Wide::overwrittenElement,
        WideGradient::overwrittenElementJacobian, WideGradient::overwrittenElementVjp,
        WideGradient::overwrittenElementJvp);
    c.check(new double[] {0.7, 1.3, -0.4});
    c.check(new double[] {-1.2, 0.5, 0.9});
  }

  @Test
  void aLoopCountedBackDown() {
    Case c = new Case("series",
        x -> Wide.series(slice(x, 0, x.length - 1), x[x.length - 1]),
        x -> WideGradient.seriesJacobian(slice(x, 0, x.length - 1), x[x.length - 1]),
        (x, w) -> WideGradient.seriesVjp(slice(x, 0, x.length - 1), x[x.length - 1], w),
        (x, d) -> WideGradient.seriesJvp(slice(x, 0, x.length - 1), slice(d, 0, d.length - 1),
            x[x.length - 1], d[d.length - 1]));
    c.check(new double[] {0.3, -0.7, 1.1, 0.4, 0.8});
    c.check(new double[] {2.0, 0.5, -1.5});
  }

  @Test
  void aCall() {
    Case c = scalars("scaledPolar", Wide::scaledPolar, WideGradient::scaledPolarJacobian,
        WideGradient::scaledPolarVjp, WideGradient::scaledPolarJvp);
    c.check(new double[] {0.6, -0.8, 1.5});
    c.check(new double[] {-1.0, 0.3, 0.7});
  }

  @Test
  void aWhileLoopWithoutTapes() {
    Case c = scalars("halvings", Wide::halvings, WideGradient::halvingsJacobian,
        WideGradient::halvingsVjp, WideGradient::halvingsJvp);
    c.check(new double[] {1.2, 0.9, -1.4});
    c.check(new double[] {0.3, 0.2, 0.1});
  }

  @Test
  void loopsThatTapeKeepAnFvjpPerRow() {
    Case shrinking = scalars("shrinking", Wide::shrinking, WideGradient::shrinkingJacobian,
        WideGradient::shrinkingVjp, WideGradient::shrinkingJvp);
    shrinking.check(new double[] {0.4, -0.8, 1.1});
    shrinking.check(new double[] {1.5, 0.2, -0.6});
    Case taped = new Case("taped", Wide::taped, WideGradient::tapedJacobian,
        WideGradient::tapedVjp, WideGradient::tapedJvp);
    taped.check(new double[] {0.3, -0.5, 0.8, 0.2});
  }

  @Test
  void namesLikeTheJacobiansOwn() {
    Case c = new Case("clashingNames",
        x -> Wide.clashingNames(slice(x, 0, 3), x[3], x[4], 2, 3),
        x -> WideGradient.clashingNamesJacobian(slice(x, 0, 3), x[3], x[4], 2, 3),
        (x, w) -> WideGradient.clashingNamesVjp(slice(x, 0, 3), x[3], x[4], 2, 3, w),
        (x, d) -> WideGradient.clashingNamesJvp(slice(x, 0, 3), slice(d, 0, 3), x[3], d[3],
            x[4], d[4], 2, 3));
    c.check(new double[] {0.3, -0.5, 0.8, 0.6, -0.4});
  }

  @Test
  void aNullArrayIsNamed() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> WideGradient.reprojectionErrorJacobian(null, new double[3], 1, 0, 0));
    assertEquals("cam is null", e.getMessage());
    e = assertThrows(NullPointerException.class,
        () -> WideGradient.seriesJacobian(null, 1));
    assertEquals("c is null", e.getMessage());
  }

  @Test
  void theRowsRunTheForwardSweepOnceUnlessTheReverseSweepPopsTapes() throws IOException {
    Compilation compilation = Compiler.javac().withProcessors(new ChainruleProcessor())
        .compile(JavaFileObjects.forSourceString("p.Model", """
            package p;

            import io.github.chainrule.Differentiable;

            class Model {
              @Differentiable
              static double[] loopFree(double x, double y, double z) {
                double s = Math.sin(x * y);
                double[] out = {s * z, s / z};
                return out;
              }

              @Differentiable
              static double[] taped(double[] x) {
                double s = 1;
                for (int i = 0; i < x.length; i++) {
                  s = Math.sin(s * x[i]);
                }
                double[] out = {s, s * x[0]};
                return out;
              }
            }
            """));
    assertThat(compilation).succeeded();
    String generated = compilation.generatedSourceFile("p.ModelGradient").orElseThrow()
        .getCharContent(true).toString();

    String loopFree = body(generated, "loopFreeJacobian");
    // The forward sweep once, in the method itself; no call of the method or of fVjp.
    assertThat(loopFree).doesNotContain("Model.loopFree(");
    assertThat(loopFree).doesNotContain("Vjp(");
    String code = loopFree.replaceAll("// line .*", "");
    assertThat(code.split("Math\\.sin\\(", -1)).hasLength(2);
    assertThat(loopFree).contains("for (int row = 0; row < m; row++) {");
    assertThat(loopFree).contains("double[] gradient = jacobian[row];");

    String taped = body(generated, "tapedJacobian");
    assertThat(taped).contains("Model.taped(x)");
    assertThat(taped).contains("jacobian[i] = tapedVjp(x, unit);");
  }

  /** The text of a generated method, from its name to its closing brace. */
  private static String body(String source, String method) {
    int start = source.indexOf(" " + method + "(");
    assertThat(start).isAtLeast(0);
    return source.substring(start, source.indexOf("\n    }\n", start));
  }
}
