package io.github.chainrule.example;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Chainrule's example app: three problems whose derivatives the annotation processor generated
 * when this module was compiled, each printed next to an independent check (a closed form, or
 * central finite differences). Exits with status 1 if any check fails.
 *
 * <p>Run it with {@code mvn -B -DskipTests -Pexample install} from the repository root.
 *
 * <p>The generated classes ({@code SeedPolynomialGradient}, {@code BlackScholesGradient},
 * {@code KeplerGradient}) are ordinary Java source: find them in
 * {@code example-app/target/generated-sources/annotations/}.
 */
public final class ExampleApp {

  private ExampleApp() {}

  /**
   * Tolerance for generated derivatives against central finite differences, which are themselves
   * only good to about 1e-10.
   */
  static final double FINITE_DIFFERENCE_TOLERANCE = 1e-6;

  public static void main(String[] args) {
    int status = run(System.out);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs every demo and prints the results; returns 0 if every check passed, else 1. */
  public static int run(PrintStream out) {
    out.println("Chainrule example app: derivatives generated at compile time, and their checks");
    Checks checks = new Checks(out);
    seedPolynomial(checks);
    blackScholes(checks);
    kepler(checks);
    out.println();
    if (checks.failures().isEmpty()) {
      out.println("All " + checks.count() + " checks passed.");
      return 0;
    }
    out.println(checks.failures().size() + " of " + checks.count() + " checks FAILED:");
    checks.failures().forEach(f -> out.println("   " + f));
    return 1;
  }

  /** f(x) = x⁴ + 3x² + 2x at x = 2: f = 32 and f' = 46, in forward and in reverse mode. */
  public static void seedPolynomial(Checks checks) {
    checks.heading("1. The seed polynomial f(x) = x^4 + 3x^2 + 2x at x = 2");
    double x = 2.0;

    // Forward mode: the derivative along the tangent dx = 1.
    double forward = SeedPolynomialGradient.fJvp(x, 1.0);
    // Reverse mode: the gradient, here an array of one entry, ∂f/∂x.
    double[] reverse = SeedPolynomialGradient.fGradient(x);
    // Reverse mode again, with the value of f from the same sweep.
    double[] gradient = new double[1];
    double value = SeedPolynomialGradient.fValueAndGradient(x, gradient);

    checks.compare("f(2)", SeedPolynomial.f(x), 32, 0);
    checks.compare("f(2) from fValueAndGradient", value, 32, 0);
    checks.compare("f'(2) from fJvp", forward, SeedPolynomial.derivativeByHand(x), 0);
    checks.compare("f'(2) from fGradient", reverse[0], SeedPolynomial.derivativeByHand(x), 0);
    checks.compare("f'(2) from fValueAndGradient", gradient[0],
        SeedPolynomial.derivativeByHand(x), 0);

    // Away from x = 2 as well: against the hand-written derivative and finite differences.
    double worst = 0;
    double[] generated = new double[13];
    double[] differences = new double[13];
    for (int i = 0; i < 13; i++) {
      double xi = -3 + 0.5 * i;
      generated[i] = SeedPolynomialGradient.fGradient(xi)[0];
      differences[i] = FiniteDifferences.gradient(p -> SeedPolynomial.f(p[0]), xi)[0];
      worst = Math.max(worst,
          Checks.relativeError(generated[i], SeedPolynomial.derivativeByHand(xi)));
    }
    checks.require("f'(x), x = -3, -2.5, ..., 3", worst <= 1e-14, String.format(
        Locale.ROOT, "max rel. error vs 4x^3 + 6x + 2 %7.1e", worst));
    checks.finiteDifferences("f'(x), x = -3, -2.5, ..., 3", generated, differences,
        FINITE_DIFFERENCE_TOLERANCE);
  }

  /**
   * A European call and its Greeks: one reverse sweep gives delta, vega, rho and ∂C/∂T together;
   * forward mode would need one call per Greek.
   */
  public static void blackScholes(Checks checks) {
    double spot = 100;
    double strike = 100;
    double vol = 0.2;
    double rate = 0.05;
    double time = 1;
    checks.heading(String.format(Locale.ROOT,
        "2. Black-Scholes call: spot %s, strike %s, volatility %s, rate %s, %s year to expiry",
        spot, strike, vol, rate, time));

    double[] greeks = new double[4];
    double price = BlackScholesGradient.callPriceValueAndGradient(spot, strike, vol, rate, time,
        greeks);
    double[] closedForm = BlackScholes.closedFormGreeks(spot, strike, vol, rate, time);

    // The textbook value of this option, from the exact normal CDF.
    checks.compare("price", price, 10.450583572185565, 1e-13);
    // The Greeks from the same reverse sweep, against their closed forms.
    String[] names = {"delta = dC/dS", "vega  = dC/dvol", "rho   = dC/drate", "dC/dT = -theta"};
    for (int i = 0; i < 4; i++) {
      checks.compare(names[i], greeks[i], closedForm[i], 1e-12);
    }
    checks.info("theta (per year) = %.12f", -greeks[3]);

    // Forward mode gives the same numbers, one direction (one Greek) per call.
    double[] byForwardMode = {
        BlackScholesGradient.callPriceJvp(spot, 1, strike, vol, 0, rate, 0, time, 0),
        BlackScholesGradient.callPriceJvp(spot, 0, strike, vol, 1, rate, 0, time, 0),
        BlackScholesGradient.callPriceJvp(spot, 0, strike, vol, 0, rate, 1, time, 0),
        BlackScholesGradient.callPriceJvp(spot, 0, strike, vol, 0, rate, 0, time, 1)};
    double worst = 0;
    for (int i = 0; i < 4; i++) {
      worst = Math.max(worst, Checks.relativeError(byForwardMode[i], greeks[i]));
    }
    checks.require("forward = reverse mode", worst <= 1e-13, String.format(
        Locale.ROOT, "4 calls of callPriceJvp vs 1 of callPriceGradient: max rel."
            + " error %7.1e", worst));

    double[] differences = FiniteDifferences.gradient(
        p -> BlackScholes.callPrice(p[0], strike, p[1], p[2], p[3]), spot, vol, rate, time);
    checks.finiteDifferences("Greeks", greeks, differences, FINITE_DIFFERENCE_TOLERANCE);

    // The normal CDF on its own: its generated derivative is the normal density, to the
    // approximation's absolute accuracy (about 1e-15).
    double worstDensity = 0;
    for (double x = -10; x <= 10; x += 0.25) {
      double derivative = BlackScholesGradient.normalCdfJvp(x, 1.0);
      worstDensity = Math.max(worstDensity, Math.abs(derivative - BlackScholes.normalPdf(x)));
    }
    checks.require("N'(x) = phi(x)", worstDensity <= 1e-14, String.format(
        Locale.ROOT, "x = -10, -9.75, ..., 10: max abs. error %7.1e", worstDensity));
  }

  /**
   * Kepler's equation solved by Newton's method with the derivative from forward mode, and the
   * sensitivity of the solution from reverse mode.
   */
  public static void kepler(Checks checks) {
    checks.heading("3. Kepler's equation E - e sin E = M, by Newton's method with residualJvp");
    String[] bodies = {"Earth", "Mercury", "Molniya orbit", "Halley's comet"};
    double[] eccentricities = {0.0167, 0.2056, 0.74, 0.967};
    double meanAnomaly = 0.5;
    checks.info("%-16s %-8s %-20s %-14s %s", "body", "e", "E at M = 0.5", "Newton steps",
        "|E - e sin E - M|");
    double worstResidual = 0;
    for (int i = 0; i < bodies.length; i++) {
      Kepler.Solution s = Kepler.solve(eccentricities[i], meanAnomaly);
      double residual = Kepler.residual(s.eccentricAnomaly(), eccentricities[i], meanAnomaly);
      checks.info("%-16s %-8s %-20.16f %-14d %.1e", bodies[i], eccentricities[i],
          s.eccentricAnomaly(), s.iterations(), Math.abs(residual));
      worstResidual = Math.max(worstResidual, Math.abs(residual));
    }
    checks.require("Newton's method converged", worstResidual <= 1e-14,
        String.format(Locale.ROOT, "largest residual %7.1e", worstResidual));

    // Halley's comet in detail.
    double e = 0.967;
    double bigE = Kepler.solve(e, meanAnomaly).eccentricAnomaly();
    double slope = KeplerGradient.residualJvp(bigE, 1, e, 0, meanAnomaly, 0);
    checks.compare("dg/dE = 1 - e cos E", slope, 1 - e * Math.cos(bigE), 1e-14);

    double[] sensitivities = Kepler.sensitivities(bigE, e, meanAnomaly);
    double denominator = 1 - e * Math.cos(bigE);
    checks.compare("dE/de = sin E / (1 - e cos E)", sensitivities[0],
        Math.sin(bigE) / denominator, 1e-13);
    checks.compare("dE/dM = 1 / (1 - e cos E)", sensitivities[1], 1 / denominator, 1e-13);
    double[] differences = FiniteDifferences.gradient(
        p -> Kepler.solve(p[0], p[1]).eccentricAnomaly(), e, meanAnomaly);
    checks.finiteDifferences("dE/de, dE/dM of the solver", sensitivities, differences,
        FINITE_DIFFERENCE_TOLERANCE);
  }
}
