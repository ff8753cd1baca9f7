package io.github.chainrule.benchmarks;

import io.github.chainrule.Differentiable;

/**
 * ADBench bundle adjustment: the reprojection error of one observation. Camera (11 numbers, as in
 * ADBench): Rodrigues rotation (3), centre (3), focal length (1), principal point (2), radial
 * distortion κ₁, κ₂ (2). The point has 3 coordinates, the observation a weight w and the feature
 * (featX, featY). err = w · (project(cam, X) − feat). ADBench computes the sparse Jacobian one
 * observation at a time (2 × 15 blocks); so does {@code reprojectionErrorJacobian}.
 */
public final class Ba {

  private Ba() {}

  @Differentiable(wrt = {"cam", "pt", "w"})
  public static double[] reprojectionError(double[] cam, double[] pt, double w, double featX,
      double featY) {
    double x0 = pt[0] - cam[3];
    double x1 = pt[1] - cam[4];
    double x2 = pt[2] - cam[5];
    double r0 = cam[0];
    double r1 = cam[1];
    double r2 = cam[2];
    double sqtheta = r0 * r0 + r1 * r1 + r2 * r2;
    double y0;
    double y1;
    double y2;
    if (sqtheta != 0) {
      double theta = Math.sqrt(sqtheta);
      double c = Math.cos(theta);
      double s = Math.sin(theta);
      double w0 = r0 / theta;
      double w1 = r1 / theta;
      double w2 = r2 / theta;
      double tmp = (w0 * x0 + w1 * x1 + w2 * x2) * (1 - c);
      y0 = x0 * c + (w1 * x2 - w2 * x1) * s + w0 * tmp;
      y1 = x1 * c + (w2 * x0 - w0 * x2) * s + w1 * tmp;
      y2 = x2 * c + (w0 * x1 - w1 * x0) * s + w2 * tmp;
    } else {
      y0 = x0 + (r1 * x2 - r2 * x1);
      y1 = x1 + (r2 * x0 - r0 * x2);
      y2 = x2 + (r0 * x1 - r1 * x0);
    }
    double p0 = y0 / y2;
    double p1 = y1 / y2;
    double rsq = p0 * p0 + p1 * p1;
    double l = 1 + cam[9] * rsq + cam[10] * rsq * rsq;
    double[] err = new double[2];
    err[0] = w * (p0 * l * cam[6] + cam[7] - featX);
    err[1] = w * (p1 * l * cam[6] + cam[8] - featY);
    return err;
  }
}
