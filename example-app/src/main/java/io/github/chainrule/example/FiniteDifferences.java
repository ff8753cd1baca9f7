package io.github.chainrule.example;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Central finite differences: the independent reference each demo checks its generated
 * derivatives against. They cost two function calls per input and are accurate to about 1e-10
 * at best (truncation error against rounding error), which is exactly why Chainrule exists; as a
 * check they are ideal, because they share no code with the derivative they check.
 */
public final class FiniteDifferences {

  private FiniteDifferences() {}

  /**
   * The step relative to |x| that balances truncation and rounding error: ∛ε. Relative, so that
   * a parameter of size 2e-5 (as in NIST's Kirby2 model) is not moved by a step of size 6e-6.
   */
  private static final double RELATIVE_STEP = Math.cbrt(Math.ulp(1.0));

  /** The gradient of {@code f} at {@code x}, one central difference per coordinate. */
  public static double[] gradient(ToDoubleFunction<double[]> f, double... x) {
    double[] gradient = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double h = RELATIVE_STEP * (x[i] == 0 ? 1 : Math.abs(x[i]));
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[i] += h;
      minus[i] -= h;
      // Divide by the step actually taken, after rounding x ± h.
      gradient[i] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (plus[i] - minus[i]);
    }
    return gradient;
  }

  /**
   * The Jacobian of the vector function {@code f} at {@code x}, one central difference per
   * coordinate: row i holds the derivatives of output i. With {@code f} a generated gradient,
   * this is the Hessian.
   */
  public static double[][] jacobian(Function<double[], double[]> f, double... x) {
    double[][] columns = new double[x.length][];
    for (int j = 0; j < x.length; j++) {
      double h = RELATIVE_STEP * (x[j] == 0 ? 1 : Math.abs(x[j]));
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[j] += h;
      minus[j] -= h;
      double[] up = f.apply(plus);
      double[] down = f.apply(minus);
      columns[j] = new double[up.length];
      for (int i = 0; i < up.length; i++) {
        columns[j][i] = (up[i] - down[i]) / (plus[j] - minus[j]);
      }
    }
    double[][] jacobian = new double[columns[0].length][x.length];
    for (int i = 0; i < jacobian.length; i++) {
      for (int j = 0; j < x.length; j++) {
        jacobian[i][j] = columns[j][i];
      }
    }
    return jacobian;
  }
}
