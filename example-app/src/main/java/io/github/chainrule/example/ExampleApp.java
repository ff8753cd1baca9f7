package io.github.chainrule.example;

import io.github.chainrule.runtime.Revolve;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Chainrule's example app: problems whose derivatives the annotation processor generated when
 * this module was compiled, each printed next to an independent check (a closed form, or central
 * finite differences). Exits with status 1 if any check fails.
 *
 * <ol>
 *   <li>the seed polynomial: first and second derivatives ({@link SeedPolynomial});
 *   <li>the Black–Scholes price and its Greeks ({@link BlackScholes});
 *   <li>Kepler's equation by Newton's method ({@link Kepler});
 *   <li>a vector-valued function, its Jacobian and both products with it
 *       ({@link SphericalCoordinates});
 *   <li>Newton's method with the generated Hessian on Rosenbrock's function ({@link Rosenbrock});
 *   <li>logistic regression on Fisher's Iris data ({@link LogisticRegression}, {@link Iris});
 *   <li>NIST's reference nonlinear regressions, fitted by Hipparchus' Levenberg–Marquardt
 *       optimiser with generated Jacobians ({@link CurveFitting}, {@link NistModels});
 *   <li>the rates of a predator–prey ODE model, estimated through a checkpointed time loop
 *       ({@link LotkaVolterra}).
 * </ol>
 *
 * <p>It ends by writing the loss curves of the last four to an SVG file, and printing its path.
 * Run it with {@code mvn -B -DskipTests -Pexample install} from the repository root, or with
 * {@code java io.github.chainrule.example.ExampleApp [where-to-write-the.svg]}.
 *
 * <p>The generated classes ({@code SeedPolynomialGradient}, {@code BlackScholesGradient}, ...)
 * are ordinary Java source: find them in {@code example-app/target/generated-sources/annotations/}.
 */
public final class ExampleApp {

  private ExampleApp() {}

  /**
   * Tolerance for generated derivatives against central finite differences, which are themselves
   * only good to about 1e-10.
   */
  static final double FINITE_DIFFERENCE_TOLERANCE = 1e-6;

  /** Where the plot goes when no path is given: the system's temporary directory. */
  static Path defaultPlotPath() {
    return Path.of(System.getProperty("java.io.tmpdir"), "chainrule-example", "loss-curves.svg");
  }

