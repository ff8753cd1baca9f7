package io.github.chainrule.example;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A few line charts in one SVG file, written by hand: the app needs no plotting library. Each
 * {@link Panel} is a chart with its own axes (the y axis linear or logarithmic); panels are laid
 * out two to a row.
 */
public final class SvgPlot {

  private SvgPlot() {}

  /** Colours for the series of a panel, in order (colour-blind safe, after Okabe and Ito). */
  private static final String[] COLOURS =
      {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"};

  private static final int PANEL_WIDTH = 480;
  private static final int PANEL_HEIGHT = 320;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;

  /**
   * One curve of a panel.
   *
   * @param points draw markers only, no line (for observations)
   */
  public record Series(String label, double[] x, double[] y, boolean points) {

    /** A line through (0, y[0]), (1, y[1]), ...: a curve over iterations. */
    public static Series ofValues(String label, double[] y) {
      double[] x = new double[y.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = i;
      }
      return new Series(label, x, y, false);
    }

    /** A line through (0, y[0]), (1, y[1]), ...: a curve over iterations. */
    public static Series ofValues(String label, List<Double> y) {
      return ofValues(label, y.stream().mapToDouble(Double::doubleValue).toArray());
    }
  }

  /** One chart: a title, axis labels, and its curves. */
  public record Panel(String title, String xLabel, String yLabel, boolean logY,
      List<Series> series) {}

  /** Writes the panels to {@code path} as an SVG document, creating its directory if needed. */
  public static void write(Path path, List<Panel> panels) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(path, render(panels), StandardCharsets.UTF_8);
  }

