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
 * Fisher's Iris data: 150 flowers of three species, four measurements each (sepal length and
 * width, petal length and width, in cm). Read from {@code data/iris.arff} in this app's
 * resources; see {@code data/README.md} there for its source and licence.
 *
 * @param measurements one row of four measurements per flower
 * @param species the species of each flower, e.g. {@code Iris-virginica}
 */
public record Iris(double[][] measurements, String[] species) {

  /** Where the data file is, on the class path. */
  public static final String RESOURCE = "data/iris.arff";

  /** Where the data come from, for the app's output. */
  public static final String SOURCE = "Fisher's Iris data (1936), UCI Machine Learning"
      + " Repository, CC BY 4.0; copy from Weka 3.8.6 (weka-stable.jar, iris.arff)";

  /** The names of the four measurements, in column order. */
  public static final String[] MEASUREMENTS =
      {"sepal length", "sepal width", "petal length", "petal width"};

  /** Reads the 150 flowers from the ARFF file: comment lines start with %, headers with @. */
  public static Iris load() {
    List<double[]> rows = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (InputStream in = Iris.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("%") || line.startsWith("@")) {
          continue;
        }
        String[] fields = line.split(",");
        double[] row = new double[4];
        for (int j = 0; j < 4; j++) {
          row[j] = Double.parseDouble(fields[j]);
        }
        rows.add(row);
        names.add(fields[4]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Iris(rows.toArray(new double[0][]), names.toArray(new String[0]));
  }

  /** The number of flowers. */
  public int size() {
    return species.length;
  }
}
