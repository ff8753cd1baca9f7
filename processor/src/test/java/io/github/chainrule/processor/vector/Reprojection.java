package io.github.chainrule.processor.vector;

import io.github.chainrule.Differentiable;

/** Vector-valued fixtures: a bundle-adjustment reprojection and small maps with known Jacobians. */
final class Reprojection {

  private Reprojection() {}

  /**
   * Projects a 3-D point: Rodrigues rotation by the axis-angle vector w, translation t, pinhole
   * projection with focal length f, and radial distortion (k1, k2). Returns the 2-D image point.
   */
  @Differentiable(wrt = {"camera", "point"})
  static double[] project(double[] camera, double[] point) {
    double w0 = camera[0];
    double w1 = camera[1];
    double w2 = camera[2];
    double theta = Math.sqrt(w0 * w0 + w1 * w1 + w2 * w2);
    double[] p = new double[3];
    if (theta > 1e-12) {
      double c = Math.cos(theta);
      double s = Math.sin(theta);
      double kx = w0 / theta;
      double ky = w1 / theta;
      double kz = w2 / theta;
      double dot = kx * point[0] + ky * point[1] + kz * point[2];
      p[0] = point[0] * c + (ky * point[2] - kz * point[1]) * s + kx * dot * (1 - c);
      p[1] = point[1] * c + (kz * point[0] - kx * point[2]) * s + ky * dot * (1 - c);
      p[2] = point[2] * c + (kx * point[1] - ky * point[0]) * s + kz * dot * (1 - c);
    } else {
      p[0] = point[0] + w1 * point[2] - w2 * point[1];
      p[1] = point[1] + w2 * point[0] - w0 * point[2];
      p[2] = point[2] + w0 * point[1] - w1 * point[0];
    }
    for (int i = 0; i < 3; i++) {
      p[i] += camera[3 + i];
    }
    double u = p[0] / p[2];
    double v = p[1] / p[2];
    double r2 = u * u + v * v;
    double distortion = 1 + camera[7] * r2 + camera[8] * r2 * r2;
    double[] image = {camera[6] * distortion * u, camera[6] * distortion * v};
    return image;
  }

  /** Polar to Cartesian: (r, φ) ↦ (r cos φ, r sin φ), with Jacobian [[cos, −r sin], [sin, r cos]]. */
  @Differentiable
  static double[] polar(double r, double phi) {
    double[] xy = new double[2];
    xy[0] = r * Math.cos(phi);
    xy[1] = r * Math.sin(phi);
    return xy;
  }

  /** A wide map (m = 1 < n = 5): the reverse passes are used. */
  @Differentiable
  static double[] sumOfSquares(double[] x) {
    double[] out = new double[1];
    for (double v : x) {
      out[0] += v * v;
    }
    return out;
  }
}