  /** The SVG document for the panels. */
  public static String render(List<Panel> panels) {
    int columns = Math.min(2, Math.max(1, panels.size()));
    int rows = (panels.size() + columns - 1) / columns;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\""
            + " width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
        columns * PANEL_WIDTH, rows * PANEL_HEIGHT));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    for (int i = 0; i < panels.size(); i++) {
      svg.append(String.format(Locale.ROOT, "<g transform=\"translate(%d,%d)\">%n",
          (i % columns) * PANEL_WIDTH, (i / columns) * PANEL_HEIGHT));
      panel(svg, panels.get(i));
      svg.append("</g>\n");
    }
    return svg.append("</svg>\n").toString();
  }

  private static void panel(StringBuilder svg, Panel panel) {
    double plotWidth = PANEL_WIDTH - LEFT - RIGHT;
    double plotHeight = PANEL_HEIGHT - TOP - BOTTOM;
    // The data ranges; on a log axis, only positive values can be shown.
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (Series s : panel.series()) {
      for (int i = 0; i < s.x().length; i++) {
        double y = panel.logY() ? Math.log10(s.y()[i]) : s.y()[i];
        if (Double.isFinite(y) && Double.isFinite(s.x()[i])) {
          xMin = Math.min(xMin, s.x()[i]);
          xMax = Math.max(xMax, s.x()[i]);
          yMin = Math.min(yMin, y);
          yMax = Math.max(yMax, y);
        }
      }
    }
    if (!(xMin <= xMax)) {
      xMin = 0;
      xMax = 1;
      yMin = 0;
      yMax = 1;
    }
    if (!panel.logY()) {
      // Room at the top for the legend, so it does not hide the curves.
      double legend = (16.0 * panel.series().size() + 8) / plotHeight;
      yMax += (yMax - yMin) * legend / (1 - legend);
    }
    double[] xTicks = ticks(xMin, xMax, false);
    double[] yTicks = ticks(yMin, yMax, panel.logY());
    xMin = Math.min(xMin, xTicks[0]);
    xMax = Math.max(xMax, xTicks[xTicks.length - 1]);
    yMin = Math.min(yMin, yTicks[0]);
    yMax = Math.max(yMax, yTicks[yTicks.length - 1]);
    if (xMax == xMin) {
      xMax = xMin + 1;
    }
    if (yMax == yMin) {
      yMax = yMin + 1;
    }
    Scale sx = new Scale(xMin, xMax, LEFT, LEFT + plotWidth);
    Scale sy = new Scale(yMin, yMax, TOP + plotHeight, TOP);

    svg.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"22\" text-anchor=\"middle\" font-size=\"14\""
            + " font-weight=\"bold\">%s</text>%n", PANEL_WIDTH / 2, escape(panel.title())));
    // Grid lines and tick labels.
    for (double t : xTicks) {
      double x = sx.map(t);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\""
          + " stroke=\"#ddd\"/>%n", x, TOP, x, TOP + plotHeight));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\""
          + " text-anchor=\"middle\">%s</text>%n", x, TOP + plotHeight + 16, label(t, false)));
    }
    for (double t : yTicks) {
      double y = sy.map(t);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
          + " stroke=\"#ddd\"/>%n", LEFT, y, LEFT + plotWidth, y));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\""
          + " text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4, label(t, panel.logY())));
    }
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\""
        + " height=\"%.1f\" fill=\"none\" stroke=\"#333\"/>%n", LEFT, TOP, plotWidth, plotHeight));
    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s"
        + "</text>%n", LEFT + plotWidth / 2, PANEL_HEIGHT - 12, escape(panel.xLabel())));
    svg.append(String.format(Locale.ROOT, "<text transform=\"translate(16,%.1f) rotate(-90)\""
        + " text-anchor=\"middle\">%s</text>%n", TOP + plotHeight / 2,
        escape(panel.yLabel() + (panel.logY() ? " (log scale)" : ""))));

    // The curves, markers over lines, and a legend in the top right corner.
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < panel.series().size(); k++) {
      order.add(k);
    }
    order.sort((a, b) -> Boolean.compare(panel.series().get(a).points(),
        panel.series().get(b).points()));
    for (int k : order) {
      Series s = panel.series().get(k);
      String colour = COLOURS[k % COLOURS.length];
      List<String> coordinates = new ArrayList<>();
      for (int i = 0; i < s.x().length; i++) {
        double y = panel.logY() ? Math.log10(s.y()[i]) : s.y()[i];
        if (Double.isFinite(y) && Double.isFinite(s.x()[i])) {
          coordinates.add(String.format(Locale.ROOT, "%.1f,%.1f", sx.map(s.x()[i]), sy.map(y)));
        }
      }
      if (s.points()) {
        for (String c : coordinates) {
          String[] xy = c.split(",");
          svg.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"2.2\""
              + " fill=\"%s\" fill-opacity=\"0.6\"/>%n", xy[0], xy[1], colour));
        }
      } else if (!coordinates.isEmpty()) {
        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\""
            + " stroke-width=\"1.8\" points=\"%s\"/>%n", colour, String.join(" ", coordinates)));
      }
      double legendY = TOP + 16 + 16 * k;
      double legendX = LEFT + plotWidth - 8;
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\""
          + " fill=\"%s\">%s %s</text>%n", legendX, legendY, colour, escape(s.label()),
          s.points() ? "\u25CF" : "\u2014"));
    }
  }

  /** A linear map from data coordinates to picture coordinates. */
  private record Scale(double from, double to, double pictureFrom, double pictureTo) {
    double map(double v) {
      return pictureFrom + (v - from) / (to - from) * (pictureTo - pictureFrom);
    }
  }

  /**
   * Tick positions covering [min, max]: on a log axis (values are log₁₀ already) every power of
   * ten, or every second or fifth one if there are many; otherwise 1, 2 or 5 times a power of ten
   * apart, about five of them.
   */
  private static double[] ticks(double min, double max, boolean log) {
    double step;
    if (log) {
      double span = Math.ceil(max) - Math.floor(min);
      step = span <= 8 ? 1 : span <= 16 ? 2 : 5;
    } else {
      double raw = Math.max(max - min, Math.abs(max) * 1e-9 + 1e-300) / 5;
      double power = Math.pow(10, Math.floor(Math.log10(raw)));
      double fraction = raw / power;
      step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }
    double first = Math.floor(min / step) * step;
    double last = Math.ceil(max / step) * step;
    int count = (int) Math.round((last - first) / step) + 1;
    double[] ticks = new double[Math.max(count, 2)];
    for (int i = 0; i < ticks.length; i++) {
      ticks[i] = first + i * step;
    }
    return ticks;
  }

  private static String label(double tick, boolean log) {
    if (log) {
      return "1e" + Math.round(tick);
    }
    // Six significant digits hide the rounding error of first + i·step (0.30000000000000004).
    return new BigDecimal(tick).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
