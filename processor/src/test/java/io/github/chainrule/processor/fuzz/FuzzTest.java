package io.github.chainrule.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.processor.fuzz.Fuzzer.Config;
import io.github.chainrule.processor.fuzz.Fuzzer.Found;
import io.github.chainrule.processor.fuzz.Fuzzer.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The random-program fuzzer (see processor/FUZZING.md). By default a short run with a fixed seed,
 * part of the normal test suite; {@code -Dchainrule.fuzz.programs=10000
 * -Dchainrule.fuzz.seed=...} makes it a long run. Each failure is printed with a minimal program
 * ready to paste; the whole report also goes to {@code target/fuzz/report-<seed>.txt}.
 */
class FuzzTest {

  @Test
  void randomProgramsDifferentiateCorrectly() throws IOException {
    Config config = Config.fromSystemProperties();
    StringBuilder failures = new StringBuilder();
    Summary summary = new Fuzzer(config, System.out).run();
    for (Found f : summary.failures) {
      failures.append(Report.failure(f, config));
    }
    String text = Report.summary(summary, config);
    System.out.println(text);
    Path report = Path.of(System.getProperty("chainrule.fuzz.report",
        "target/fuzz/report-" + config.seed() + "-" + config.start() + ".txt"));
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, text + failures, StandardCharsets.UTF_8);
    assertTrue(summary.failures.isEmpty(), () -> summary.failures.size() + " fuzz failures "
        + summary.failuresByKind + "; each is printed above with a minimal program, and all are in "
        + report.toAbsolutePath());
  }
}