  public static void main(String[] args) {
    Path plot = args.length > 0 ? Path.of(args[0]) : defaultPlotPath();
    int status = run(System.out, plot);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs every demo, prints the results and writes the plot to {@code plot}; returns 0 if every
   * check passed, else 1.
   */
  public static int run(PrintStream out, Path plot) {
    long start = System.nanoTime();
    out.println("Chainrule example app: derivatives generated at compile time, and their checks");
    Checks checks = new Checks(out);
    seedPolynomial(checks);
    blackScholes(checks);
    kepler(checks);
    vectorValued(checks);
    List<SvgPlot.Panel> panels = new ArrayList<>();
    panels.addAll(rosenbrock(checks));
    panels.addAll(logisticRegression(checks));
    panels.addAll(curveFitting(checks));
    panels.addAll(lotkaVolterra(checks));

    checks.heading("The loss curves");
    try {
      SvgPlot.write(plot, panels);
      checks.info("%d charts written to %s", panels.size(), plot.toAbsolutePath());
    } catch (IOException e) {
      checks.require("plot written", false, "cannot write " + plot.toAbsolutePath() + ": " + e);
    }
    out.println();
    out.printf(Locale.ROOT, "Ran in %.1f s.%n", (System.nanoTime() - start) / 1e9);
    if (checks.failures().isEmpty()) {
      out.println("All " + checks.count() + " checks passed.");
      return 0;
    }
    out.println(checks.failures().size() + " of " + checks.count() + " checks FAILED:");
    checks.failures().forEach(f -> out.println("   " + f));
    return 1;
  }

  /**
   * f(x) = x⁴ + 3x² + 2x at x = 2: f = 32 and f' = 46, in forward and in reverse mode, and
   * f'' = 54 from the generated Hessian.
   */
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
    // Second derivatives, forward mode over reverse mode: the Hessian, here 1 × 1, and the
    // Hessian times a vector.
    double[][] hessian = SeedPolynomialGradient.fHessian(x);
    double[] hessianTimesOne = SeedPolynomialGradient.fHvp(x, new double[] {1.0});

    checks.compare("f(2)", SeedPolynomial.f(x), 32, 0);
    checks.compare("f(2) from fValueAndGradient", value, 32, 0);
    checks.compare("f'(2) from fJvp", forward, SeedPolynomial.derivativeByHand(x), 0);
    checks.compare("f'(2) from fGradient", reverse[0], SeedPolynomial.derivativeByHand(x), 0);
    checks.compare("f'(2) from fValueAndGradient", gradient[0],
        SeedPolynomial.derivativeByHand(x), 0);
    checks.compare("f''(2) from fHessian", hessian[0][0],
        SeedPolynomial.secondDerivativeByHand(x), 0);
    checks.compare("f''(2) from fHvp", hessianTimesOne[0],
        SeedPolynomial.secondDerivativeByHand(x), 0);

    // Away from x = 2 as well: against the hand-written derivatives and finite differences (of
    // f for f', of the generated f' for f'').
    double worst = 0;
    double[] first = new double[13];
    double[] second = new double[13];
    double[] firstDifferences = new double[13];
    double[] secondDifferences = new double[13];
    for (int i = 0; i < 13; i++) {
      double xi = -3 + 0.5 * i;
      first[i] = SeedPolynomialGradient.fGradient(xi)[0];
      second[i] = SeedPolynomialGradient.fHessian(xi)[0][0];
      firstDifferences[i] = FiniteDifferences.gradient(p -> SeedPolynomial.f(p[0]), xi)[0];
      secondDifferences[i] = FiniteDifferences.gradient(
          p -> SeedPolynomialGradient.fGradient(p[0])[0], xi)[0];
      worst = Math.max(worst,
          Checks.relativeError(first[i], SeedPolynomial.derivativeByHand(xi)));
      worst = Math.max(worst,
          Checks.relativeError(second[i], SeedPolynomial.secondDerivativeByHand(xi)));
    }
    checks.require("f'(x), f''(x), x = -3 .. 3", worst <= 1e-14, String.format(Locale.ROOT,
        "max rel. error vs 4x^3 + 6x + 2, 12x^2 + 6 %7.1e", worst));
    checks.finiteDifferences("f'(x), x = -3, -2.5, ..., 3", first, firstDifferences,
        FINITE_DIFFERENCE_TOLERANCE);
    checks.finiteDifferences("f''(x), x = -3, -2.5, ..., 3", second, secondDifferences,
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

    // Second-order Greeks from the generated Hessian (rows and columns: spot, vol, rate, time).
    double[][] hessian = BlackScholesGradient.callPriceHessian(spot, strike, vol, rate, time);
    double[] secondOrder = BlackScholes.closedFormSecondOrderGreeks(spot, strike, vol, rate, time);
    checks.compare("gamma = d2C/dS2", hessian[0][0], secondOrder[0], 1e-12);
    checks.compare("vanna = d2C/dS dvol", hessian[0][1], secondOrder[1], 1e-12);
    checks.compare("volga = d2C/dvol2", hessian[1][1], secondOrder[2], 1e-12);
    // The whole Hessian against central differences of the generated gradient.
    double[][] hessianDifferences = FiniteDifferences.jacobian(
        p -> BlackScholesGradient.callPriceGradient(p[0], strike, p[1], p[2], p[3]),
        spot, vol, rate, time);
    checks.finiteDifferences("Hessian (4 x 4)", hessian, hessianDifferences,
        FINITE_DIFFERENCE_TOLERANCE);

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

  /**
   * A function returning {@code double[]}: its Jacobian, the Jacobian times a vector (forward
   * mode) and a vector times the Jacobian (reverse mode), each against the closed form.
   */
  public static void vectorValued(Checks checks) {
    double r = 2;
    double theta = 0.7;
    double phi = 1.2;
    checks.heading(String.format(Locale.ROOT, "4. A vector-valued function: spherical"
        + " (r, theta, phi) = (%s, %s, %s) to Cartesian (x, y, z)", r, theta, phi));
    double[][] byHand = SphericalCoordinates.jacobianByHand(r, theta, phi);

    // The whole 3 × 3 Jacobian.
    double[][] jacobian = SphericalCoordinatesGradient.toCartesianJacobian(r, theta, phi);
    checks.require("toCartesianJacobian", Checks.maxRelativeError(jacobian, byHand) <= 1e-15,
        String.format(Locale.ROOT, "max rel. error vs closed form %7.1e",
            Checks.maxRelativeError(jacobian, byHand)));
    checks.info("J = %s", Arrays.deepToString(round(jacobian)));

    // Forward mode: how the point moves along the direction d in (r, theta, phi).
    double[] d = {0.3, -0.2, 0.5};
    double[] jvp = SphericalCoordinatesGradient.toCartesianJvp(r, d[0], theta, d[1], phi, d[2]);
    double[] jvpByHand = LinearAlgebra.multiply(byHand, d);
    for (int i = 0; i < 3; i++) {
      checks.compare("J d, component " + "xyz".charAt(i), jvp[i], jvpByHand[i], 1e-15);
    }

    // Reverse mode: the gradient of w · (x, y, z) with respect to (r, theta, phi).
    double[] w = {1.0, -2.0, 0.5};
    double[] vjp = SphericalCoordinatesGradient.toCartesianVjp(r, theta, phi, w);
    double[] vjpByHand = LinearAlgebra.multiply(LinearAlgebra.transpose(byHand), w);
    String[] inputs = {"r", "theta", "phi"};
    for (int j = 0; j < 3; j++) {
      checks.compare("w^T J, component " + inputs[j], vjp[j], vjpByHand[j], 1e-15);
    }

    // The dot-product test: w · (J d) = (wᵀJ) · d, forward mode against reverse mode.
    double forward = LinearAlgebra.dot(w, jvp);
    double reverse = LinearAlgebra.dot(vjp, d);
    checks.compare("w . (J d) = (w^T J) . d", forward, reverse, 1e-15);

    // The Jacobian against central differences of the function.
    checks.finiteDifferences("Jacobian", jacobian, FiniteDifferences.jacobian(
        p -> SphericalCoordinates.toCartesian(p[0], p[1], p[2]), r, theta, phi),
        FINITE_DIFFERENCE_TOLERANCE);
  }

  /**
   * Newton's method on the 10-dimensional Rosenbrock function, with {@code rosenbrockHessian};
   * the gradient and the Hessian checked first against the formulas by hand.
   */
  public static List<SvgPlot.Panel> rosenbrock(Checks checks) {
    int n = 10;
    checks.heading("5. Newton's method with rosenbrockHessian: the Rosenbrock function in " + n
        + " dimensions, from x = (-1.2, ..., -1.2)");
    double[] start = new double[n];
    Arrays.fill(start, -1.2);

    double[] gradient = RosenbrockGradient.rosenbrockGradient(start);
    double[][] hessian = RosenbrockGradient.rosenbrockHessian(start);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.sin(i + 1.0);
    }
    double[] hessianTimesV = RosenbrockGradient.rosenbrockHvp(start, v);
    double gradientError = Checks.maxRelativeError(gradient, Rosenbrock.gradientByHand(start));
    double hessianError = Checks.maxRelativeError(hessian, Rosenbrock.hessianByHand(start));
    double hvpError = Checks.maxRelativeError(hessianTimesV, LinearAlgebra.multiply(hessian, v));
    checks.require("rosenbrockGradient", gradientError <= 1e-14, String.format(Locale.ROOT,
        "max rel. error vs formula by hand %7.1e", gradientError));
    checks.require("rosenbrockHessian (10 x 10)", hessianError <= 1e-14, String.format(
        Locale.ROOT, "max rel. error vs formula by hand %7.1e", hessianError));
    checks.require("rosenbrockHvp", hvpError <= 1e-14, String.format(Locale.ROOT,
        "max rel. error vs H v %7.1e", hvpError));
    checks.finiteDifferences("gradient", gradient,
        FiniteDifferences.gradient(Rosenbrock::rosenbrock, start), FINITE_DIFFERENCE_TOLERANCE);
    checks.finiteDifferences("Hessian", hessian,
        FiniteDifferences.jacobian(RosenbrockGradient::rosenbrockGradient, start),
        FINITE_DIFFERENCE_TOLERANCE);

    List<Rosenbrock.Iterate> iterates = Rosenbrock.newton(start, 1e-10, 100);
    checks.info("%-10s %-24s %s", "iteration", "f(x)", "|grad f(x)|");
    for (int k = 0; k < iterates.size(); k++) {
      // The first few, then every fifth, then the last few, where convergence is quadratic.
      if (k < 3 || k % 5 == 0 || k >= iterates.size() - 4) {
        checks.info("%-10d %-24.16e %.3e", k, iterates.get(k).value(),
            iterates.get(k).gradientNorm());
      }
    }
    Rosenbrock.Iterate last = iterates.get(iterates.size() - 1);
    double distance = 0;
    for (double xi : last.x()) {
      distance = Math.max(distance, Math.abs(xi - 1));
    }
    checks.require("Newton converged to (1, ..., 1)", last.gradientNorm() <= 1e-10
        && distance <= 1e-10, String.format(Locale.ROOT, "%d iterations, |grad f| %.1e,"
        + " max |x_i - 1| %.1e", iterates.size() - 1, last.gradientNorm(), distance));

    double[] values = new double[iterates.size()];
    double[] norms = new double[iterates.size()];
    for (int k = 0; k < iterates.size(); k++) {
      values[k] = iterates.get(k).value();
      norms[k] = iterates.get(k).gradientNorm();
    }
    return List.of(new SvgPlot.Panel("Newton's method on Rosenbrock (n = 10)", "iteration",
        "value", true, List.of(SvgPlot.Series.ofValues("f(x)", values),
        SvgPlot.Series.ofValues("|grad f(x)|", norms))));
  }

  /** L2 penalty, learning rate and epochs of the logistic regression. */
  private static final double L2 = 1e-3;
  private static final double LEARNING_RATE = 0.5;
  private static final int EPOCHS = 1000;

  /**
   * Logistic regression on Fisher's Iris data: tell Iris virginica from the two other species by
   * the four measurements, trained by gradient descent with the generated gradient.
   */
  public static List<SvgPlot.Panel> logisticRegression(Checks checks) {
    checks.heading("6. Logistic regression by gradient descent with lossValueAndGradient:"
        + " is this iris an Iris virginica?");
    Iris iris = Iris.load();
    checks.info("data: %d flowers, %s", iris.size(), Iris.SOURCE);

    // Every fifth flower is held out for testing; the model learns from the other four fifths.
    List<Integer> trainRows = new ArrayList<>();
    List<Integer> testRows = new ArrayList<>();
    for (int i = 0; i < iris.size(); i++) {
      (i % 5 == 4 ? testRows : trainRows).add(i);
    }
    // Each measurement is standardised with the training flowers' mean and standard deviation,
    // so one learning rate suits every weight.
    double[] mean = new double[4];
    double[] sd = new double[4];
    for (int j = 0; j < 4; j++) {
      for (int i : trainRows) {
        mean[j] += iris.measurements()[i][j] / trainRows.size();
      }
      for (int i : trainRows) {
        double deviation = iris.measurements()[i][j] - mean[j];
        sd[j] += deviation * deviation / (trainRows.size() - 1);
      }
      sd[j] = Math.sqrt(sd[j]);
    }
    double[] trainFeatures = features(iris, trainRows, mean, sd);
    double[] testFeatures = features(iris, testRows, mean, sd);
    int[] trainLabels = labels(iris, trainRows);
    int[] testLabels = labels(iris, testRows);
    checks.info("%d flowers to train on, %d to test on; class 1 = Iris-virginica, 0 = the"
        + " others", trainRows.size(), testRows.size());

    // The generated gradient at the start (w = 0) against the formula by hand and differences.
    double[] zero = new double[5];
    double[] gradient = LogisticRegressionGradient.lossGradient(zero, trainFeatures, trainLabels,
        L2);
    double error = Checks.maxRelativeError(gradient,
        LogisticRegression.gradientByHand(zero, trainFeatures, trainLabels, L2));
    checks.require("lossGradient at w = 0", error <= 1e-13, String.format(Locale.ROOT,
        "max rel. error vs formula by hand %7.1e", error));
    checks.finiteDifferences("lossGradient at w = 0", gradient, FiniteDifferences.gradient(
        w -> LogisticRegression.loss(w, trainFeatures, trainLabels, L2), zero),
        FINITE_DIFFERENCE_TOLERANCE);

    // Training, with a progress line every 100 epochs.
    double[] trainLoss = new double[EPOCHS + 1];
    double[] weights = LogisticRegression.train(trainFeatures, trainLabels, 4, L2,
        LEARNING_RATE, EPOCHS, trainLoss, (epoch, loss) -> {
          if (epoch % 100 == 0) {
            checks.info("epoch %4d   training loss %.6f", epoch, loss);
          }
        });

    checks.finiteDifferences("lossGradient after training", LogisticRegressionGradient
        .lossGradient(weights, trainFeatures, trainLabels, L2), FiniteDifferences.gradient(
        w -> LogisticRegression.loss(w, trainFeatures, trainLabels, L2), weights),
        FINITE_DIFFERENCE_TOLERANCE);
    boolean decreasing = true;
    for (int e = 1; e <= EPOCHS; e++) {
      decreasing &= trainLoss[e] <= trainLoss[e - 1];
    }
    checks.require("training loss decreases", decreasing, String.format(Locale.ROOT,
        "at every epoch, from %.6f to %.6f", trainLoss[0], trainLoss[EPOCHS]));

    // How close did gradient descent get? Newton's method with lossHessian finds the optimum.
    double[] optimum = LogisticRegression.newton(weights, trainFeatures, trainLabels, L2, 10);
    double optimalLoss = LogisticRegression.loss(optimum, trainFeatures, trainLabels, L2);
    double optimumGradient = LinearAlgebra.norm(
        LogisticRegressionGradient.lossGradient(optimum, trainFeatures, trainLabels, L2));
    checks.require("Newton's optimum (lossHessian)", optimumGradient <= 1e-12, String.format(
        Locale.ROOT, "loss %.6f, |gradient| %.1e; gradient descent is %.1e above it",
        optimalLoss, optimumGradient, trainLoss[EPOCHS] - optimalLoss));

    checks.info("weights of sepal length, sepal width, petal length, petal width"
        + " (standardised): %s, bias %.4f", vectorText(Arrays.copyOf(weights, 4)), weights[4]);
    double trainAccuracy = LogisticRegression.accuracy(weights, trainFeatures, trainLabels);
    double testAccuracy = LogisticRegression.accuracy(weights, testFeatures, testLabels);
    checks.require("training accuracy", trainAccuracy >= 0.95, String.format(Locale.ROOT,
        "%.1f%% of %d flowers (at least 95%% expected)", 100 * trainAccuracy,
        trainLabels.length));
    checks.require("test accuracy", testAccuracy >= 0.9, String.format(Locale.ROOT,
        "%.1f%% of %d flowers never seen in training (at least 90%% expected)",
        100 * testAccuracy, testLabels.length));
    return List.of(new SvgPlot.Panel("Logistic regression on Iris", "epoch",
        "mean log loss", false, List.of(
            SvgPlot.Series.ofValues("gradient descent", trainLoss),
            new SvgPlot.Series("optimum (Newton)", new double[] {0, EPOCHS},
                new double[] {optimalLoss, optimalLoss}, false))));
  }

  /**
   * Two of NIST's reference problems for nonlinear least squares, each from NIST's two starting
   * points, fitted by Hipparchus' Levenberg–Marquardt optimiser with the generated Jacobian; the
   * results compared with NIST's certified values.
   */
  public static List<SvgPlot.Panel> curveFitting(Checks checks) {
    checks.heading("7. Levenberg-Marquardt (Hipparchus) with generated Jacobians: NIST StRD"
        + " nonlinear regression");
    checks.info("data: %s", NistDataset.SOURCE);
    List<SvgPlot.Series> curves = new ArrayList<>();
    SvgPlot.Panel dataAndFit = null;
    for (String name : new String[] {"Kirby2", "MGH17"}) {
      NistDataset data = NistDataset.load(name);
      boolean kirby2 = name.equals("Kirby2");
      BiFunction<double[], double[], double[]> model =
          kirby2 ? NistModels::kirby2 : NistModels::mgh17;
      BiFunction<double[], double[], double[][]> jacobian =
          kirby2 ? NistModelsGradient::kirby2Jacobian : NistModelsGradient::mgh17Jacobian;

      // The generated Jacobian at NIST's certified values, against central differences.
      int p = data.certified().length;
      checks.finiteDifferences(name + " Jacobian (" + data.x().length + " x " + p + ")",
          jacobian.apply(data.certified(), data.x()),
          FiniteDifferences.jacobian(b -> model.apply(b, data.x()), data.certified()),
          FINITE_DIFFERENCE_TOLERANCE);

      for (int s = 1; s <= 2; s++) {
        double[] start = s == 1 ? data.start1() : data.start2();
        CurveFitting.Fit fit = CurveFitting.fit(data, start, model, jacobian);
        double digits = 15;
        for (int j = 0; j < p; j++) {
          digits = Math.min(digits,
              CurveFitting.correctDigits(fit.parameters()[j], data.certified()[j]));
        }
        String label = name + ", start " + s;
        checks.info("%s: %d iterations, %d evaluations; b = %s", label, fit.iterations(),
            fit.evaluations(), vectorText(fit.parameters()));
        checks.compare(label + ": RSS", fit.residualSumOfSquares(),
            data.certifiedResidualSumOfSquares(), 1e-9);
        checks.require(label + ": b", digits >= 6, String.format(Locale.ROOT,
            "%.1f or more correct digits in every parameter (6 expected)", digits));
        // The loss curve: the best residual sum of squares so far, at each evaluation (the
        // optimiser also tries points that it then rejects).
        double[] best = new double[fit.costs().size()];
        for (int k = 0; k < best.length; k++) {
          double rss = fit.costs().get(k) * fit.costs().get(k);
          best[k] = k == 0 || rss < best[k - 1] ? rss : best[k - 1]; // NaN is never better
        }
        curves.add(SvgPlot.Series.ofValues(label, best));
        if (!kirby2 && s == 1) {
          // The fitted curve, drawn on a fine grid of x between the observations.
          double[] grid = new double[161];
          for (int k = 0; k < grid.length; k++) {
            grid[k] = 2.0 * k;
          }
          dataAndFit = new SvgPlot.Panel("MGH17: NIST's observations and the fit", "x", "y",
              false, List.of(new SvgPlot.Series("observed", data.x(), data.y(), true),
              new SvgPlot.Series("fitted", grid, model.apply(fit.parameters(), grid), false)));
        }
      }
    }
    return List.of(new SvgPlot.Panel("Levenberg-Marquardt on NIST StRD", "model evaluation",
        "smallest residual sum of squares so far", true, curves), dataAndFit);
  }

  /** The true rates, initial populations and sampling of the predator–prey demo. */
  private static final double[] TRUE_RATES = {1.0, 0.1, 1.5, 0.075};
  private static final double[] GUESS = {0.7, 0.07, 2.0, 0.1};
  private static final double PREY0 = 10;
  private static final double PREDATORS0 = 5;
  private static final double STEP = 0.01;
  private static final int STEPS_PER_OBSERVATION = 50;
  private static final int OBSERVATIONS = 60;
  private static final double NOISE = 1.0;
  private static final long SEED = 42;

  /**
   * The rates of the Lotka–Volterra equations, estimated from noisy populations with the
   * gradient of a loss whose RK4 time loop is checkpointed.
   */
  public static List<SvgPlot.Panel> lotkaVolterra(Checks checks) {
    int steps = OBSERVATIONS * STEPS_PER_OBSERVATION;
    checks.heading("8. Estimating the rates of a predator-prey model through a checkpointed"
        + " loop of " + steps + " RK4 steps");
    double[] observed = LotkaVolterra.observe(TRUE_RATES, PREY0, PREDATORS0, STEP,
        STEPS_PER_OBSERVATION, OBSERVATIONS, NOISE, SEED);
    checks.info("data: synthetic; the model with (alpha, beta, gamma, delta) = %s, prey and"
        + " predators at t = 0.5, 1, ..., %s, plus Gaussian noise (sd %s, seed %d)",
        vectorText(TRUE_RATES), OBSERVATIONS * STEPS_PER_OBSERVATION * STEP, NOISE, SEED);
    // What checkpointing costs: the least number of extra, untaped steps any schedule with
    // this many snapshots needs (Revolve reaches it).
    long extraSteps = Revolve.optimalExtraSteps(steps, LotkaVolterra.SNAPSHOTS);
    checks.info("reverse mode keeps at most %d snapshots of the loop state instead of a tape of"
        + " %d steps, and recomputes %d steps (%.1f x the loop) to do it",
        LotkaVolterra.SNAPSHOTS, steps, extraSteps, (double) extraSteps / steps);

    // The checkpointed gradient at the starting guess: against forward mode (one call of
    // lossJvp per rate, no checkpointing) and against central differences.
    double[] logGuess = new double[4];
    for (int i = 0; i < 4; i++) {
      logGuess[i] = Math.log(GUESS[i]);
    }
    double[] gradient = LotkaVolterraGradient.lossGradient(logGuess, PREY0, PREDATORS0, STEP,
        STEPS_PER_OBSERVATION, observed);
    double[] byForwardMode = new double[4];
    for (int i = 0; i < 4; i++) {
      double[] direction = new double[4];
      direction[i] = 1;
      byForwardMode[i] = LotkaVolterraGradient.lossJvp(logGuess, direction, PREY0, PREDATORS0,
          STEP, STEPS_PER_OBSERVATION, observed);
    }
    double modes = Checks.maxRelativeError(gradient, byForwardMode);
    checks.require("checkpointed = forward mode", modes <= 1e-12, String.format(Locale.ROOT,
        "lossGradient vs 4 calls of lossJvp: max rel. error %7.1e", modes));
    checks.finiteDifferences("lossGradient", gradient, FiniteDifferences.gradient(
        p -> LotkaVolterra.loss(p, PREY0, PREDATORS0, STEP, STEPS_PER_OBSERVATION, observed),
        logGuess), FINITE_DIFFERENCE_TOLERANCE);

    LotkaVolterra.Fit fit = LotkaVolterra.fit(observed, PREY0, PREDATORS0, STEP,
        STEPS_PER_OBSERVATION, GUESS, (iteration, loss) -> {
          if (iteration % 10 == 0) {
            checks.info("iteration %3d   loss %.6f", iteration, loss);
          }
        });
    double[] logTruth = new double[4];
    for (int i = 0; i < 4; i++) {
      logTruth[i] = Math.log(TRUE_RATES[i]);
    }
    double lossAtTruth = LotkaVolterra.loss(logTruth, PREY0, PREDATORS0, STEP,
        STEPS_PER_OBSERVATION, observed);
    checks.info("start %s, loss %.6f", vectorText(GUESS), fit.lossCurve().get(0));
    checks.info("fitted %s, loss %.6f after %d iterations, %d gradients",
        vectorText(fit.rates()), fit.loss(), fit.lossCurve().size() - 1, fit.gradients());
    checks.info("true %s, loss %.6f (the noise alone gives about sd^2 / 2 = %.2f)",
        vectorText(TRUE_RATES), lossAtTruth, NOISE * NOISE / 2);
    double worst = Checks.maxRelativeError(fit.rates(), TRUE_RATES);
    checks.require("rates recovered", worst <= 0.05, String.format(Locale.ROOT,
        "max rel. error vs the true rates %.1f%% (within 5%% expected from this noise)",
        100 * worst));
    checks.require("least squares", fit.loss() <= lossAtTruth, String.format(Locale.ROOT,
        "the fit explains the noisy data at least as well as the true rates: %.6f <= %.6f",
        fit.loss(), lossAtTruth));

    // The fitted model between the observations, for the plot.
    double[] fine = LotkaVolterra.simulate(fit.rates(), PREY0, PREDATORS0, STEP, 5, steps / 5);
    double[] time = new double[fine.length / 2];
    double[] prey = new double[time.length];
    double[] predators = new double[time.length];
    for (int k = 0; k < time.length; k++) {
      time[k] = (k + 1) * 5 * STEP;
      prey[k] = fine[2 * k];
      predators[k] = fine[2 * k + 1];
    }
    double[] observedTime = new double[OBSERVATIONS];
    double[] observedPrey = new double[OBSERVATIONS];
    double[] observedPredators = new double[OBSERVATIONS];
    for (int k = 0; k < OBSERVATIONS; k++) {
      observedTime[k] = (k + 1) * STEPS_PER_OBSERVATION * STEP;
      observedPrey[k] = observed[2 * k];
      observedPredators[k] = observed[2 * k + 1];
    }
    return List.of(
        new SvgPlot.Panel("Lotka-Volterra: fitting the rates", "iteration (conjugate gradient)",
            "loss", true, List.of(SvgPlot.Series.ofValues("loss", fit.lossCurve()))),
        new SvgPlot.Panel("Lotka-Volterra: observations and the fitted model", "time",
            "population", false, List.of(
                new SvgPlot.Series("prey observed", observedTime, observedPrey, true),
                new SvgPlot.Series("predators observed", observedTime, observedPredators, true),
                new SvgPlot.Series("prey fitted", time, prey, false),
                new SvgPlot.Series("predators fitted", time, predators, false))));
  }

  // Small helpers for the demos above.

  private static double[][] round(double[][] matrix) {
    double[][] result = new double[matrix.length][];
    for (int i = 0; i < matrix.length; i++) {
      result[i] = new double[matrix[i].length];
      for (int j = 0; j < matrix[i].length; j++) {
        result[i][j] = Math.round(matrix[i][j] * 1e6) / 1e6;
      }
    }
    return result;
  }

  private static String vectorText(double[] values) {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) {
      text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", values[i]));
    }
    return text.append(")").toString();
  }

  private static double[] features(Iris iris, List<Integer> rows, double[] mean, double[] sd) {
    double[] features = new double[rows.size() * 4];
    for (int k = 0; k < rows.size(); k++) {
      for (int j = 0; j < 4; j++) {
        features[4 * k + j] = (iris.measurements()[rows.get(k)][j] - mean[j]) / sd[j];
      }
    }
    return features;
  }

  private static int[] labels(Iris iris, List<Integer> rows) {
    int[] labels = new int[rows.size()];
    for (int k = 0; k < rows.size(); k++) {
      labels[k] = iris.species()[rows.get(k)].equals("Iris-virginica") ? 1 : 0;
    }
    return labels;
  }

}
