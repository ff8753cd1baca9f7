package io.github.chainrule.example;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the example's numbers next to what they should be, and remembers every mismatch, so the
 * app can exit non-zero and the tests can fail on exactly the same checks.
 */
public final class Checks {

  private final PrintStream out;
  private final List<String> failures = new ArrayList<>();
  private int count;

  public Checks(PrintStream out) {
    this.out = out;
  }

  /** Starts a demo's section of the output. */
  public void heading(String title) {
    out.println();
    out.println(title);
  }

  /** A line of information, not a check. */
  public void info(String format, Object... args) {
    out.println("   " + String.format(Locale.ROOT, format, args));
  }

  /** Checks {@code actual} against {@code expected} to a relative tolerance (0: exactly). */
  public void compare(String label, double actual, double expected, double tolerance) {
    double error = relativeError(actual, expected);
    // Double.toString: the shortest decimal that reads back as exactly this double.
    record(label, error <= tolerance, String.format(Locale.ROOT,
        "%-30s %-20s expected %-20s rel. error %7.1e", label, actual, expected, error));
  }

  /**
   * Checks generated derivatives against central finite differences: the largest relative error
   * over all entries must be within the tolerance.
   */
  public void finiteDifferences(String label, double[] derivatives, double[] differences,
      double tolerance) {
    double worst = maxRelativeError(derivatives, differences);
    record(label, worst <= tolerance, String.format(Locale.ROOT,
        "%-30s max rel. error vs central differences %7.1e (tolerance %.0e)", label, worst,
        tolerance));
  }

  /** As {@link #finiteDifferences(String, double[], double[], double)}, for a matrix. */
  public void finiteDifferences(String label, double[][] derivatives, double[][] differences,
      double tolerance) {
    record(label, maxRelativeError(derivatives, differences) <= tolerance, String.format(
        Locale.ROOT, "%-30s max rel. error vs central differences %7.1e (tolerance %.0e)",
        label, maxRelativeError(derivatives, differences), tolerance));
  }

  /** Checks a condition that is not a comparison of two numbers. */
  public void require(String label, boolean condition, String detail) {
    record(label, condition, String.format(Locale.ROOT, "%-30s %s", label, detail));
  }

  private void record(String label, boolean ok, String line) {
    count++;
    out.println("   " + line + "   " + (ok ? "OK" : "MISMATCH"));
    if (!ok) {
      failures.add(line.strip());
    }
  }

  /** |actual − expected| / |expected|, or the absolute error when expected is 0; NaN stays NaN. */
  public static double relativeError(double actual, double expected) {
    if (actual == expected) {
      return 0;
    }
    double scale = Math.abs(expected);
    return Math.abs(actual - expected) / (scale == 0 ? 1 : scale);
  }

  /** The largest {@link #relativeError} over the entries; NaN if the lengths differ. */
  public static double maxRelativeError(double[] actual, double[] expected) {
    double worst = actual.length == expected.length ? 0 : Double.NaN;
    for (int i = 0; i < Math.min(actual.length, expected.length); i++) {
      worst = Math.max(worst, relativeError(actual[i], expected[i]));
    }
    return worst;
  }

  /** The largest {@link #relativeError} over the entries; NaN if the shapes differ. */
  public static double maxRelativeError(double[][] actual, double[][] expected) {
    double worst = actual.length == expected.length ? 0 : Double.NaN;
    for (int i = 0; i < Math.min(actual.length, expected.length); i++) {
      worst = Math.max(worst, maxRelativeError(actual[i], expected[i]));
    }
    return worst;
  }

  /** How many checks ran. */
  public int count() {
    return count;
  }

  /** The lines of the checks that failed; empty when all passed. */
  public List<String> failures() {
    return List.copyOf(failures);
  }
}
