package io.github.chainrule.processor.calls;

import static io.github.chainrule.processor.calls.CallsNumeric.assertArrayClose;
import static io.github.chainrule.processor.calls.CallsNumeric.assertBothModes;
import static io.github.chainrule.processor.calls.CallsNumeric.assertHessianMatchesGradientDifferences;
import static io.github.chainrule.processor.calls.CallsNumeric.p;
import static io.github.chainrule.processor.calls.CallsNumeric.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.chainrule.Differentiable;
import io.github.chainrule.processor.ChainruleProcessor;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls into a library compiled earlier: the library is compiled here with the processor, its
 * classes (with the generated {@code LibGradient}) packed into a jar, and a caller is compiled
 * against that jar only — the library's sources are not visible. The caller's generated code must
 * call the library's generated entry points, not re-derive the library's bodies, and its numbers
 * must be right.
 */
class LibraryJarTest {

  @TempDir
  Path work;

  static final String LIBRARY = """
      package jarlib;

      import io.github.chainrule.CustomDerivative;
      import io.github.chainrule.Differentiable;

      public final class Lib {
        private Lib() {}

        @Differentiable
        public static double g(double[] w, double y) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            s += Math.sin(w[i] * y) + w[i] * w[i] * y;
          }
          return s;
        }

        @Differentiable
        public static double sq(double x) {
          return x * x;
        }

        /** erf by its Maclaurin series; a switch, which a @Differentiable body may not use. */
        @CustomDerivative(partials = "erfPrime")
        public static double erf(double x) {
          switch ((int) Math.signum(x)) {
            case 0: return x;
            default: break;
          }
          double sum = 0;
          double power = x;
          for (int n = 0; n < 120; n++) {
            sum += power / (2 * n + 1);
            power *= -x * x / (n + 1);
          }
          return 2 / Math.sqrt(Math.PI) * sum;
        }

        @Differentiable
        public static double erfPrime(double x) {
          return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
        }
      }
      """;

  static final String CALLER = """
      package jarapp;

      import io.github.chainrule.Differentiable;
      import jarlib.Lib;

      public final class App {
        private App() {}

        @Differentiable
        public static double f(double[] w, double x) {
          double s = 0;
          for (int i = 0; i < w.length; i++) {
            s += Lib.sq(w[i] - x);
          }
          return Lib.g(w, x * x) + s + Lib.erf(w[0] * x);
        }
      }
      """;

