package io.github.chainrule.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JMH JSON result ({@code -rf json}) and prints Markdown: the raw times (JMH's mean with
 * its 99.9% error, and the median and minimum of the measurement iterations), the allocation per
 * call ({@code gc.alloc.rate.norm}, when run with {@code -prof gc}), and the ratios per problem.
 *
 * <p>Benchmark methods are named {@code <problem>F}, {@code <problem>Generated<Kind>} and
 * {@code <problem>Hand<Kind>}; the problem may be empty ({@code f}, {@code generatedJvp},
 * {@code handValueAndGradient}). A group is one benchmark class, one problem and one set of
 * {@code @Param} values. In each group every generated or hand-written method is divided by
 * {@code F}, and {@code Generated<Kind>} by {@code Hand<Kind>}.
 *
 * <p>Ratios are of medians over the measurement iterations: on a shared machine a burst of load
 * from another process inflates a few iterations, which moves the mean and its error but hardly
 * the median. When the run used {@link CpuTimeProfiler} the headline (and the target check) is the
 * ratio of the median CPU times per call, which other processes taking the CPU do not inflate;
 * the wall-clock ratios are shown beside it, the ratio of the means with the two 99.9% half-widths
 * combined in quadrature, r·√((εa/a)² + (εb/b)²), an approximation.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.chainrule.benchmarks.RatioReport result.json}
 */
public final class RatioReport {

  /** The targets for reverse mode: ≤ 2× the function, ≤ 1.2× the hand-written code. */
  static final double TARGET_VS_F = 2.0;

  static final double TARGET_VS_HAND = 1.2;

  /** The problems the time targets are set for (the loop-free ones are a few ns: only indicative). */
  static final Set<String> TIME_TARGETS = Set.of("RosenbrockBench", "LogisticBench");

  /** The problems whose reverse mode must not allocate: below 1 B/op is JMH's own noise. */
  static final Set<String> ALLOCATION_TARGETS = Set.of("ScalarBench");

  private static final Pattern METHOD =
      Pattern.compile("^(.*?)(?:([fF])|([gG]enerated|[hH]and|[hH]ipparchus|[fF]d)(\\w+))$");

  /**
   * Targets of the later issues ("calls", "higher-order", "benchmarks"), keyed by benchmark
   * class and ratio ({@code role ÷ role}); a negative value is a lower bound (≥ |value|).
   */
  static final Map<String, Double> MORE_TARGETS = Map.of(
      "GmmBench GeneratedValueAndGradient/F", 1.5,
      "HvpBench GeneratedHvp/F", 4.0,
      "BaBench GeneratedJacobian/F", 6.0,
      "CompareRosenbrockBench(n=100) HipparchusGradient/GeneratedValueAndGradient", -30.0);

  static double moreTarget(Row a, String roleA, String roleB) {
    Double t = MORE_TARGETS.get(a.benchmarkClass + " " + roleA + "/" + roleB);
    if (t == null) {
      t = MORE_TARGETS.get(a.benchmarkClass + "(" + a.params + ") " + roleA + "/" + roleB);
    }
    return t == null ? Double.NaN : t;
  }

  private RatioReport() {}

  /** One benchmark with one set of parameters. */
  static final class Row {
    String benchmarkClass;
    String method;
    String params;
    double mean;
    double error;
    double median;
    double min;
    String unit;
    double allocPerOp = Double.NaN;
    double cpuMedian = Double.NaN;

    /** The time the ratios are judged on: CPU time if measured, else wall-clock time. */
    double headline() {
      return Double.isNaN(cpuMedian) ? median : cpuMedian;
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: RatioReport <jmh-result.json>");
      System.exit(2);
    }
    String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    List<?> results = (List<?>) Json.parse(json);
    System.out.print(environment(results));
    System.out.print(report(rows(results)));
  }

  static String environment(List<?> results) {
    if (results.isEmpty()) {
      return "";
    }
    Map<?, ?> first = (Map<?, ?>) results.get(0);
    return String.format(Locale.ROOT,
        "JMH %s, %s %s (%s), forked JVM arguments %s; %s fork(s), %s warm-up iteration(s) of %s, "
            + "%s measurement iteration(s) of %s.%n%n",
        first.get("jmhVersion"), first.get("vmName"), first.get("vmVersion"),
        first.get("jdkVersion"), first.get("jvmArgs"), integer(first.get("forks")),
        integer(first.get("warmupIterations")), first.get("warmupTime"),
        integer(first.get("measurementIterations")), first.get("measurementTime"));
  }

