package io.github.chainrule.processor.vector;

import io.github.chainrule.Differentiable;

/**
 * Vector-valued fixtures with more inputs than outputs, so that {@code fJacobian} goes row by row:
 * shapes whose reverse sweep can run again after one forward sweep (loop-free code, a restored
 * variable or array element, a loop counted back down, a call), and shapes whose reverse sweep
 * pops tapes, where each row is a whole {@code fVjp}.
 */
final class Wide {

  private Wide() {}

  /**
   * ADBench's bundle-adjustment residual: Rodrigues rotation (with its own branch for the zero
   * angle), pinhole projection, radial distortion, weighted difference to the feature. m = 2,
   * n = 11 + 3 + 1.
   */
  @Differentiable(wrt = {"cam", "pt", "w"})
  static double[] reprojectionError(double[] cam, double[] pt, double w, double featX,
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

  /** s is overwritten after t's derivative read it: the reverse sweep puts the old s back. */
  @Differentiable
  static double[] overwritten(double x, double y, double z) {
    double s = x * y;
    double t = s * z;
    s = Math.sin(s) / t;
    double[] out = new double[2];
    out[0] = s * t + z;
    out[1] = Math.sqrt(s * s + t * t);
    return out;
  }

  /** The same with an array element: the reverse sweep puts p[0] back. */
  @Differentiable
  static double[] overwrittenElement(double x, double y, double z) {
    double[] p = new double[2];
    p[0] = x * y;
    p[1] = p[0] * z;
    p[0] = Math.cos(p[0]) * p[1];
    double[] out = {p[0] + p[1], p[0] * x};
    return out;
  }

  /** A counted loop: its reverse counts the index back down from where the forward sweep left it. */
  @Differentiable
  static double[] series(double[] c, double x) {
    double[] out = new double[2];
    for (int i = 0; i < c.length; i++) {
      double a = c[i] * Math.sin(i * x);
      out[0] += a;
      out[1] += a * c[i] / (1 + x * x);
    }
    return out;
  }

  @Differentiable
  static double radius(double x, double y) {
    return Math.sqrt(x * x + y * y);
  }

  /** A call: the callee's pullback writes into an array of its own, which each row needs anew. */
  @Differentiable
  static double[] scaledPolar(double x, double y, double z) {
    double r = radius(x, y);
    double[] out = {r * z, Math.atan2(y, x) * z};
    return out;
  }

  /** Overwrites s in a loop where its old value is needed: a tape, so each row is an fVjp. */
  @Differentiable
  static double[] taped(double[] x) {
    double s = 1;
    for (int i = 0; i < x.length; i++) {
      s = Math.sin(s * x[i]) + s;
    }
    double[] out = {s, s * x[0]};
    return out;
  }

  /**
   * A while loop whose reverse needs no old values: it counts its trips and runs them backwards,
   * from a forward sweep it does not change.
   */
  @Differentiable
  static double[] halvings(double x, double y, double z) {
    double s = x * x + y * y + z * z;
    double scale = 1;
    while (s > 1) {
      s = s / 2;
      scale = scale * 0.5 + y * 0.01;
    }
    double[] out = {s * scale, scale * z};
    return out;
  }

  /** A while loop that overwrites s while its old value is needed: a tape, each row an fVjp. */
  @Differentiable
  static double[] shrinking(double x, double y, double z) {
    double s = x * x + y * y + z * z + 2;
    while (s > 1.5) {
      s = Math.sqrt(s) * 0.9 + z * 0.01;
    }
    double[] out = {s * y, s + x};
    return out;
  }

  /** Parameters and locals named like the locals fJacobian declares: they keep their names. */
  @Differentiable(wrt = {"jacobian", "cotangent", "gradient"})
  static double[] clashingNames(double[] jacobian, double cotangent, double gradient, int n,
      int unit) {
    int m = n + unit;
    double row = cotangent * gradient;
    double[] value = new double[2];
    for (int i = 0; i < m; i++) {
      value[0] += jacobian[i % jacobian.length] * row;
    }
    value[1] = Math.exp(row) * jacobian[0];
    return value;
  }
}
