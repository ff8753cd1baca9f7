package io.github.chainrule.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The pieces of the new demos on their own: the data loaders, the models and their generated
 * derivatives away from the demos' fixed points, and the plot writer.
 */
class DemoModelsTest {

  private static double[] random(Random random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
  }

  private static void assertClose(double[] expected, double[] actual, double tolerance,
      String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])),
          what + " [" + i + "]");
    }
  }

  @Test
  void irisHas150FlowersFiftyOfEachSpecies() {
    Iris iris = Iris.load();
    assertEquals(150, iris.size());
    assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, iris.measurements()[0]);
    assertEquals("Iris-setosa", iris.species()[0]);
    assertArrayEquals(new double[] {5.9, 3.0, 5.1, 1.8}, iris.measurements()[149]);
    for (String species : List.of("Iris-setosa", "Iris-versicolor", "Iris-virginica")) {
      assertEquals(50, Arrays.stream(iris.species()).filter(species::equals).count(), species);
    }
  }

  @Test
  void nistFilesAreReadWithTheirCertifiedValues() {
    NistDataset kirby2 = NistDataset.load("Kirby2");
    assertEquals(151, kirby2.x().length);
    assertEquals(151, kirby2.y().length);
    assertEquals(0.0082, kirby2.y()[0]);
    assertEquals(9.65, kirby2.x()[0]);
    assertArrayEquals(new double[] {2, -0.1, 0.003, -0.001, 0.00001}, kirby2.start1());
    assertArrayEquals(new double[] {1.5, -0.15, 0.0025, -0.0015, 0.00002}, kirby2.start2());
    assertEquals(1.6745063063E+00, kirby2.certified()[0]);
    assertEquals(2.1664802578E-05, kirby2.certified()[4]);
    assertEquals(3.9050739624E+00, kirby2.certifiedResidualSumOfSquares());

    NistDataset mgh17 = NistDataset.load("MGH17");
    assertEquals(33, mgh17.x().length);
    assertEquals(5, mgh17.certified().length);
    assertEquals(5.4648946975E-05, mgh17.certifiedResidualSumOfSquares());
  }

  @Test
  void nistModelsJacobianAgreesWithForwardAndReverseMode() {
    // Row i of the Jacobian is reverse mode with cotangent e_i; column j is forward mode along
    // e_j: three routes through the generated code to the same numbers.
    NistDataset data = NistDataset.load("Kirby2");
    double[] b = data.certified();
    double[][] jacobian = NistModelsGradient.kirby2Jacobian(b, data.x());
    assertEquals(151, jacobian.length);
    for (int j = 0; j < b.length; j++) {
      double[] direction = new double[b.length];
      direction[j] = 1;
      double[] column = NistModelsGradient.kirby2Jvp(b, direction, data.x());
      for (int i = 0; i < column.length; i++) {
        assertEquals(jacobian[i][j], column[i], 1e-13 * Math.abs(jacobian[i][j]) + 1e-300);
      }
    }
    Random random = new Random(3);
    double[] w = random(random, data.x().length);
    double[] d = random(random, b.length);
    double forward = LinearAlgebra.dot(w, NistModelsGradient.kirby2Jvp(b, d, data.x()));
    double reverse = LinearAlgebra.dot(NistModelsGradient.kirby2Vjp(b, data.x(), w), d);
    assertEquals(forward, reverse, 1e-12 * Math.abs(forward), "dot-product test");
  }

  @Test
  void certifiedDigitsAreCounted() {
    assertEquals(15, CurveFitting.correctDigits(1.5, 1.5));
    assertEquals(3, CurveFitting.correctDigits(1.001, 1.0), 1e-9);
    assertEquals(6, CurveFitting.correctDigits(2e-5 * (1 + 1e-6), 2e-5), 1e-6);
  }

  @Test
  void logisticLossGradientAndHessianOnRandomData() {
    Random random = new Random(7);
    int n = 40;
    int d = 3;
    double[] features = random(random, n * d);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextBoolean() ? 1 : 0;
    }
    double[] w = random(random, d + 1);
    double l2 = 0.01;
    assertClose(LogisticRegression.gradientByHand(w, features, labels, l2),
        LogisticRegressionGradient.lossGradient(w, features, labels, l2), 1e-14, "gradient");
    // The Hessian of the log loss is the mean of σ(1 − σ)·(x, 1)(x, 1)ᵀ, plus l2 on the weights.
    double[][] byHand = new double[d + 1][d + 1];
    for (int i = 0; i < n; i++) {
      double p = LogisticRegression.probability(w, features, i);
      double[] x = new double[d + 1];
      System.arraycopy(features, i * d, x, 0, d);
      x[d] = 1;
      for (int j = 0; j <= d; j++) {
        for (int k = 0; k <= d; k++) {
          byHand[j][k] += p * (1 - p) * x[j] * x[k] / n;
        }
      }
    }
    for (int j = 0; j < d; j++) {
      byHand[j][j] += l2;
    }
    double[][] hessian = LogisticRegressionGradient.lossHessian(w, features, labels, l2);
    for (int j = 0; j <= d; j++) {
      assertClose(byHand[j], hessian[j], 1e-13, "Hessian row " + j);
    }
    // Extreme margins: the loss stays finite and its gradient exact (no overflow of e^m).
    double[] huge = {200, -200, 100, 50};
    double[] g = LogisticRegressionGradient.lossGradient(huge, features, labels, l2);
    assertClose(LogisticRegression.gradientByHand(huge, features, labels, l2), g, 1e-12,
        "gradient at extreme weights");
    assertTrue(Double.isFinite(LogisticRegression.loss(huge, features, labels, l2)));
  }

  @Test
  void lotkaVolterraLossIsZeroOnItsOwnNoiseFreeTrajectory() {
    // loss() and simulate() integrate the same equations with the same steps.
    double[] rates = {1.0, 0.1, 1.5, 0.075};
    double[] clean = LotkaVolterra.simulate(rates, 10, 5, 0.01, 50, 20);
    double[] logRates = Arrays.stream(rates).map(Math::log).toArray();
    assertEquals(0, LotkaVolterra.loss(logRates, 10, 5, 0.01, 50, clean), 1e-24);
    // The gradient vanishes there too: a perfect fit is a minimum.
    double[] gradient = LotkaVolterraGradient.lossGradient(logRates, 10, 5, 0.01, 50, clean);
    assertClose(new double[4], gradient, 1e-10, "gradient at a perfect fit");
  }

  @Test
  void lotkaVolterraCheckpointedGradientPassesTheDotProductTest() {
    // Reverse mode (checkpointed) against forward mode (not), in random directions, with a
    // number of steps that is not a multiple of anything in the schedule.
    Random random = new Random(11);
    double[] observed = LotkaVolterra.observe(new double[] {0.9, 0.12, 1.4, 0.08}, 8, 6, 0.02,
        7, 37, 0.5, 5);
    for (int trial = 0; trial < 5; trial++) {
      double[] logRates = {Math.log(1.0) + 0.2 * random.nextGaussian(),
          Math.log(0.1) + 0.2 * random.nextGaussian(), Math.log(1.5) + 0.2 * random.nextGaussian(),
          Math.log(0.075) + 0.2 * random.nextGaussian()};
      double[] d = random(random, 4);
      double[] gradient = new double[4];
      double value = LotkaVolterraGradient.lossValueAndGradient(logRates, 8, 6, 0.02, 7,
          observed, gradient);
      assertEquals(LotkaVolterra.loss(logRates, 8, 6, 0.02, 7, observed), value, 1e-12 * value);
      double forward = LotkaVolterraGradient.lossJvp(logRates, d, 8, 6, 0.02, 7, observed);
      double reverse = LinearAlgebra.dot(gradient, d);
      assertEquals(forward, reverse, 1e-11 * Math.max(1, Math.abs(forward)), "trial " + trial);
    }
  }

  @Test
  void rosenbrockNewtonReachesTheMinimumIn2And10Dimensions() {
    List<Rosenbrock.Iterate> classic = Rosenbrock.newton(new double[] {-1.2, 1}, 1e-10, 100);
    Rosenbrock.Iterate last = classic.get(classic.size() - 1);
    assertArrayEquals(new double[] {1, 1}, last.x(), 1e-10);
    double[] start = new double[10];
    Arrays.fill(start, -1.2);
    List<Rosenbrock.Iterate> iterates = Rosenbrock.newton(start, 1e-10, 100);
    last = iterates.get(iterates.size() - 1);
    assertTrue(last.gradientNorm() <= 1e-10, "|grad f| = " + last.gradientNorm());
    for (int k = 1; k < iterates.size(); k++) {
      assertTrue(iterates.get(k).value() < iterates.get(k - 1).value(), "descent at " + k);
    }
  }

  @Test
  void svgPlotIsWellFormedAndSkipsWhatALogAxisCannotShow() throws Exception {
    SvgPlot.Panel log = new SvgPlot.Panel("log <&> axis", "x", "y", true, List.of(
        SvgPlot.Series.ofValues("zero and not-a-number", new double[] {100, 1, 0, Double.NaN,
            1e-3}),
        new SvgPlot.Series("points", new double[] {0, 1}, new double[] {2, 3}, true)));
    SvgPlot.Panel empty = new SvgPlot.Panel("nothing", "x", "y", false, List.of());
    SvgPlot.Panel flat = new SvgPlot.Panel("constant", "x", "y", false,
        List.of(SvgPlot.Series.ofValues("c", new double[] {0.5, 0.5, 0.5})));
    String svg = SvgPlot.render(List.of(log, empty, flat));
    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertEquals(3, document.getElementsByTagName("g").getLength());
    assertEquals(2, document.getElementsByTagName("polyline").getLength());
    assertEquals(2, document.getElementsByTagName("circle").getLength());
    assertTrue(svg.contains("log &lt;&amp;&gt; axis"), svg);
    assertTrue(!svg.contains("NaN") && !svg.contains("Infinity"), svg);
  }
}
