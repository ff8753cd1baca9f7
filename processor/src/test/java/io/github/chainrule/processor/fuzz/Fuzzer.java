package io.github.chainrule.processor.fuzz;

import io.github.chainrule.processor.fuzz.Checker.Failure;
import io.github.chainrule.processor.fuzz.Checker.Kind;
import io.github.chainrule.processor.fuzz.Checker.Methods;
import io.github.chainrule.processor.fuzz.Checker.Point;
import io.github.chainrule.processor.fuzz.Checker.Tally;
import io.github.chainrule.processor.fuzz.ProgramGenerator.Feature;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * The driver: generates programs in batches, compiles each batch in one javac call with the
 * processor, runs the {@link Checker} on every program at a few random points, and shrinks each
 * new kind of failure to a small program that still fails the same way.
 */
final class Fuzzer {

  static final String PACKAGE = "fuzz";

  /** The run's settings, from system properties {@code chainrule.fuzz.*}. */
  record Config(long seed, int start, int programs, List<Integer> only, int batch, int points,
      Set<Feature> avoided, int maxDepth, int maxStatements, boolean shrink, int shrinksPerKind,
      long shrinkSeconds, long timeoutSeconds, boolean verbose) {

    /**
     * The constructs avoided unless told otherwise ({@code -Dchainrule.fuzz.avoid=} with an empty
     * list turns them back on): each trips a known processor bug, listed in FUZZING.md.
     */
    static final String KNOWN_BUGS = "ARRAY_IN_LOOP";

    static Config fromSystemProperties() {
      return new Config(
          Long.getLong("chainrule.fuzz.seed", 20240611L),
          Integer.getInteger("chainrule.fuzz.start", 0),
          Integer.getInteger("chainrule.fuzz.programs", 300),
          Arrays.stream(System.getProperty("chainrule.fuzz.only", "").split("[,\\s]+"))
              .filter(t -> !t.isBlank()).map(Integer::valueOf).toList(),
          Integer.getInteger("chainrule.fuzz.batch", 50),
          Integer.getInteger("chainrule.fuzz.points", 3),
          Feature.parse(System.getProperty("chainrule.fuzz.avoid", KNOWN_BUGS)),
          Integer.getInteger("chainrule.fuzz.depth", 4),
          Integer.getInteger("chainrule.fuzz.statements", 12),
          Boolean.parseBoolean(System.getProperty("chainrule.fuzz.shrink", "true")),
          Integer.getInteger("chainrule.fuzz.shrinksPerKind", 3),
          Long.getLong("chainrule.fuzz.shrinkSeconds", 90L),
          Long.getLong("chainrule.fuzz.timeoutSeconds", 20L),
          Boolean.getBoolean("chainrule.fuzz.verbose"));
    }
  }

  /** A failing program: the failure, as found and (if shrunk) as minimised. */
  record Found(int index, Program program, Failure failure, Program minimal,
      Failure minimalFailure, String minimalGenerated) {}

  /** Counts of a run. */
  static final class Summary {
    int programs;
    int compiled;
    final Map<Kind, Integer> failuresByKind = new TreeMap<>();
    final List<Found> failures = new ArrayList<>();
    final Tally tally = new Tally();
    final Map<String, Integer> coverage = new TreeMap<>();
    long millis;
    long compileMillis;
    long shrinkMillis;
  }

  private final Config config;
  private final PrintStream out;
  private final ProgramGenerator generator;
  private final MemoryCompiler compiler = new MemoryCompiler();
  private ExecutorService executor = newExecutor();
  private final Map<String, Integer> shrinksByKey = new LinkedHashMap<>();

  Fuzzer(Config config, PrintStream out) {
    this.config = config;
    this.out = out;
    this.generator = new ProgramGenerator(config.avoided(), config.maxDepth(),
        config.maxStatements());
  }

