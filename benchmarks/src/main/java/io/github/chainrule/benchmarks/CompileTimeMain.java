package io.github.chainrule.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Issue "benchmarks", compile time: javac on one generated source file with 50 {@code
 * @Differentiable} methods, with the Chainrule processor ({@code -processorpath}) and without it
 * ({@code -proc:none}), in this JVM through {@code javax.tools}. Prints the first (cold) run of
 * each and the median of the following runs (alternating, after warm-up).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.chainrule.benchmarks.CompileTimeMain
 * <processor.jar> <runtime.jar> [runs]}
 */
public final class CompileTimeMain {

  private CompileTimeMain() {}

  /** Five templates, ten variants each: straight-line, loops, calls, branches, array outputs. */
  static String source(int methods) {
    StringBuilder b = new StringBuilder();
    b.append("package gen;\n\nimport io.github.chainrule.Differentiable;\n\n");
    b.append("public final class Fifty {\n  private Fifty() {}\n");
    for (int m = 0; m < methods; m++) {
      b.append("\n  @Differentiable\n");
      switch (m % 5) {
        case 0 -> b.append(String.format(Locale.ROOT,
            "  public static double m%d(double x, double y) {%n"
                + "    return Math.sin(x * y) + %d * x * x * y - Math.exp(y / (1 + x * x));%n  }%n",
            m, m + 1));
        case 1 -> b.append(String.format(Locale.ROOT,
            "  public static double m%d(double[] x) {%n    double s = 0;%n"
                + "    for (int i = 0; i < x.length - 1; i++) {%n"
                + "      double t = x[i + 1] - x[i] * x[i];%n      double u = %d - x[i];%n"
                + "      s += 100 * t * t + u * u;%n    }%n    return s;%n  }%n", m, m));
        case 2 -> b.append(String.format(Locale.ROOT,
            "  public static double m%d(double[] w, double[] x) {%n    double s = 0;%n"
                + "    for (int r = 0; r < x.length / w.length; r++) {%n      double z = 0;%n"
                + "      for (int j = 0; j < w.length; j++) {%n"
                + "        z += x[r * w.length + j] * w[j];%n      }%n"
                + "      s += Math.log(1 + Math.exp(-z * %d));%n    }%n    return s;%n  }%n",
            m, m));
        case 3 -> b.append(String.format(Locale.ROOT,
            "  public static double m%d(double x, double y, double z) {%n"
                + "    double a = x > y ? x * z : y / (1 + z * z);%n"
                + "    if (a > %d) {%n      a = Math.sqrt(a);%n    } else {%n"
                + "      a = a * a + m%d(x, y);%n    }%n    return a + Math.tanh(z);%n  }%n",
            m, m, m - 3));
        default -> b.append(String.format(Locale.ROOT,
            "  public static double[] m%d(double[] p, double t) {%n"
                + "    double[] y = new double[3];%n"
                + "    y[0] = p[0] * Math.cos(t) + p[1];%n"
                + "    y[1] = p[0] * Math.sin(t) * p[2] + %d;%n"
                + "    y[2] = Math.atan2(p[1], p[2]) * t;%n    return y;%n  }%n", m, m));
      }
    }
    b.append("}\n");
    return b.toString();
  }

  public static void main(String[] args) throws IOException {
    String processor = args[0];
    String runtime = args[1];
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    Path dir = Files.createTempDirectory("chainrule-compile-time");
    Path src = dir.resolve("gen/Fifty.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, source(50));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<Long> with = new ArrayList<>();
    List<Long> without = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      without.add(compile(javac, dir, src, runtime, "-proc:none"));
      with.add(compile(javac, dir, src, runtime, "-processorpath", processor));
    }
    long generatedLines;
    try (var lines = Files.lines(dir.resolve("out-src/gen/FiftyGradient.java"))) {
      generatedLines = lines.count();
    }
    System.out.printf(Locale.ROOT, "50 @Differentiable methods, %d source lines; generated "
        + "FiftyGradient.java: %d lines%n", Files.readAllLines(src).size(), generatedLines);
    System.out.printf(Locale.ROOT, "javac -proc:none:          first %6.0f ms, median of the "
        + "next %d: %6.0f ms%n", without.get(0) / 1e6, runs - 1, median(without) / 1e6);
    System.out.printf(Locale.ROOT, "javac with the processor:  first %6.0f ms, median of the "
        + "next %d: %6.0f ms%n", with.get(0) / 1e6, runs - 1, median(with) / 1e6);
    System.out.printf(Locale.ROOT, "processor's share (warm medians): %+.0f ms, %.2f x javac "
        + "alone (includes compiling the generated file)%n",
        (median(with) - median(without)) / 1e6, (double) median(with) / median(without));
  }

  private static long compile(JavaCompiler javac, Path dir, Path src, String runtime,
      String... extra) throws IOException {
    Path out = dir.resolve("out");
    Path outSrc = dir.resolve("out-src");
    Files.createDirectories(out);
    Files.createDirectories(outSrc);
    List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-s", outSrc.toString(),
        "-cp", runtime, "--release", "17", "-implicit:none", src.toString()));
    options.addAll(0, Arrays.asList(extra));
    long t0 = System.nanoTime();
    int rc = javac.run(null, null, null, options.toArray(new String[0]));
    long t = System.nanoTime() - t0;
    if (rc != 0) {
      throw new IllegalStateException("javac failed: " + options);
    }
    return t;
  }

  private static long median(List<Long> all) {
    List<Long> rest = new ArrayList<>(all.subList(1, all.size()));
    rest.sort(null);
    return rest.get(rest.size() / 2);
  }
}
