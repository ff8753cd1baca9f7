package io.github.chainrule.processor.robustness;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.chainrule.processor.ChainruleProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles sources with Chainrule inside the test JVM, loads what was compiled (the user's
 * classes and the generated {@code *Gradient} classes) and calls it by reflection.
 */
final class InProcess {

  private InProcess() {}

  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new ChainruleProcessor()).compile(sources);
  }

  /** Compiles, asserts a clean compilation, and returns a loader over the compiled classes. */
  static Loaded compileAndLoad(JavaFileObject... sources) {
    Compilation compilation = compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
    return new Loaded(compilation);
  }

  /** The classes a successful compilation produced, and its generated sources. */
  static final class Loaded extends ClassLoader {

    private final Compilation compilation;
    private final Map<String, byte[]> classes = new HashMap<>();

    Loaded(Compilation compilation) {
      super(InProcess.class.getClassLoader());
      this.compilation = compilation;
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() == JavaFileObject.Kind.CLASS) {
          String path = file.toUri().getPath();
          String name = path.substring("/CLASS_OUTPUT/".length(), path.length() - ".class".length())
              .replace('/', '.');
          try (InputStream in = file.openInputStream()) {
            classes.put(name, in.readAllBytes());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }

    Class<?> type(String name) {
      try {
        return loadClass(name);
      } catch (ClassNotFoundException e) {
        throw new AssertionError(name + " was not compiled", e);
      }
    }

    /** The generated source of {@code qualifiedName}. */
    String generatedSource(String qualifiedName) {
      try {
        return compilation.generatedSourceFile(qualifiedName)
            .orElseThrow(() -> new AssertionError(qualifiedName + " was not generated"))
            .getCharContent(false).toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The only method called {@code name} of {@code type}, made accessible. */
  static Method method(Class<?> type, String name) {
    List<Method> found = new ArrayList<>();
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        found.add(m);
      }
    }
    assertWithMessage("methods called %s in %s", name, type.getName()).that(found).hasSize(1);
    Method m = found.get(0);
    m.setAccessible(true);
    return m;
  }

  /** Calls a static method, unwrapping what it throws. */
  static Object call(Method m, Object... arguments) {
    try {
      return m.invoke(null, arguments);
    } catch (InvocationTargetException e) {
      throw new AssertionError(m.getName() + " threw " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The source Chainrule generates for {@code qualifiedName}, even when the compilation fails:
   * compile-testing withholds generated files from failed compilations, so this runs javac's
   * annotation processing alone ({@code -proc:only}) into a temporary directory.
   */
  static Optional<String> generatedEvenIfFailed(String qualifiedName, JavaFileObject... sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path dir = null;
    try (StandardJavaFileManager files = javac.getStandardFileManager(
        new DiagnosticCollector<>(), Locale.ROOT, StandardCharsets.UTF_8)) {
      dir = Files.createTempDirectory("chainrule-robustness");
      JavaCompiler.CompilationTask task = javac.getTask(null, files, new DiagnosticCollector<>(),
          List.of("-proc:only", "-s", dir.toString()), null, List.of(sources));
      task.setProcessors(List.of(new ChainruleProcessor()));
      task.call();
      Path generated = dir.resolve(qualifiedName.replace('.', '/') + ".java");
      return Files.exists(generated)
          ? Optional.of(Files.readString(generated, StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (dir != null) {
        try (Stream<Path> paths = Files.walk(dir)) {
          paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
          // A temporary directory left behind is harmless.
        }
      }
    }
  }
}
