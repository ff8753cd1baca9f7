package io.github.chainrule.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Consumer;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The example app's own checks, so the build fails when its numbers are wrong. */
class ExampleAppTest {

  private static void assertAllPass(Consumer<Checks> demo) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    Checks checks = new Checks(new PrintStream(text, true, StandardCharsets.UTF_8));
    demo.accept(checks);
    assertTrue(checks.count() > 0, "the demo ran no checks");
    assertTrue(checks.failures().isEmpty(),
        () -> "failed checks:\n" + String.join("\n", checks.failures()) + "\n\nfull output:\n"
            + text.toString(StandardCharsets.UTF_8));
  }

  @Test
  void seedPolynomialChecksPass() {
    assertAllPass(ExampleApp::seedPolynomial);
  }

  @Test
  void blackScholesChecksPass() {
    assertAllPass(ExampleApp::blackScholes);
  }

  @Test
  void keplerChecksPass() {
    assertAllPass(ExampleApp::kepler);
  }

  @Test
  void vectorValuedChecksPass() {
    assertAllPass(ExampleApp::vectorValued);
  }

  @Test
  void rosenbrockChecksPass() {
    assertAllPass(ExampleApp::rosenbrock);
  }

  @Test
  void logisticRegressionChecksPass() {
    assertAllPass(ExampleApp::logisticRegression);
  }

  @Test
  void curveFittingChecksPass() {
    assertAllPass(ExampleApp::curveFitting);
  }

  @Test
  void lotkaVolterraChecksPass() {
    assertAllPass(ExampleApp::lotkaVolterra);
  }

  @Test
  void appPrintsTheSeedNumbersWritesThePlotAndSucceeds(@TempDir Path directory)
      throws Exception {
    Path plot = directory.resolve("charts").resolve("loss-curves.svg");
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int status = ExampleApp.run(new PrintStream(text, true, StandardCharsets.UTF_8), plot);
    String output = text.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, output);
    assertTrue(output.matches("(?s).*f'\\(2\\) from fJvp +46\\.0 +expected 46\\.0 .*OK.*"), output);
    assertTrue(output.matches("(?s).*f'\\(2\\) from fGradient +46\\.0 +expected 46\\.0 .*OK.*"),
        output);
    assertTrue(output.matches("(?s).*f''\\(2\\) from fHessian +54\\.0 +expected 54\\.0 .*OK.*"),
        output);
    assertTrue(output.contains("All ") && output.contains(" checks passed."), output);
    // The data sources are named in the output, and the plot's path is printed at the end.
    assertTrue(output.contains("UCI Machine Learning Repository, CC BY 4.0"), output);
    assertTrue(output.contains("NIST Statistical Reference Datasets (public domain)"), output);
    assertTrue(output.contains(plot.toAbsolutePath().toString()), output);
    assertTrue(Files.isRegularFile(plot));
    Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(plot.toFile());
    assertEquals("svg", svg.getDocumentElement().getTagName());
    assertEquals(6, svg.getElementsByTagName("g").getLength(), "one group per chart");
  }

  @Test
  void failedCheckIsReported() {
    Checks checks = new Checks(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    checks.compare("exact", 46.0, 46.0, 0);
    checks.compare("off", 46.0, 47.0, 1e-3);
    checks.compare("nan", Double.NaN, 1.0, 1);
    checks.finiteDifferences("lengths", new double[2], new double[3], 1);
    assertEquals(4, checks.count());
    assertEquals(3, checks.failures().size(), checks.failures().toString());
  }

  @Test
  void seedPolynomialGeneratedMethods() {
    assertEquals(32.0, SeedPolynomial.f(2.0));
    assertEquals(46.0, SeedPolynomialGradient.fJvp(2.0, 1.0));
    assertEquals(-46.0, SeedPolynomialGradient.fJvp(2.0, -1.0));
    assertArrayEquals(new double[] {46.0}, SeedPolynomialGradient.fGradient(2.0));
    double[] gradient = {7, 7, 7};
    assertEquals(32.0, SeedPolynomialGradient.fValueAndGradient(2.0, gradient));
    assertArrayEquals(new double[] {46, 7, 7}, gradient, "entries past n are left alone");
    assertThrows(IllegalArgumentException.class,
        () -> SeedPolynomialGradient.fValueAndGradient(2.0, new double[0]));
    assertThrows(NullPointerException.class,
        () -> SeedPolynomialGradient.fValueAndGradient(2.0, null));
  }

  @Test
  void normalCdfMatchesReferenceValues() {
    // Reference values of the exact normal CDF (to double precision).
    double[][] table = {
        {-9, 1.1285884059538324e-19},
        {-5, 2.866515718791933e-07},
        {-3, 0.0013498980316300933},
        {-1, 0.15865525393145707},
        {0, 0.5},
        {0.5, 0.6914624612740131},
        {2, 0.9772498680518208},
        {7.5, 0.9999999999999681}};
    for (double[] row : table) {
      assertEquals(row[1], BlackScholes.normalCdf(row[0]), 1e-15, "N(" + row[0] + ")");
    }
  }

  @Test
  void normalCdfDerivativeIsTheDensityAtZeroToo() {
    // x = 0 is where both sign branches meet; the code takes the x <= 0 branch for N and for |x|.
    double expected = 1 / Math.sqrt(2 * Math.PI);
    assertEquals(expected, BlackScholesGradient.normalCdfJvp(0.0, 1.0), 1e-14);
    assertEquals(expected, BlackScholesGradient.normalCdfGradient(0.0)[0], 1e-14);
    assertEquals(expected, BlackScholesGradient.normalCdfJvp(-0.0, 1.0), 1e-14);
  }

  @Test
  void blackScholesForwardAndReverseModesAgreeInEveryDirection() {
    // The dot-product test: for any direction d, fJvp(x, d) = fGradient(x) · d.
    Random random = new Random(42);
    for (int trial = 0; trial < 50; trial++) {
      double spot = 50 + 100 * random.nextDouble();
      double strike = 50 + 100 * random.nextDouble();
      double vol = 0.05 + 0.6 * random.nextDouble();
      double rate = 0.1 * random.nextDouble();
      double time = 0.05 + 3 * random.nextDouble();
      double[] d = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(),
          random.nextGaussian()};
      double[] g = BlackScholesGradient.callPriceGradient(spot, strike, vol, rate, time);
      double reverse = g[0] * d[0] + g[1] * d[1] + g[2] * d[2] + g[3] * d[3];
      double forward = BlackScholesGradient.callPriceJvp(spot, d[0], strike, vol, d[1], rate,
          d[2], time, d[3]);
      double scale = Math.abs(g[0] * d[0]) + Math.abs(g[1] * d[1]) + Math.abs(g[2] * d[2])
          + Math.abs(g[3] * d[3]);
      assertEquals(reverse, forward, 1e-13 * scale, "trial " + trial);

      double[] closedForm = BlackScholes.closedFormGreeks(spot, strike, vol, rate, time);
      for (int i = 0; i < 4; i++) {
        assertEquals(closedForm[i], g[i], 1e-11 * Math.max(1, Math.abs(closedForm[i])),
            "Greek " + i + " in trial " + trial);
      }
    }
  }

  @Test
  void keplerSolvesAndDifferentiatesAcrossEccentricities() {
    for (int i = 0; i < 10; i++) {
      double e = 0.05 + 0.1 * i;
      for (int j = 0; j <= 12; j++) {
        double m = -3 + 0.5 * j;
        String where = "e = " + e + ", M = " + m;
        double bigE = Kepler.solve(e, m).eccentricAnomaly();
        assertEquals(0, Kepler.residual(bigE, e, m), 1e-14, where);
        double[] sensitivities = Kepler.sensitivities(bigE, e, m);
        double[] differences = FiniteDifferences.gradient(
            p -> Kepler.solve(p[0], p[1]).eccentricAnomaly(), e, m);
        for (int k = 0; k < 2; k++) {
          assertEquals(differences[k], sensitivities[k],
              1e-6 * Math.max(1, Math.abs(differences[k])), where);
        }
      }
    }
    assertEquals(0.5, Kepler.solve(0, 0.5).eccentricAnomaly(), 1e-15, "a circle: E = M");
    assertThrows(IllegalArgumentException.class, () -> Kepler.solve(1.0, 0.5));
  }
}
