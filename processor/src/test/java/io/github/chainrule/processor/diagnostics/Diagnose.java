package io.github.chainrule.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.chainrule.processor.ChainruleProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles sources with Chainrule (google compile-testing) and checks its diagnostics the way
 * AutoValue and Dagger do: error count, tag and text, file and line.
 */
final class Diagnose {

  private Diagnose() {}

  /** {@code p.Model}: a class holding the given members, with {@code @Differentiable} imported. */
  static JavaFileObject model(String members) {
    return JavaFileObjects.forSourceString("p.Model", """
        package p;

        import io.github.chainrule.Differentiable;

        class Model {
        """ + members + "}\n");
  }

  /** A complete source file. */
  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new ChainruleProcessor()).compile(sources);
  }

  /**
   * Compiles {@code source} and asserts that it fails with exactly one error: tagged
   * {@code [chainrule:tag]}, placed on the one line of {@code source} that contains
   * {@code line}, and whose text contains each of {@code keyWords} (the construct it names and
   * the fix it proposes).
   */
  static Compilation assertOneError(JavaFileObject source, String tag, String line,
      String... keyWords) {
    return assertOneError(List.of(source), source, tag, line, keyWords);
  }

  /** As above, compiling several sources; the error must be in {@code file}. */
  static Compilation assertOneError(List<JavaFileObject> sources, JavaFileObject file,
      String tag, String line, String... keyWords) {
    Compilation compilation = compile(sources.toArray(new JavaFileObject[0]));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(tagged(tag)).inFile(file).onLineContaining(line);
    String text = compilation.errors().get(0).getMessage(Locale.ROOT);
    assertThat(text).startsWith(tagged(tag));
    for (String word : keyWords) {
      assertWithMessage("error text").that(text).contains(word);
    }
    return compilation;
  }

  /**
   * Compiles {@code source} (a {@link #model} class), asserts that it compiles cleanly, without
   * warnings, and generated {@code p.ModelGradient}, and returns that class's source.
   */
  static String assertCompilesTo(JavaFileObject source) {
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    try {
      return compilation.generatedSourceFile("p.ModelGradient")
          .orElseThrow(() -> new AssertionError("p.ModelGradient was not generated"))
          .getCharContent(false).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text every diagnostic with this tag starts with. */
  static String tagged(String tag) {
    return "[chainrule:" + tag + "] ";
  }

  /**
   * The source Chainrule generates for {@code qualifiedName}, even when the compilation fails:
   * compile-testing withholds generated files from failed compilations, so this runs javac's
   * annotation processing alone ({@code -proc:only}) through {@code javax.tools}, writing into a
   * temporary directory.
   */
  static Optional<String> generatedEvenIfFailed(String qualifiedName, JavaFileObject... sources) {
    return generatedEvenIfFailed(List.of(), qualifiedName, sources);
  }

  /** As above, with extra javac options such as {@code -A} processor options. */
  static Optional<String> generatedEvenIfFailed(List<String> options, String qualifiedName,
      JavaFileObject... sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Path dir = null;
    try (StandardJavaFileManager files = javac.getStandardFileManager(
        new DiagnosticCollector<>(), Locale.ROOT, StandardCharsets.UTF_8)) {
      dir = Files.createTempDirectory("chainrule-generated");
      JavaCompiler.CompilationTask task = javac.getTask(null, files, new DiagnosticCollector<>(),
          Stream.concat(Stream.of("-proc:only", "-s", dir.toString()), options.stream()).toList(),
          null, List.of(sources));
      task.setProcessors(List.of(new ChainruleProcessor()));
      task.call();
      Path generated = dir.resolve(qualifiedName.replace('.', '/') + ".java");
      return Files.exists(generated)
          ? Optional.of(Files.readString(generated, StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteRecursively(dir);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is harmless.
    }
  }
}
