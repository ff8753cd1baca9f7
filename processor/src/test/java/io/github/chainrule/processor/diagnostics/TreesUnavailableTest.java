package io.github.chainrule.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.github.chainrule.processor.diagnostics.Diagnose.tagged;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.github.chainrule.processor.ChainruleProcessor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A wrapped processing environment (as Gradle's incremental processing gives) hides javac's tree
 * API: Chainrule then reports one clear error instead of failing or generating nothing silently.
 */
class TreesUnavailableTest {

  /** Chainrule behind a {@link Proxy} of the environment; javac's {@code Trees} rejects it. */
  private static final class WrappedEnvironment implements Processor {
    private final Processor chainrule = new ChainruleProcessor();

    @Override
    public void init(ProcessingEnvironment env) {
      chainrule.init((ProcessingEnvironment) Proxy.newProxyInstance(
          TreesUnavailableTest.class.getClassLoader(),
          new Class<?>[] {ProcessingEnvironment.class},
          (proxy, method, args) -> {
            try {
              return method.invoke(env, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          }));
    }

    @Override
    public Set<String> getSupportedOptions() {
      return chainrule.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return chainrule.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return chainrule.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return chainrule.process(annotations, round);
    }

    @Override
    public Iterable<? extends Completion> getCompletions(Element element,
        AnnotationMirror annotation, ExecutableElement member, String userText) {
      return chainrule.getCompletions(element, annotation, member, userText);
    }
  }

  @Test
  void oneErrorForTheWholeCompilation() {
    JavaFileObject first = Diagnose.source("p.First", """
        package p;

        import io.github.chainrule.Differentiable;

        class First {
          @Differentiable
          static double f(double x) {
            return x * x;
          }
        }
        """);
    JavaFileObject second = Diagnose.source("p.Second", """
        package p;

        import io.github.chainrule.Differentiable;

        class Second {
          @Differentiable
          static double g(double x) {
            return x * x;
          }

          @Differentiable
          static double h(double x) {
            return x;
          }
        }
        """);
    Compilation compilation = Compiler.javac().withProcessors(new WrappedEnvironment())
        .compile(first, second);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    String text = compilation.errors().get(0).getMessage(Locale.ROOT);
    assertThat(text).startsWith(tagged("trees-unavailable"));
    assertThat(text).contains("com.sun.source.util.Trees");
    assertThat(text).contains("compile with javac directly");
    assertThat(text).contains("Gradle");
    // Placed on one of the annotated methods (whichever javac lists first).
    assertThat(compilation.errors().get(0).getSource()).isAnyOf(first, second);
  }

  @Test
  void theErrorIsPlacedOnTheAnnotatedMethod() {
    JavaFileObject source = Diagnose.model("""
          @Differentiable
          static double f(double x) {
            return x * x;
          }
        """);
    Compilation compilation = Compiler.javac().withProcessors(new WrappedEnvironment())
        .compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(tagged("trees-unavailable"))
        .inFile(source).onLineContaining("static double f(double x)");
  }
}
