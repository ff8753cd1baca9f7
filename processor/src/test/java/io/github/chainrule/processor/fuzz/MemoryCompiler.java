package io.github.chainrule.processor.fuzz;

import io.github.chainrule.Differentiable;
import io.github.chainrule.processor.ChainruleProcessor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles a batch of sources in-process with {@code javax.tools}, with a fresh
 * {@link ChainruleProcessor}, entirely in memory: sources, generated sources and class files
 * never touch the disk. The class path is the runtime (the annotations and tapes), taken from
 * where {@link Differentiable} was loaded, and the fuzzer's own classes (for {@link Probe}). One
 * instance per thread: javac's file manager is not thread-safe.
 */
final class MemoryCompiler implements AutoCloseable {

  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  private final StandardJavaFileManager standard;
  private final List<String> options;

  MemoryCompiler() {
    if (javac == null) {
      throw new IllegalStateException("no system Java compiler: run the tests on a JDK");
    }
    standard = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    options = List.of("-classpath", location(Differentiable.class) + File.pathSeparator
        + location(Probe.class), "-nowarn", "-Xlint:none", "-implicit:none", "-g");
  }

  /** Where a class was loaded from: the runtime's jar or classes, the fuzzer's test classes. */
  private static String location(Class<?> c) {
    try {
      return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What one javac call produced. */
  static final class Result {
    final boolean success;
    final List<Diagnostic<? extends JavaFileObject>> diagnostics;
    /** Generated sources by qualified class name. */
    final Map<String, String> generated;
    final Map<String, byte[]> classes;
    final Throwable crash;

    Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics,
        Map<String, String> generated, Map<String, byte[]> classes, Throwable crash) {
      this.success = success;
      this.diagnostics = diagnostics;
      this.generated = generated;
      this.classes = classes;
      this.crash = crash;
    }

    ClassLoader loader() {
      return new MemoryClassLoader(classes, MemoryCompiler.class.getClassLoader());
    }
  }

  /**
   * Compiles {@code sources} (qualified class name → text). With {@code processor} false, javac
   * runs without any annotation processing: the check that a program is valid Java on its own.
   */
  Result compile(Map<String, String> sources, boolean processor) {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    MemoryFileManager files = new MemoryFileManager(standard);
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach((name, text) -> units.add(new Source(name, text)));
    List<String> opts = new ArrayList<>(options);
    if (!processor) {
      opts.add("-proc:none");
    }
    JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, opts, null,
        units);
    if (processor) {
      task.setProcessors(List.of(new ChainruleProcessor()));
    }
    boolean success;
    Throwable crash = null;
    try {
      success = task.call();
    } catch (RuntimeException | Error e) {
      success = false;
      crash = e.getCause() != null ? e.getCause() : e;
    }
    Map<String, String> generated = new LinkedHashMap<>();
    Map<String, byte[]> classes = new LinkedHashMap<>();
    files.outputs.forEach((key, out) -> {
      if (out.getKind() == JavaFileObject.Kind.SOURCE) {
        generated.put(out.className, new String(out.bytes(), StandardCharsets.UTF_8));
      } else if (out.getKind() == JavaFileObject.Kind.CLASS) {
        classes.put(out.className, out.bytes());
      }
    });
    return new Result(success, diagnostics.getDiagnostics(), generated, classes, crash);
  }

  @Override
  public void close() {
    try {
      standard.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A source held in memory; {@link #className} tells which program it is. */
  static final class Source extends SimpleJavaFileObject {
    final String className;
    private final String text;

    Source(String className, String text) {
      super(uri(className, Kind.SOURCE), Kind.SOURCE);
      this.className = className;
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }

  /** A generated source or class file, written by javac or the processor's Filer. */
  static final class Output extends SimpleJavaFileObject {
    final String className;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Output(String className, Kind kind) {
      super(uri(className, kind), kind);
      this.className = className;
    }

    byte[] bytes() {
      synchronized (out) {
        return out.toByteArray();
      }
    }

    @Override
    public OutputStream openOutputStream() {
      synchronized (out) {
        out.reset();
      }
      return out;
    }

    @Override
    public InputStream openInputStream() {
      return new ByteArrayInputStream(bytes());
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return new String(bytes(), StandardCharsets.UTF_8);
    }
  }

  private static URI uri(String className, JavaFileObject.Kind kind) {
    return URI.create("mem:///" + className.replace('.', '/') + kind.extension);
  }

  private static final class MemoryFileManager
      extends ForwardingJavaFileManager<StandardJavaFileManager> {
    final Map<String, Output> outputs = new ConcurrentHashMap<>();

    MemoryFileManager(StandardJavaFileManager standard) {
      super(standard);
    }

    @Override
    public boolean hasLocation(Location location) {
      return location == StandardLocation.CLASS_OUTPUT
          || location == StandardLocation.SOURCE_OUTPUT
          || super.hasLocation(location);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className,
        JavaFileObject.Kind kind, FileObject sibling) {
      Output out = new Output(className, kind);
      outputs.put(location.getName() + ":" + className + kind.extension, out);
      return out;
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
      if (a instanceof Source || a instanceof Output || b instanceof Source
          || b instanceof Output) {
        return a.toUri().equals(b.toUri());
      }
      return super.isSameFile(a, b);
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
      if (file instanceof Source s) {
        return s.className;
      }
      if (file instanceof Output o) {
        return o.className;
      }
      return super.inferBinaryName(location, file);
    }

    @Override
    public void close() {
      // The standard file manager is shared between compilations: the owner closes it.
    }

    @Override
    public void flush() {
      // Nothing buffered.
    }
  }

  private static final class MemoryClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    MemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
      super(parent);
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }

  /** The qualified class name of a diagnostic's file, or "" for none. */
  static String classOf(Diagnostic<? extends JavaFileObject> d) {
    JavaFileObject source = d.getSource();
    if (source instanceof Source s) {
      return s.className;
    }
    if (source instanceof Output o) {
      return o.className;
    }
    return "";
  }
}