  /** Where the runtime (the annotations, the tapes) comes from in this test run. */
  static Path runtime() throws Exception {
    return Path.of(Differentiable.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
  }

  /** Compiles with Chainrule in-process; fails the test with javac's diagnostics on error. */
  static void compile(Path sourceDir, List<Path> classpath, Path classes, Path generated,
      String... extraOptions) throws IOException {
    Files.createDirectories(classes);
    Files.createDirectories(generated);
    Path emptySourcePath = Files.createDirectories(classes.resolveSibling("no-sources"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
        StandardCharsets.UTF_8); Stream<Path> walk = Files.walk(sourceDir)) {
      List<Path> sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
      List<String> options = new ArrayList<>(List.of(
          "-classpath", classpath.stream().map(Path::toString)
              .collect(Collectors.joining(java.io.File.pathSeparator)),
          "-sourcepath", emptySourcePath.toString(),
          "-implicit:none",
          "-d", classes.toString(),
          "-s", generated.toString()));
      options.addAll(List.of(extraOptions));
      JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, null,
          files.getJavaFileObjectsFromPaths(sources));
      task.setProcessors(List.of(new ChainruleProcessor()));
      boolean ok = task.call();
      List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).collect(Collectors.toList());
      if (!ok || !errors.isEmpty()) {
        fail("compilation of " + sourceDir + " failed:\n" + diagnostics.getDiagnostics().stream()
            .map(d -> d.toString()).collect(Collectors.joining("\n")));
      }
    }
  }

  /** A jar of the class files under {@code classes} (nothing else). */
  static Path jar(Path classes, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, jarOut);
        jarOut.closeEntry();
      }
    }
    return jar;
  }

  static Path write(Path dir, String qualifiedName, String text) throws IOException {
    Path file = dir.resolve(qualifiedName.replace('.', '/') + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** Builds the library jar, then the caller against it; returns the caller's loader. */
  URLClassLoader buildLibraryAndCaller(String library, String caller, String... libraryOptions)
      throws Exception {
    Path libSources = work.resolve("lib-src");
    write(libSources, "jarlib.Lib", library);
    compile(libSources, List.of(runtime()), work.resolve("lib-classes"),
        work.resolve("lib-generated"), libraryOptions);
    Path jar = jar(work.resolve("lib-classes"), work.resolve("lib.jar"));
    try (JarFile contents = new JarFile(jar.toFile())) {
      List<String> entries = contents.stream().map(JarEntry::getName).toList();
      assertTrue(entries.contains("jarlib/LibGradient.class"), entries::toString);
      assertFalse(entries.stream().anyMatch(e -> e.endsWith(".java")), entries::toString);
    }
    Path appSources = work.resolve("app-src");
    write(appSources, "jarapp.App", caller);
    compile(appSources, List.of(runtime(), jar), work.resolve("app-classes"),
        work.resolve("app-generated"));
    return new URLClassLoader(new URL[] {jar.toUri().toURL(),
        work.resolve("app-classes").toUri().toURL()}, getClass().getClassLoader());
  }

  String callerGeneratedSource() throws IOException {
    return Files.readString(work.resolve("app-generated/jarapp/AppGradient.java"));
  }

  /** A static method found by name (the generated methods are not overloaded). */
  static Method method(Class<?> type, String name) {
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        m.setAccessible(true);
        return m;
      }
    }
    throw new AssertionError(type + " has no method " + name);
  }

  static Object call(Method m, Object... args) {
    try {
      return m.invoke(null, args);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError(m + " failed", e);
    }
  }

  static double erfPrime(double x) {
    return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
  }

  /** ∇f for f(w, x) = g(w, x²) + Σ (wᵢ − x)² + erf(w₀x), from the closed forms of the pieces. */
  static double[] expectedGradient(double[] w, double x) {
    int n = w.length;
    double y = x * x;
    double[] g = new double[n + 1];
    double dy = 0;
    for (int i = 0; i < n; i++) {
      g[i] = y * Math.cos(w[i] * y) + 2 * w[i] * y + 2 * (w[i] - x);
      dy += w[i] * Math.cos(w[i] * y) + w[i] * w[i];
      g[n] -= 2 * (w[i] - x);
    }
    g[n] += dy * 2 * x;
    double e = erfPrime(w[0] * x);
    g[0] += x * e;
    g[n] += w[0] * e;
    return g;
  }

  @Test
  void callerCompiledAgainstTheJarCallsTheLibrarysEntryPoints() throws Exception {
    try (URLClassLoader loader = buildLibraryAndCaller(LIBRARY, CALLER)) {
      String generated = callerGeneratedSource();
      for (String entry : List.of("LibGradient.gJvp(", "LibGradient.gPullback(",
          "LibGradient.gPullbackJvp(", "LibGradient.sqPullback(", "LibGradient.erfJvp(",
          "LibGradient.erfPullback(", "LibGradient.erfPullbackJvp(")) {
        assertTrue(generated.contains(entry), "AppGradient calls " + entry + "\n" + generated);
      }
      // Nothing of the library's bodies is re-derived in the caller.
      for (String inlined : List.of("Math.sin", "Math.cos", "erfPrime", "Math.exp")) {
        assertFalse(generated.contains(inlined), "AppGradient must not contain " + inlined);
      }

      Class<?> app = loader.loadClass("jarapp.App");
      Class<?> gradient = loader.loadClass("jarapp.AppGradient");
      Method f = method(app, "f");
      Method fJvp = method(gradient, "fJvp");
      Method fGradient = method(gradient, "fGradient");
      Method fHessian = method(gradient, "fHessian");
      for (double[] at : new double[][] {p(0.4, -0.9, 1.3, 0.7), p(-1.1, 0.2, 0.5, -0.6, 1.4)}) {
        int n = at.length - 1;
        CallsNumeric.Fn fn = v -> (double) call(f, slice(v, 0, n), v[n]);
        CallsNumeric.Jvp jvp = (v, d) -> (double) call(fJvp, slice(v, 0, n), slice(d, 0, n),
            v[n], d[n]);
        CallsNumeric.Grad grad = v -> (double[]) call(fGradient, slice(v, 0, n), v[n]);
        assertArrayClose("App.f gradient vs closed form", at,
            expectedGradient(slice(at, 0, n), at[n]), grad.at(at), 1e-12, 1e-14);
        assertBothModes("App.f", fn, jvp, grad, at);
        assertHessianMatchesGradientDifferences("App.f", grad,
            v -> (double[][]) call(fHessian, slice(v, 0, n), v[n]), at);
      }
    }
  }

  static final String LIBRARY_WITH_WRT = """
      package jarlib;

      import io.github.chainrule.Differentiable;

      public final class Lib {
        private Lib() {}

        @Differentiable(wrt = "x")
        public static double scaled(double x, double k, int power) {
          return k * Math.pow(x, power);
        }
      }
      """;

  static final String CALLER_OF_WRT = """
      package jarapp;

      import io.github.chainrule.Differentiable;
      import jarlib.Lib;

      public final class App {
        private App() {}

        @Differentiable(wrt = "x")
        public static double f(double x, double k) {
          return Lib.scaled(Math.sin(x), k * 2, 3) + x;
        }
      }
      """;

  /**
   * A library method with {@code wrt}: its parameter names must survive in the class file for
   * the caller to read {@code wrt}, so the library is compiled with {@code -parameters} here.
   * The caller passes an inactive value to the parameter {@code wrt} leaves out.
   */
  @Test
  void libraryMethodWithWrtCompiledWithParameterNames() throws Exception {
    try (URLClassLoader loader = buildLibraryAndCaller(LIBRARY_WITH_WRT, CALLER_OF_WRT,
        "-parameters")) {
      assertTrue(callerGeneratedSource().contains("LibGradient.scaledPullback("));
      Class<?> gradient = loader.loadClass("jarapp.AppGradient");
      Method fGradient = method(gradient, "fGradient");
      Method fHessian = method(gradient, "fHessian");
      for (double x : p(-0.8, 0.3, 1.2)) {
        double k = 0.7;
        double s = Math.sin(x);
        double c = Math.cos(x);
        // f = 2k sin³x + x: f' = 6k sin²x cos x + 1, f'' = 6k (2 sin x cos²x − sin³x).
        double[] g = (double[]) call(fGradient, x, k);
        assertEquals(1, g.length);
        assertArrayClose("f'", p(x), p(6 * k * s * s * c + 1), g, 1e-12, 1e-14);
        double[][] h = (double[][]) call(fHessian, x, k);
        assertArrayClose("f''", p(x), p(6 * k * (2 * s * c * c - s * s * s)), h[0], 1e-12,
            1e-14);
      }
    }
  }
}