  static List<Row> rows(List<?> results) {
    List<Row> rows = new ArrayList<>();
    for (Object o : results) {
      Map<?, ?> result = (Map<?, ?>) o;
      Row row = new Row();
      String name = (String) result.get("benchmark");
      int dot = name.lastIndexOf('.');
      String className = name.substring(0, dot);
      row.benchmarkClass = className.substring(className.lastIndexOf('.') + 1);
      row.method = name.substring(dot + 1);
      StringBuilder params = new StringBuilder();
      Object p = result.get("params");
      if (p instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
          params.append(params.length() == 0 ? "" : ", ").append(e.getKey()).append('=')
              .append(e.getValue());
        }
      }
      row.params = params.toString();
      Map<?, ?> primary = (Map<?, ?>) result.get("primaryMetric");
      row.mean = number(primary.get("score"));
      row.error = number(primary.get("scoreError"));
      row.unit = (String) primary.get("scoreUnit");
      List<Double> samples = samples(primary);
      row.min = samples.isEmpty() ? Double.NaN : samples.get(0);
      row.median = median(samples);
      Object secondary = result.get("secondaryMetrics");
      if (secondary instanceof Map<?, ?> map) {
        if (map.get("gc.alloc.rate.norm") instanceof Map<?, ?> a) {
          row.allocPerOp = number(a.get("score"));
        }
        if (map.get("cpu.time") instanceof Map<?, ?> c) {
          if (!row.unit.equals(c.get("scoreUnit"))) {
            throw new IllegalArgumentException("cpu.time in " + c.get("scoreUnit") + ", not "
                + row.unit + ": " + name);
          }
          row.cpuMedian = median(samples(c));
        }
      }
      rows.add(row);
    }
    return rows;
  }

  /** The iteration scores of a metric, every fork, sorted. */
  private static List<Double> samples(Map<?, ?> metric) {
    List<Double> samples = new ArrayList<>();
    Object raw = metric.get("rawData");
    if (raw instanceof List<?> forks) {
      for (Object fork : forks) {
        for (Object v : (List<?>) fork) {
          samples.add(number(v));
        }
      }
    }
    Collections.sort(samples);
    return samples;
  }

  private static double median(List<Double> sorted) {
    int n = sorted.size();
    return n == 0 ? Double.NaN
        : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static String report(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append("### Raw results (per call; wall-clock unless marked CPU)\n\n");
    out.append("| benchmark | params | mean | ± 99.9% | median | min | CPU median | unit "
        + "| alloc B/op |\n");
    out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n");
    for (Row r : rows) {
      out.append(String.format(Locale.ROOT, "| %s.%s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          r.benchmarkClass, r.method, r.params, fmt(r.mean), fmt(r.error), fmt(r.median),
          fmt(r.min), Double.isNaN(r.cpuMedian) ? "–" : fmt(r.cpuMedian), r.unit,
          Double.isNaN(r.allocPerOp) ? "–" : fmt(r.allocPerOp)));
    }

    // group → role ("F", "GeneratedJvp", "HandValueAndGradient", ...) → row
    Map<String, Map<String, Row>> groups = new LinkedHashMap<>();
    for (Row r : rows) {
      Matcher m = METHOD.matcher(r.method);
      if (!m.matches()) {
        continue;
      }
      String problem = m.group(1);
      String role = m.group(2) != null ? "F" : capitalize(m.group(3)) + m.group(4);
      String group = r.benchmarkClass + (problem.isEmpty() ? "" : " " + problem)
          + (r.params.isEmpty() ? "" : " (" + r.params + ")");
      groups.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(role, r);
    }

    out.append("\n### Ratios\n\n");
    out.append("| problem | ratio | CPU (median) | wall (median) | wall (mean ± err) | target "
        + "| met |\n");
    out.append("| --- | --- | ---: | ---: | ---: | ---: | :---: |\n");
    for (Map.Entry<String, Map<String, Row>> g : groups.entrySet()) {
      Map<String, Row> roles = g.getValue();
      Row f = roles.get("F");
      for (Map.Entry<String, Row> e : roles.entrySet()) {
        String role = e.getKey();
        if (role.equals("F") || f == null) {
          continue;
        }
        double target = role.equals("GeneratedValueAndGradient")
            && TIME_TARGETS.contains(f.benchmarkClass) ? TARGET_VS_F : moreTarget(f, role, "F");
        out.append(ratioLine(g.getKey(), label(role) + " ÷ f", e.getValue(), f, target));
      }
      for (Map.Entry<String, Row> e : roles.entrySet()) {
        String role = e.getKey();
        if (!role.startsWith("Generated")) {
          continue;
        }
        String kind = role.substring("Generated".length());
        Row hand = roles.get("Hand" + kind);
        if (hand != null) {
          double target = kind.equals("ValueAndGradient")
              && TIME_TARGETS.contains(hand.benchmarkClass) ? TARGET_VS_HAND : Double.NaN;
          out.append(ratioLine(g.getKey(), label(role) + " ÷ " + label("Hand" + kind),
              e.getValue(), hand, target));
        }
      }
      // Other tools against the generated reverse mode: how many times slower they are.
      Row generated = roles.get("GeneratedValueAndGradient");
      for (Map.Entry<String, Row> e : roles.entrySet()) {
        String role = e.getKey();
        if (generated == null || !(role.startsWith("Hipparchus") || role.startsWith("Fd"))) {
          continue;
        }
        out.append(ratioLine(g.getKey(), label(role) + " ÷ generated ValueAndGradient",
            e.getValue(), generated, moreTarget(generated, role, "GeneratedValueAndGradient")));
      }
    }

    out.append("\n### Allocation per call (-prof gc): generated reverse mode; every method of Compare*\n\n");
    out.append("| benchmark | params | gc.alloc.rate.norm B/op | target | met |\n");
    out.append("| --- | --- | ---: | ---: | :---: |\n");
    for (Row r : rows) {
      Matcher m = METHOD.matcher(r.method);
      boolean compare = r.benchmarkClass.startsWith("Compare");
      if (!m.matches() || m.group(3) == null || !compare && (!capitalize(m.group(3))
          .equals("Generated") || !m.group(4).equals("ValueAndGradient"))) {
        continue;
      }
      boolean target = ALLOCATION_TARGETS.contains(r.benchmarkClass);
      out.append(String.format(Locale.ROOT, "| %s.%s | %s | %s | %s | %s |%n", r.benchmarkClass,
          r.method, r.params, Double.isNaN(r.allocPerOp) ? "–" : fmt(r.allocPerOp),
          target ? "≈ 0 (< 1)" : "", !target ? "" : r.allocPerOp < 1 ? "yes" : "**no**"));
    }
    return out.toString();
  }

  private static String ratioLine(String group, String name, Row a, Row b, double target) {
    if (!a.unit.equals(b.unit)) {
      throw new IllegalArgumentException("units differ: " + a.unit + " vs " + b.unit);
    }
    double cpu = a.cpuMedian / b.cpuMedian;
    double median = a.median / b.median;
    double mean = a.mean / b.mean;
    double err = mean * Math.hypot(a.error / a.mean, b.error / b.mean);
    double headline = a.headline() / b.headline();
    String t = Double.isNaN(target) ? ""
        : String.format(Locale.ROOT, target < 0 ? "≥ %.1f" : "≤ %.1f", Math.abs(target));
    boolean ok = target < 0 ? headline >= -target : headline <= target;
    String met = Double.isNaN(target) ? "" : ok ? "yes" : "**no**";
    return String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f ± %.2f | %s | %s |%n",
        group, name, Double.isNaN(cpu) ? "–" : String.format(Locale.ROOT, "%.2f", cpu),
        median, mean, err, t, met);
  }

  private static String label(String role) {
    if (role.startsWith("Generated")) {
      return "generated " + role.substring("Generated".length());
    }
    if (role.startsWith("Hand")) {
      return "hand " + role.substring("Hand".length());
    }
    if (role.startsWith("Hipparchus")) {
      return "Hipparchus " + role.substring("Hipparchus".length());
    }
    if (role.startsWith("Fd")) {
      return "central differences";
    }
    return role;
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** JMH writes NaN and infinities as strings. */
  private static double number(Object v) {
    if (v instanceof Double d) {
      return d;
    }
    if (v instanceof String s) {
      return Double.parseDouble(s);
    }
    return Double.NaN;
  }

  private static String integer(Object v) {
    return v instanceof Double d ? String.valueOf(d.longValue()) : String.valueOf(v);
  }

  private static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    double a = Math.abs(v);
    if (a != 0 && a < 0.01) {
      return String.format(Locale.ROOT, "%.1e", v);
    }
    return String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : "%.3f", v);
  }
}
