package io.github.chainrule.example.outside;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chainrule used from plain javac, the way the README shows:
 * {@code javac -processorpath chainrule-processor.jar -cp chainrule-runtime.jar ...}. Only those
 * two jars are given, so this also proves the processor jar carries its JavaPoet inside
 * (relocated) and needs nothing else.
 */
class PlainJavacTest {

  @TempDir
  Path dir;

  private static final String POLY = """
      package demo;

      import io.github.chainrule.Differentiable;

      public final class Poly {
        private Poly() {}

        @Differentiable
        public static double f(double x) {
          return x * x * x * x + 3 * x * x + 2 * x;
        }

        @Differentiable(wrt = "y")
        public static double g(double x, double y, int n) {
          return n * x * Math.sin(y);
        }
      }
      """;

  private static final String LOOP = """
      package demo;

      import io.github.chainrule.Differentiable;

      public final class Loop {
        @Differentiable
        public static double sum(double[] x) {
          double s = 0;
          for (int i = 0; i < 3; i++) {
            x[i] = s;
          }
          return s;
        }
      }
      """;

  /** The result of one javac run. */
  private record Compilation(boolean success,
      List<Diagnostic<? extends JavaFileObject>> diagnostics, Path classes, Path generated) {
    String report() {
      return diagnostics.stream().map(d -> d.getKind() + " " + d.getLineNumber() + ": "
          + d.getMessage(Locale.ROOT)).collect(Collectors.joining("\n"));
    }
  }

  private Compilation javac(String className, String source) throws IOException {
    Path sources = Files.createDirectories(dir.resolve("src/demo"));
    Path file = Files.writeString(sources.resolve(className + ".java"), source);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path generated = Files.createDirectories(dir.resolve("generated"));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertNotNull(compiler, "tests need a JDK, not a JRE");
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options = List.of(
          "-processorpath", Artifacts.processorJar().toString(),
          "-classpath", Artifacts.runtimeJar().toString(),
          "--release", "17",
          "-d", classes.toString(),
          "-s", generated.toString());
      boolean success = compiler.getTask(null, files, diagnostics, options, null,
          files.getJavaFileObjects(file)).call();
      return new Compilation(success, diagnostics.getDiagnostics(), classes, generated);
    }
  }

  @Test
  void processorJarHasJavaPoetRelocatedInsideAndRegistersItself() throws IOException {
    try (ZipFile jar = new ZipFile(Artifacts.processorJar().toFile())) {
      List<String> names = jar.stream().map(ZipEntry::getName).collect(Collectors.toList());
      assertTrue(names.stream().anyMatch(
              n -> n.startsWith("io/github/chainrule/processor/shaded/javapoet/")),
          "no relocated JavaPoet in " + Artifacts.processorJar());
      List<String> unrelocated = names.stream()
          .filter(n -> n.startsWith("com/palantir/") || n.startsWith("com/squareup/"))
          .collect(Collectors.toList());
      assertEquals(List.of(), unrelocated, "JavaPoet classes outside the shaded package");
      ZipEntry services = jar.getEntry("META-INF/services/javax.annotation.processing.Processor");
      assertNotNull(services, "the processor is not registered through META-INF/services");
      String registered = new String(jar.getInputStream(services).readAllBytes(),
          StandardCharsets.UTF_8).strip();
      assertEquals("io.github.chainrule.processor.ChainruleProcessor", registered);
    }
  }

  @Test
  void thisTestSeesNoProcessorAndNoJavaPoetOnItsOwnClasspath() {
    // javac's processor class loader delegates to this JVM's class path first; if the processor
    // or JavaPoet were here, the next test would prove nothing about the jar's own contents.
    for (String name : List.of("io.github.chainrule.processor.ChainruleProcessor",
        "com.palantir.javapoet.JavaFile", "com.squareup.javapoet.JavaFile")) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
    }
  }

  @Test
  void plainJavacWithProcessorPathGeneratesWorkingDerivatives() throws Exception {
    Compilation c = javac("Poly", POLY);
    assertTrue(c.success(), c.report());
    assertFalse(c.diagnostics().stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR
        || d.getKind() == Diagnostic.Kind.WARNING), c.report());
    assertTrue(Files.isRegularFile(c.generated().resolve("demo/PolyGradient.java")),
        "no generated source");

    // Load what javac wrote with only the runtime jar beside it.
    URL[] path = {c.classes().toUri().toURL(), Artifacts.runtimeJar().toUri().toURL()};
    try (URLClassLoader loader = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
      Class<?> gradient = loader.loadClass("demo.PolyGradient");

      Method fJvp = gradient.getMethod("fJvp", double.class, double.class);
      assertEquals(46.0, fJvp.invoke(null, 2.0, 1.0));
      Method fGradient = gradient.getMethod("fGradient", double.class);
      assertArrayEquals(new double[] {46.0}, (double[]) fGradient.invoke(null, 2.0));
      Method fValueAndGradient =
          gradient.getMethod("fValueAndGradient", double.class, double[].class);
      double[] g = new double[1];
      assertEquals(32.0, fValueAndGradient.invoke(null, 2.0, g));
      assertArrayEquals(new double[] {46.0}, g);

      // wrt = "y": x and n appear once, y is followed by its tangent.
      Method gJvp = gradient.getMethod("gJvp", double.class, double.class, double.class,
          int.class);
      assertEquals(3 * 2 * Math.cos(0.5), (double) gJvp.invoke(null, 2.0, 0.5, 1.0, 3), 1e-15);
      Method gGradient = gradient.getMethod("gGradient", double.class, double.class, int.class);
      assertArrayEquals(new double[] {3 * 2 * Math.cos(0.5)},
          (double[]) gGradient.invoke(null, 2.0, 0.5, 3), 1e-15);
    }
  }

  @Test
  void plainJavacReportsUnsupportedCodeAsATaggedErrorOnItsLine() throws Exception {
    Compilation c = javac("Loop", LOOP);
    assertFalse(c.success(), c.report());
    List<Diagnostic<? extends JavaFileObject>> errors = c.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).collect(Collectors.toList());
    assertEquals(1, errors.size(), c.report());
    assertTrue(errors.get(0).getMessage(Locale.ROOT).contains("[chainrule:"), c.report());
    assertTrue(errors.get(0).getMessage(Locale.ROOT).contains("[chainrule:parameter-array-write]"),
        c.report());
    assertEquals(10, errors.get(0).getLineNumber(),
        "the error belongs on the line that writes into the parameter array");
  }
}
