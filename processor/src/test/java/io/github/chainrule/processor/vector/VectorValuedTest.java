package io.github.chainrule.processor.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Methods returning double[]: fJacobian against central differences and closed forms, fJvp and
 * fVjp against each other (w · J d = (Jᵀ w) · d), both Jacobian strategies (tall and wide), and
 * the cotangent's length check.
 */
class VectorValuedTest {

  private static final double[] CAMERA = {0.1, -0.2, 0.3, 0.5, -0.1, 4.0, 800.0, -0.05, 0.01};
  private static final double[] POINT = {0.2, 0.4, 1.0};

  private static double[] project(double[] x) {
    return Reprojection.project(Arrays.copyOf(x, 9), Arrays.copyOfRange(x, 9, 12));
  }

  @Test
  void reprojectionJacobianAgainstCentralDifferences() {
    for (double[] camera : new double[][] {CAMERA, {0, 0, 0, 0.5, -0.1, 4.0, 800, -0.05, 0.01},
        {1.2, 0.4, -0.9, -0.3, 0.2, 6.0, 500, 0.02, -0.001}}) {
      double[][] jacobian = ReprojectionGradient.projectJacobian(camera, POINT);
      assertEquals(2, jacobian.length);
      assertEquals(12, jacobian[0].length);
      double[] x = new double[12];
      System.arraycopy(camera, 0, x, 0, 9);
      System.arraycopy(POINT, 0, x, 9, 3);
      for (int j = 0; j < 12; j++) {
        // The zero rotation is a branch of its own: differences must not cross into the other.
        if (camera[0] == 0 && j < 3) {
          continue;
        }
        double h = 1e-6 * Math.max(1, Math.abs(x[j]));
        double[] plus = x.clone();
        double[] minus = x.clone();
        plus[j] += h;
        minus[j] -= h;
        double[] fp = project(plus);
        double[] fm = project(minus);
        for (int i = 0; i < 2; i++) {
          double fd = (fp[i] - fm[i]) / (2 * h);
          assertEquals(fd, jacobian[i][j], 1e-6 * Math.max(1, Math.abs(fd)),
              "J[" + i + "][" + j + "] at camera " + Arrays.toString(camera));
        }
      }
    }
  }

  @Test
  void forwardAndReverseProductsAgree() {
    Random random = new Random(5);
    for (int trial = 0; trial < 5; trial++) {
      double[] dc = random.doubles(9, -1, 1).toArray();
      double[] dp = random.doubles(3, -1, 1).toArray();
      double[] w = random.doubles(2, -1, 1).toArray();
      double[] jd = ReprojectionGradient.projectJvp(CAMERA, dc, POINT, dp);
      double[] jtw = ReprojectionGradient.projectVjp(CAMERA, POINT, w);
      double left = w[0] * jd[0] + w[1] * jd[1];
      double right = 0;
      for (int i = 0; i < 9; i++) {
        right += jtw[i] * dc[i];
      }
      for (int i = 0; i < 3; i++) {
        right += jtw[9 + i] * dp[i];
      }
      assertEquals(left, right, 1e-10 * Math.max(1, Math.abs(left)));
    }
  }

  @Test
  void polarJacobianIsTheClosedForm() {
    double r = 1.7;
    double phi = 0.6;
    double[][] expected = {{Math.cos(phi), -r * Math.sin(phi)}, {Math.sin(phi), r * Math.cos(phi)}};
    double[][] actual = ReprojectionGradient.polarJacobian(r, phi);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(expected[i][j], actual[i][j], 1e-15, "J[" + i + "][" + j + "]");
      }
    }
    assertEquals(-r * Math.sin(phi) * 2, ReprojectionGradient.polarJvp(r, 0, phi, 2)[0], 1e-15);
  }

  @Test
  void wideMapUsesReversePasses() {
    double[] x = {0.5, -1.0, 2.0, 0.25, -0.75};
    double[][] jacobian = ReprojectionGradient.sumOfSquaresJacobian(x);
    assertEquals(1, jacobian.length);
    for (int j = 0; j < x.length; j++) {
      assertEquals(2 * x[j], jacobian[0][j], 0, "d(Σx²)/dx" + j);
    }
  }

  @Test
  void cotangentOfTheWrongLengthIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReprojectionGradient.projectVjp(CAMERA, POINT, new double[3]));
    assertEquals(true, e.getMessage().startsWith("cotangent has length 3"), e.getMessage());
    NullPointerException npe = assertThrows(NullPointerException.class,
        () -> ReprojectionGradient.projectVjp(CAMERA, POINT, null));
    assertEquals("cotangent is null", npe.getMessage());
  }
}
