package io.github.chainrule.example;

import static java.lang.Math.cos;
import static java.lang.Math.sin;

import io.github.chainrule.Differentiable;

/**
 * A vector-valued function: spherical coordinates (r, θ, φ) to Cartesian (x, y, z), with θ the
 * polar angle from the z axis and φ the azimuth.
 *
 * <p>For a method returning {@code double[]}, Chainrule generates {@code toCartesianJvp} (forward
 * mode: J·d, how the point moves for a small change d of the coordinates), {@code toCartesianVjp}
 * (reverse mode: wᵀJ, how a function of the point changes with the coordinates) and
 * {@code toCartesianJacobian} (the whole 3 × 3 matrix J).
 */
public final class SphericalCoordinates {

  private SphericalCoordinates() {}

  /** (r, θ, φ) ↦ (r sin θ cos φ, r sin θ sin φ, r cos θ). */
  @Differentiable
  public static double[] toCartesian(double r, double theta, double phi) {
    double[] point = new double[3];
    point[0] = r * sin(theta) * cos(phi);
    point[1] = r * sin(theta) * sin(phi);
    point[2] = r * cos(theta);
    return point;
  }

  /**
   * The Jacobian worked out by hand, to check the generated one against: row i is the gradient
   * of coordinate i, columns ∂/∂r, ∂/∂θ, ∂/∂φ.
   */
  public static double[][] jacobianByHand(double r, double theta, double phi) {
    return new double[][] {
        {sin(theta) * cos(phi), r * cos(theta) * cos(phi), -r * sin(theta) * sin(phi)},
        {sin(theta) * sin(phi), r * cos(theta) * sin(phi), r * sin(theta) * cos(phi)},
        {cos(theta), -r * sin(theta), 0}};
  }
}
