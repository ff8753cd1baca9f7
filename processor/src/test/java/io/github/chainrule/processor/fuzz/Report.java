package io.github.chainrule.processor.fuzz;

import io.github.chainrule.processor.fuzz.Checker.Failure;
import io.github.chainrule.processor.fuzz.Checker.Kind;
import io.github.chainrule.processor.fuzz.Checker.Point;
import io.github.chainrule.processor.fuzz.Fuzzer.Config;
import io.github.chainrule.processor.fuzz.Fuzzer.Found;
import io.github.chainrule.processor.fuzz.Fuzzer.Summary;
import io.github.chainrule.processor.fuzz.ProgramGenerator.Feature;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The text of failures and of the run's summary. */
final class Report {

  private Report() {}

  /** A failure, with its minimal program ready to paste as {@code Repro.java}. */
  static String failure(Found found, Config config) {
    StringBuilder s = new StringBuilder();
    Failure f = found.failure();
    s.append("\n==== chainrule fuzz: ").append(f.key()).append(" in program ")
        .append(found.index()).append(" ====\n");
    s.append("Rerun: -Dchainrule.fuzz.seed=").append(config.seed())
        .append(" -Dchainrule.fuzz.only=").append(found.index());
    if (!config.avoided().equals(Feature.parse(Config.KNOWN_BUGS))) {
      s.append(" -Dchainrule.fuzz.avoid=").append(config.avoided().stream().map(Enum::name)
          .collect(Collectors.joining(",")));
    }
    if (config.maxDepth() != 4 || config.maxStatements() != 12) {
      s.append(" -Dchainrule.fuzz.depth=").append(config.maxDepth())
          .append(" -Dchainrule.fuzz.statements=").append(config.maxStatements());
    }
    s.append('\n');
    Program program = found.minimal() != null ? found.minimal() : found.program();
    Failure shown = found.minimal() != null ? found.minimalFailure() : f;
    if (found.minimal() != null) {
      s.append("Shrunk from ").append(found.program().size()).append(" to ")
          .append(program.size()).append(" nodes.\n");
    }
    s.append("---- Repro.java (ready to paste) ----\n");
    s.append(program.source("", "Repro"));
    s.append("---- end ----\n");
    Point point = shown.point();
    if (point != null) {
      s.append("At: ").append(call(program, shown.kind(), point)).append('\n');
    }
    s.append("Expected vs actual: ").append(shown.detail()).append('\n');
    if (found.minimalGenerated() != null && !found.minimalGenerated().isEmpty()
        && shown.kind() != Kind.GENERATED_COMPILE_ERROR) {
      s.append("---- generated ReproGradient.java (for reference) ----\n");
      List<String> lines = found.minimalGenerated().lines().toList();
      lines.stream().limit(250).forEach(l -> s.append(l).append('\n'));
      if (lines.size() > 250) {
        s.append("... (").append(lines.size() - 250).append(" more lines)\n");
      }
    }
    if (found.minimal() != null) {
      s.append("---- original program ").append(found.index()).append(" ----\n")
          .append(found.program().source("", "P" + found.index()));
    }
    return s.toString();
  }

  /** The Java call that shows the failure, e.g. {@code ReproGradient.fGradient(0.5, 2)}. */
  static String call(Program p, Kind kind, Point point) {
    String args = point.javaArgs();
    return switch (kind) {
      case VALUE_MISMATCH -> "Repro.f(" + args + ") vs ReproGradient.fValueAndGradient(" + args
          + ", new double[" + point.direction().length + "])";
      case JVP_MISMATCH, DOT_PRODUCT_MISMATCH -> "ReproGradient.fJvp("
          + Arrays.stream(Checker.jvpArgs(p, point.args(), point.direction()))
              .map(Checker::java).collect(Collectors.joining(", "))
          + ") vs ReproGradient.fGradient(" + args + ")";
      default -> "ReproGradient.fGradient(" + args + ")";
    };
  }

  static String summary(Summary s, Config config) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "chainrule fuzz: seed %d, programs %s, %d points"
            + " each, depth %d, up to %d statements%n", config.seed(),
        config.only().isEmpty() ? config.start() + ".." + (config.start() + config.programs() - 1)
            : config.only().toString(), config.points(), config.maxDepth(),
        config.maxStatements()));
    if (!config.avoided().isEmpty()) {
      out.append("  avoided constructs: ").append(config.avoided()).append('\n');
    }
    out.append(String.format(Locale.ROOT, "  %d programs, %d compiled cleanly, %d failed%n",
        s.programs, s.compiled, s.failures.size()));
    out.append(String.format(Locale.ROOT, "  %.1f s in all: %.1f s compiling, %.1f s shrinking%n",
        s.millis / 1e3, s.compileMillis / 1e3, s.shrinkMillis / 1e3));
    out.append(String.format(Locale.ROOT, "  points checked %d; skipped for finite differences"
            + " and the dot test: %d (value not finite or above %.0e), %d (a non-finite"
            + " intermediate), %d (intermediates too large for finite differences)%n",
        s.tally.points, s.tally.pointsSkippedForRange, Checker.LARGEST_VALUE,
        s.tally.pointsSkippedNonFinite, s.tally.pointsSkippedNoisy));
    out.append(String.format(Locale.ROOT, "  partial derivatives compared %d, of them skipped %d"
            + " (kink or jump within the step, or too steep for it); directional derivatives"
            + " skipped %d%n", s.tally.coordinates, s.tally.coordinatesSkipped,
        s.tally.directionsSkipped));
    out.append(String.format(Locale.ROOT, "  Hessian-vector product entries compared with"
            + " differences of the gradient %d, of them skipped %d%n", s.tally.hvpEntries,
        s.tally.hvpEntriesSkipped));
    if (!s.failuresByKind.isEmpty()) {
      out.append("  failures by kind: ").append(s.failuresByKind).append('\n');
      Map<String, Long> byKey = s.failures.stream().collect(Collectors.groupingBy(
          f -> f.failure().key(), LinkedHashMap::new, Collectors.counting()));
      byKey.forEach((key, count) -> {
        List<Integer> programs = s.failures.stream().filter(f -> f.failure().key().equals(key))
            .map(Found::index).limit(12).toList();
        out.append(String.format(Locale.ROOT, "    %-60s %5d  e.g. programs %s%n", key, count,
            programs));
      });
    }
    out.append("  coverage (programs containing each construct):\n");
    StringBuilder line = new StringBuilder("   ");
    for (String name : Coverage.names()) {
      String item = " " + name + " " + s.coverage.getOrDefault(name, 0) + ";";
      if (line.length() + item.length() > 100) {
        out.append(line).append('\n');
        line = new StringBuilder("   ");
      }
      line.append(item);
    }
    out.append(line).append('\n');
    return out.toString();
  }
}
