package io.github.chainrule.example.outside;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the jars a user gets are: the reactor's own build output (surefire passes the paths, see
 * example-app/pom.xml), or else the local Maven repository that {@code mvn install} filled.
 */
final class Artifacts {

  private Artifacts() {}

  static String version() {
    return property("chainrule.version");
  }

  static Path localRepository() {
    return Path.of(property("chainrule.localRepository"));
  }

  /** The shaded processor jar, as {@code -processorpath} and annotationProcessorPaths use it. */
  static Path processorJar() {
    return jar("chainrule.processorJar", "chainrule-processor");
  }

  /** The runtime jar: the annotations, and the only thing generated code needs at run time. */
  static Path runtimeJar() {
    return jar("chainrule.runtimeJar", "chainrule-runtime");
  }

  static Path readme() {
    Path readme = Path.of(property("chainrule.readme")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(readme)) {
      fail("no README at " + readme);
    }
    return readme;
  }

  private static Path jar(String property, String artifactId) {
    Path built = Path.of(property(property)).toAbsolutePath().normalize();
    if (Files.isRegularFile(built)) {
      return built;
    }
    String version = version();
    Path installed = localRepository().resolve(Path.of("io", "github", "chainrule", artifactId,
        version, artifactId + "-" + version + ".jar"));
    if (Files.isRegularFile(installed)) {
      return installed;
    }
    return fail(artifactId + " jar found neither at " + built + " nor at " + installed
        + "; run `mvn -B install` from the repository root");
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      fail("system property " + name + " is not set: run these tests through Maven"
          + " (example-app/pom.xml sets it for surefire)");
    }
    return value;
  }
}