  private static ExecutorService newExecutor() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-check");
      t.setDaemon(true);
      return t;
    });
  }

  /** The seed of program i: a mix of the run's seed and i, so any program can be redone alone. */
  static long programSeed(long seed, int index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  Summary run() {
    Summary summary = new Summary();
    long started = System.nanoTime();
    List<Integer> indices = new ArrayList<>(config.only());
    if (indices.isEmpty()) {
      for (int i = config.start(); i < config.start() + config.programs(); i++) {
        indices.add(i);
      }
    }
    try {
      for (int first = 0; first < indices.size(); first += config.batch()) {
        Map<Integer, Program> batch = new LinkedHashMap<>();
        for (int i : indices.subList(first, Math.min(first + config.batch(), indices.size()))) {
          batch.put(i, generator.generate(programSeed(config.seed(), i)));
        }
        runBatch(batch, summary);
        summary.programs += batch.size();
        if (config.verbose() || (summary.programs % 1000 == 0)) {
          out.printf(Locale.ROOT, "fuzz: %d programs, %d failures, %.1f s%n", summary.programs,
              summary.failures.size(), (System.nanoTime() - started) / 1e9);
        }
      }
    } finally {
      executor.shutdownNow();
      compiler.close();
    }
    summary.millis = (System.nanoTime() - started) / 1_000_000;
    return summary;
  }

  private static String className(int index) {
    return PACKAGE + ".P" + index;
  }

  // Compilation.

  /** The result of compiling a batch: loaded methods per program, or its failure. */
  private record Compiled(Map<Integer, Methods> methods, Map<Integer, Failure> failures,
      Map<Integer, String> generated) {}

  /**
   * Compiles programs (index → program) under class names prefix + index, isolating the
   * programs whose compilation fails and compiling the rest again, until what is left compiles.
   */
  private Compiled compile(Map<Integer, Program> programs, String prefix, Summary summary) {
    Map<Integer, Failure> failures = new LinkedHashMap<>();
    Map<Integer, Program> left = new LinkedHashMap<>(programs);
    for (int attempt = 0; attempt < programs.size() + 3 && !left.isEmpty(); attempt++) {
      Map<String, String> sources = new LinkedHashMap<>();
      Map<String, Integer> byClass = new LinkedHashMap<>();
      left.forEach((i, p) -> {
        String simple = prefix + i;
        sources.put(PACKAGE + "." + simple, p.source(PACKAGE, simple));
        sources.put(PACKAGE + "." + simple + "Probe", p.source(PACKAGE, simple + "Probe", true));
        byClass.put(PACKAGE + "." + simple, i);
        byClass.put(PACKAGE + "." + simple + "Probe", i);
        byClass.put(PACKAGE + "." + simple + "Gradient", i);
      });
      long t0 = System.nanoTime();
      MemoryCompiler.Result result = compiler.compile(sources, true);
      if (summary != null) {
        summary.compileMillis += (System.nanoTime() - t0) / 1_000_000;
      }
      if (result.crash != null) {
        if (left.size() == 1) {
          int i = left.keySet().iterator().next();
          failures.put(i, new Failure(Kind.COMPILER_CRASH, Kind.COMPILER_CRASH + " "
              + result.crash.getClass().getSimpleName(), "javac threw " + stackTrace(result.crash),
              null));
          left.clear();
          break;
        }
        // Isolate the culprit: compile each program on its own.
        for (Map.Entry<Integer, Program> e : new ArrayList<>(left.entrySet())) {
          Compiled alone = compile(Map.of(e.getKey(), e.getValue()), prefix, summary);
          failures.putAll(alone.failures());
        }
        left.keySet().removeAll(failures.keySet());
        continue;
      }
      if (result.success) {
        ClassLoader loader = result.loader();
        Map<Integer, Methods> methods = new LinkedHashMap<>();
        Map<Integer, String> generated = new LinkedHashMap<>();
        for (Map.Entry<Integer, Program> e : left.entrySet()) {
          String name = PACKAGE + "." + prefix + e.getKey();
          generated.put(e.getKey(), result.generated.getOrDefault(name + "Gradient", ""));
          try {
            Class<?> source = loader.loadClass(name);
            Class<?> gradient = loader.loadClass(name + "Gradient");
            Class<?> probe = loader.loadClass(name + "Probe");
            methods.put(e.getKey(), Methods.find(source, gradient, probe));
          } catch (ClassNotFoundException | LinkageError ex) {
            failures.put(e.getKey(), Failure.of(Kind.MISSING_GENERATED,
                "no generated class " + name + "Gradient (" + ex + "); diagnostics: "
                    + diagnosticsText(result.diagnostics), null));
          }
        }
        return new Compiled(methods, failures, generated);
      }
      // Attribute the errors to programs.
      Map<Integer, List<Diagnostic<? extends JavaFileObject>>> errors = new LinkedHashMap<>();
      List<Diagnostic<? extends JavaFileObject>> unattributed = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : result.diagnostics) {
        if (d.getKind() != Diagnostic.Kind.ERROR) {
          continue;
        }
        Integer i = byClass.get(MemoryCompiler.classOf(d));
        if (i == null) {
          unattributed.add(d);
        } else {
          errors.computeIfAbsent(i, k -> new ArrayList<>()).add(d);
        }
      }
      if (errors.isEmpty()) {
        if (left.size() == 1) {
          int i = left.keySet().iterator().next();
          failures.put(i, Failure.of(Kind.PROCESSOR_ERROR, "compilation failed without an error"
              + " on a source: " + diagnosticsText(unattributed), null));
          left.clear();
          break;
        }
        for (Map.Entry<Integer, Program> e : new ArrayList<>(left.entrySet())) {
          Compiled alone = compile(Map.of(e.getKey(), e.getValue()), prefix, summary);
          failures.putAll(alone.failures());
        }
        left.keySet().removeAll(failures.keySet());
        continue;
      }
      List<Integer> processorErrors = new ArrayList<>();
      for (Map.Entry<Integer, List<Diagnostic<? extends JavaFileObject>>> e : errors.entrySet()) {
        int i = e.getKey();
        String sourceClass = PACKAGE + "." + prefix + i;
        Diagnostic<? extends JavaFileObject> first = e.getValue().get(0);
        String message = first.getMessage(Locale.ROOT);
        String text = diagnosticsText(e.getValue());
        if (MemoryCompiler.classOf(first).equals(sourceClass + "Probe")) {
          failures.put(i, new Failure(Kind.INVALID_PROGRAM, "INVALID_PROGRAM",
              "javac rejects the probe copy: " + text, null));
        } else if (MemoryCompiler.classOf(first).equals(sourceClass)) {
          Matcher tag = Pattern.compile("\\[chainrule:([a-z-]+)]").matcher(message);
          if (tag.find()) {
            failures.put(i, new Failure(Kind.PROCESSOR_ERROR, "PROCESSOR_ERROR " + tag.group(1)
                + internalErrorKey(message), text, null));
            processorErrors.add(i);
          } else {
            failures.put(i, new Failure(Kind.INVALID_PROGRAM, "INVALID_PROGRAM",
                "javac rejects the program itself: " + text, null));
          }
        } else {
          failures.put(i, new Failure(Kind.GENERATED_COMPILE_ERROR, "GENERATED_COMPILE_ERROR "
              + normalise(message), text + "\n" + numbered(result.generated.getOrDefault(
                  sourceClass + "Gradient", "")), null));
        }
      }
      // A processor error on a program javac itself rejects is the generator's fault.
      // (javac reports flow errors such as "might not have been initialized" for the first
      // class that has them only: compile again without the culprits until none is left.)
      List<Integer> unchecked = new ArrayList<>(processorErrors);
      while (!unchecked.isEmpty()) {
        Map<String, String> plainSources = new LinkedHashMap<>();
        for (int i : unchecked) {
          plainSources.put(PACKAGE + "." + prefix + i, left.get(i).source(PACKAGE, prefix + i));
        }
        MemoryCompiler.Result plain = compiler.compile(plainSources, false);
        boolean found = false;
        for (Diagnostic<? extends JavaFileObject> d : plain.diagnostics) {
          Integer i = byClass.get(MemoryCompiler.classOf(d));
          if (d.getKind() == Diagnostic.Kind.ERROR && i != null && unchecked.remove(i)) {
            failures.put(i, new Failure(Kind.INVALID_PROGRAM, "INVALID_PROGRAM",
                "javac rejects the program itself: " + d.getMessage(Locale.ROOT), null));
            found = true;
          }
        }
        if (!found) {
          break;
        }
      }
      left.keySet().removeAll(failures.keySet());
    }
    for (int i : left.keySet()) {
      failures.put(i, Failure.of(Kind.GENERATED_COMPILE_ERROR, "the batch never compiled", null));
    }
    return new Compiled(Map.of(), failures, Map.of());
  }

  private static String internalErrorKey(String message) {
    Matcher m = Pattern.compile("internal error while differentiating \\w+: ([\\w.$]+)")
        .matcher(message);
    return m.find() ? " " + m.group(1) : "";
  }

  /** A javac message without names and positions, to group failures. */
  private static String normalise(String message) {
    String first = message.lines().findFirst().orElse("");
    return first.replaceAll("\\b[a-z]\\w*\\d+\\b", "_").replaceAll("\\d+", "N");
  }

  private static String diagnosticsText(List<Diagnostic<? extends JavaFileObject>> list) {
    StringBuilder text = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : list) {
      String file = MemoryCompiler.classOf(d);
      text.append(d.getKind()).append(' ').append(file.isEmpty() ? "" : file + ":")
          .append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
    }
    return text.toString();
  }

  static String numbered(String source) {
    StringBuilder out = new StringBuilder();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      out.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines[i]));
    }
    return out.toString();
  }

  private static String stackTrace(Throwable t) {
    StringBuilder s = new StringBuilder(t.toString());
    StackTraceElement[] trace = t.getStackTrace();
    for (int i = 0; i < Math.min(8, trace.length); i++) {
      s.append("\n    at ").append(trace[i]);
    }
    return s.toString();
  }

  // Checking.

  private List<Point> points(Program p) {
    Random r = new Random(p.seed * 31 + 7);
    List<Point> points = new ArrayList<>();
    for (int k = 0; k < config.points(); k++) {
      points.add(Checker.randomPoint(p, r));
    }
    return points;
  }

  /** Checks p at the points, on the checker thread, with a time limit. */
  private Failure checkAll(Program p, Methods m, List<Point> points, Tally tally) {
    Future<Failure> future = executor.submit(() -> {
      for (Point point : points) {
        Failure f = Checker.check(p, m, point, tally);
        if (f != null) {
          return f;
        }
      }
      return null;
    });
    try {
      return future.get(config.timeoutSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      executor.shutdownNow();
      executor = newExecutor();
      return Failure.of(Kind.TIMEOUT, "no result after " + config.timeoutSeconds() + " s",
          points.get(0));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      return Failure.of(Kind.EXCEPTION, "the checker threw " + stackTrace(e.getCause()),
          points.get(0));
    }
  }

  private void runBatch(Map<Integer, Program> batch, Summary summary) {
    batch.forEach((i, p) -> Coverage.count(p.source(PACKAGE, "P" + i), summary.coverage));
    Compiled compiled = compile(batch, "P", summary);
    summary.compiled += compiled.methods().size();
    Map<Integer, Failure> failures = new TreeMap<>(compiled.failures());
    for (Map.Entry<Integer, Methods> e : compiled.methods().entrySet()) {
      Program p = batch.get(e.getKey());
      Failure f = checkAll(p, e.getValue(), points(p), summary.tally);
      if (f != null) {
        failures.put(e.getKey(), f);
      }
    }
    for (Map.Entry<Integer, Failure> e : failures.entrySet()) {
      int i = e.getKey();
      Program p = batch.get(i);
      Failure f = e.getValue();
      summary.failuresByKind.merge(f.kind(), 1, Integer::sum);
      Found found = new Found(i, p, f, null, null, null);
      int shrinks = shrinksByKey.getOrDefault(f.key(), 0);
      // A wrong number can have many causes: shrink more of those than of compile errors.
      int limit = f.point() != null ? 8 * config.shrinksPerKind() : config.shrinksPerKind();
      if (config.shrink() && shrinks < limit && f.kind() != Kind.INVALID_PROGRAM) {
        shrinksByKey.put(f.key(), shrinks + 1);
        long t0 = System.nanoTime();
        found = shrink(found);
        summary.shrinkMillis += (System.nanoTime() - t0) / 1_000_000;
      }
      summary.failures.add(found);
      out.println(Report.failure(found, config));
    }
  }

  // Shrinking.

  /** Evaluates candidates (compiled together) at the failure's point; null where they pass. */
  private List<Failure> evaluate(List<Program> candidates, Failure original) {
    Map<Integer, Program> numbered = new LinkedHashMap<>();
    for (int k = 0; k < candidates.size(); k++) {
      numbered.put(k, candidates.get(k));
    }
    Compiled compiled = compile(numbered, "S", null);
    List<Failure> results = new ArrayList<>();
    for (int k = 0; k < candidates.size(); k++) {
      Failure f = compiled.failures().get(k);
      if (f == null && compiled.methods().containsKey(k) && original.point() != null) {
        f = checkAll(candidates.get(k), compiled.methods().get(k), List.of(original.point()),
            new Tally());
      }
      results.add(f);
    }
    return results;
  }

  private static boolean reproduces(Failure candidate, Failure original) {
    return candidate != null && candidate.kind() != Kind.INVALID_PROGRAM
        && candidate.shape().equals(original.shape());
  }

  private Found shrink(Found found) {
    long deadline = System.nanoTime() + config.shrinkSeconds() * 1_000_000_000L;
    Program current = found.program();
    Failure failure = found.failure();
    boolean progress = true;
    while (progress && System.nanoTime() < deadline) {
      progress = false;
      List<Program> candidates = Shrinker.candidates(current);
      for (int from = 0; from < candidates.size() && System.nanoTime() < deadline;
          from += 40) {
        List<Program> chunk = candidates.subList(from, Math.min(from + 40, candidates.size()));
        List<Failure> results = evaluate(chunk, found.failure());
        for (int k = 0; k < chunk.size(); k++) {
          if (reproduces(results.get(k), found.failure())) {
            current = chunk.get(k);
            failure = results.get(k);
            progress = true;
            break;
          }
        }
        if (progress) {
          break;
        }
      }
    }
    // The generated code of the minimal program, for the report.
    MemoryCompiler.Result result = compiler.compile(
        Map.of(PACKAGE + ".Repro", current.source(PACKAGE, "Repro")), true);
    String generated = result.generated.getOrDefault(PACKAGE + ".ReproGradient", "");
    return new Found(found.index(), found.program(), found.failure(), current, failure,
        generated);
  }
}
