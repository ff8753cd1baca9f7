package io.github.chainrule.example.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A brand-new Maven project set up exactly as the README tells users: its pom holds project
 * coordinates plus the README's Maven snippet, nothing else (no parent, no pinned plugins beyond
 * what the snippet pins). Maven builds it in a separate process; then the compiled class runs
 * with only the runtime jar beside it.
 */
class FreshMavenProjectTest {

  /** The README marks its Maven snippet with this comment, just before the xml block. */
  static final String SNIPPET_MARKER = "<!-- maven-snippet: tested by FreshMavenProjectTest -->";

  private static final long MAVEN_TIMEOUT_MINUTES = 10;
  private static final long JAVA_TIMEOUT_MINUTES = 1;

  @TempDir
  Path project;

  private static final String MODEL = """
      package com.example;

      import io.github.chainrule.Differentiable;

      public final class Model {
        private Model() {}

        @Differentiable
        public static double f(double x) {
          return x * x * x * x + 3 * x * x + 2 * x;
        }

        public static void main(String[] args) {
          System.out.println("f(2) = " + f(2.0));
          System.out.println("fJvp(2, 1) = " + ModelGradient.fJvp(2.0, 1.0));
          System.out.println("fGradient(2) = " + ModelGradient.fGradient(2.0)[0]);
        }
      }
      """;

  /** The xml block after {@link #SNIPPET_MARKER} in the README. */
  static String readmeSnippet() throws IOException {
    String readme = Files.readString(Artifacts.readme(), StandardCharsets.UTF_8);
    int marker = readme.indexOf(SNIPPET_MARKER);
    assertTrue(marker >= 0, "README has no line " + SNIPPET_MARKER);
    Matcher block = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(marker), "no ```xml block after " + SNIPPET_MARKER);
    return block.group(1);
  }

  @Test
  void readmeSnippetNamesTheCurrentVersion() throws IOException {
    String snippet = readmeSnippet();
    assertTrue(snippet.contains(Artifacts.version()),
        "the README's Maven snippet should name version " + Artifacts.version() + ":\n" + snippet);
  }

  @Test
  void freshProjectWithTheReadmeSnippetBuildsAndRuns() throws Exception {
    Optional<Path> mvn = findOnPath(isWindows() ? List.of("mvn.cmd", "mvn.bat") : List.of("mvn"));
    assumeTrue(mvn.isPresent(), "mvn is not on the PATH");

    String pom = """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>chainrule-user</artifactId>
          <version>1.0</version>

        """ + readmeSnippet() + "</project>\n";
    Files.writeString(project.resolve("pom.xml"), pom);
    Path sources = Files.createDirectories(project.resolve("src/main/java/com/example"));
    Files.writeString(sources.resolve("Model.java"), MODEL);

    // Not -o: a machine whose local repository lacks Maven's default plugins must fetch them.
    Result build = run(MAVEN_TIMEOUT_MINUTES, mvn.get().toString(), "-B", "-q",
        "-Dmaven.repo.local=" + Artifacts.localRepository(), "package");
    assertEquals(0, build.exitCode(), () -> "mvn package failed in " + project + "\npom.xml:\n"
        + pom + "\noutput:\n" + build.output());
    assertTrue(Files.isRegularFile(project.resolve(
            "target/generated-sources/annotations/com/example/ModelGradient.java")),
        "the processor generated no ModelGradient.java");

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = project.resolve("target/classes") + File.pathSeparator
        + Artifacts.runtimeJar();
    Result app = run(JAVA_TIMEOUT_MINUTES, java, "-cp", classPath, "com.example.Model");
    assertEquals(0, app.exitCode(), app.output());
    assertEquals(List.of("f(2) = 32.0", "fJvp(2, 1) = 46.0", "fGradient(2) = 46.0"),
        app.output().lines().toList());
  }

  private record Result(int exitCode, String output) {}

  /** Runs a command in the project directory, output and errors into one log file. */
  private Result run(long timeoutMinutes, String... command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(project, "run-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(project.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    // Left over from the Maven that runs this test; the inner Maven works them out itself.
    env.remove("MAVEN_PROJECTBASEDIR");
    env.remove("MAVEN_CMD_LINE_ARGS");
    env.remove("MAVEN_BASEDIR");
    Process process = builder.start();
    try {
      if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        fail(String.join(" ", command) + " took longer than " + timeoutMinutes + " minutes:\n"
            + Files.readString(log));
      }
      return new Result(process.exitValue(), Files.readString(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static Optional<Path> findOnPath(List<String> names) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    List<Path> candidates = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        names.forEach(name -> candidates.add(Path.of(entry, name)));
      }
    }
    return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("win");
  }
}
