package io.github.chainrule.example;

import static java.lang.Math.abs;
import static java.lang.Math.max;
import static java.lang.Math.signum;
import static java.lang.Math.sin;

import io.github.chainrule.Differentiable;

/**
 * Kepler's equation E − e·sin E = M: where on its orbit is a planet (or a comet) at a given time?
 * M, the mean anomaly, grows uniformly with time; E, the eccentric anomaly, gives the position.
 * There is no closed form for E, so {@link #solve} finds it with Newton's method, taking the
 * derivative Newton needs from the generated forward mode.
 */
public final class Kepler {

  private Kepler() {}

  /** Newton stops when a step changes E by less than this, relative to max(1, |E|). */
  private static final double STEP_TOLERANCE = 1e-15;

  private static final int MAX_ITERATIONS = 50;

  /**
   * The residual g(E, e, M) = E − e·sin E − M of Kepler's equation; zero at the solution.
   * Chainrule generates {@code KeplerGradient.residualJvp} and {@code residualGradient} for it.
   */
  @Differentiable
  public static double residual(double eccentricAnomaly, double eccentricity,
      double meanAnomaly) {
    return eccentricAnomaly - eccentricity * sin(eccentricAnomaly) - meanAnomaly;
  }

  /** What {@link #solve} found: the eccentric anomaly and the Newton steps it took. */
  public record Solution(double eccentricAnomaly, int iterations) {}

  /**
   * Solves Kepler's equation for E by Newton's method, E ← E − g(E)/g'(E), for an eccentricity
   * in [0, 1). The derivative g'(E) = ∂g/∂E is the forward-mode derivative along the direction
   * (dE, de, dM) = (1, 0, 0).
   */
  public static Solution solve(double eccentricity, double meanAnomaly) {
    if (!(eccentricity >= 0 && eccentricity < 1)) {
      throw new IllegalArgumentException("eccentricity must be in [0, 1): " + eccentricity);
    }
    // Danby's starting value, from which Newton converges quickly for every eccentricity below 1.
    double anomaly = meanAnomaly + 0.85 * eccentricity * signum(sin(meanAnomaly));
    for (int i = 1; i <= MAX_ITERATIONS; i++) {
      double g = residual(anomaly, eccentricity, meanAnomaly);
      // ∂g/∂E: forward mode along (dE, de, dM) = (1, 0, 0).
      double slope =
          KeplerGradient.residualJvp(anomaly, 1.0, eccentricity, 0.0, meanAnomaly, 0.0);
      double step = g / slope;
      anomaly -= step;
      if (abs(step) <= STEP_TOLERANCE * max(1, abs(anomaly))) {
        return new Solution(anomaly, i);
      }
    }
    throw new ArithmeticException("Newton's method did not converge for e = " + eccentricity
        + ", M = " + meanAnomaly);
  }

  /**
   * How the solution moves with the inputs, by the implicit function theorem: along the curve
   * g(E(e, M), e, M) = 0, ∂E/∂e = −g_e / g_E and ∂E/∂M = −g_M / g_E. One reverse sweep of the
   * residual gives all of g_E, g_e and g_M at once.
   *
   * @return {∂E/∂e, ∂E/∂M} at the solution E
   */
  public static double[] sensitivities(double eccentricAnomaly, double eccentricity,
      double meanAnomaly) {
    double[] g = KeplerGradient.residualGradient(eccentricAnomaly, eccentricity, meanAnomaly);
    return new double[] {-g[1] / g[0], -g[2] / g[0]};
  }
}
