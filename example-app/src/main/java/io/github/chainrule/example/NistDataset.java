package io.github.chainrule.example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A problem from NIST's Statistical Reference Datasets for nonlinear regression, read from its
 * {@code .dat} file in this app's resources (see {@code data/README.md} there): the observations,
 * NIST's two starting points, and the certified parameter values and residual sum of squares
 * that a correct fit must reproduce.
 *
 * @param name the dataset's name, e.g. {@code Kirby2}
 * @param x the predictor of each observation
 * @param y the response of each observation
 * @param start1 NIST's first starting point (far from the solution)
 * @param start2 NIST's second starting point (closer)
 * @param certified the certified parameter values
 * @param certifiedResidualSumOfSquares the certified Σ (y − model)² at the certified values
 */
public record NistDataset(String name, double[] x, double[] y, double[] start1, double[] start2,
    double[] certified, double certifiedResidualSumOfSquares) {

  /** Where the data come from, for the app's output. */
  public static final String SOURCE = "NIST Statistical Reference Datasets (public domain);"
      + " copies from the Apache Commons Math 3.6.1 test jar";

  /**
   * Reads {@code data/<name>.dat}. The format is NIST's: lines {@code  b1 = start1 start2
   * certified deviation} for each parameter, a {@code Residual Sum of Squares:} line, and after a
   * line starting with {@code Data:} (the second one) the observations as {@code y x} pairs.
   */
  public static NistDataset load(String name) {
    String resource = "data/" + name + ".dat";
    List<double[]> parameters = new ArrayList<>();
    List<double[]> observations = new ArrayList<>();
    double rss = Double.NaN;
    try (InputStream in = NistDataset.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int dataHeaders = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] f = line.strip().split("\\s+");
        if (dataHeaders == 2 && f.length == 2) {
          observations.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
        } else if (line.startsWith("Data:")) {
          dataHeaders++;
        } else if (f.length == 6 && f[0].matches("b\\d+") && f[1].equals("=")) {
          parameters.add(new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3]),
              Double.parseDouble(f[4])});
        } else if (line.startsWith("Residual Sum of Squares:")) {
          rss = Double.parseDouble(f[f.length - 1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (parameters.isEmpty() || observations.isEmpty() || Double.isNaN(rss)) {
      throw new IllegalStateException(resource + " is not in NIST's StRD format");
    }
    int p = parameters.size();
    double[] start1 = new double[p];
    double[] start2 = new double[p];
    double[] certified = new double[p];
    for (int j = 0; j < p; j++) {
      start1[j] = parameters.get(j)[0];
      start2[j] = parameters.get(j)[1];
      certified[j] = parameters.get(j)[2];
    }
    double[] x = new double[observations.size()];
    double[] y = new double[observations.size()];
    for (int i = 0; i < x.length; i++) {
      y[i] = observations.get(i)[0];
      x[i] = observations.get(i)[1];
    }
    return new NistDataset(name, x, y, start1, start2, certified, rss);
  }
}
