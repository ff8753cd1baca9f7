package io.github.chainrule.processor;

import com.google.auto.service.AutoService;
import io.github.chainrule.processor.codegen.Derivatives;
import io.github.chainrule.processor.codegen.GradientClassWriter;
import io.github.chainrule.processor.diag.Diagnostic;
import io.github.chainrule.processor.diag.Diagnostics;
import io.github.chainrule.processor.diag.DifferentiationError;
import io.github.chainrule.processor.diag.Message;
import io.github.chainrule.processor.frontend.JavacFrontend;
import io.github.chainrule.processor.ir.ClassRef;
import io.github.chainrule.processor.ir.LoweredMethod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic.Kind;

/**
 * The thin shell javac talks to: finds the {@code @Differentiable} methods of each round, runs
 * the pipeline on each method on its own (one method's failure never stops another's), reports
 * what went wrong on the exact tree, and writes one {@code *Gradient} class per source class.
 * Nothing escapes to javac: an unexpected exception becomes a tagged error on its method.
 */
@AutoService(Processor.class)
public final class ChainruleProcessor extends AbstractProcessor {

  static final String DIFFERENTIABLE = "io.github.chainrule.Differentiable";
  static final String CUSTOM_DERIVATIVE = "io.github.chainrule.CustomDerivative";

  /** Test hook: makes the pipeline fail on the named method, to check failures stay contained. */
  static final String INJECT_FAILURE_OPTION = "chainrule.injectFailure";

  private Optional<JavacFrontend> frontend = Optional.empty();
  private boolean reportedNoTrees;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    frontend = JavacFrontend.create(env);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(DIFFERENTIABLE, CUSTOM_DERIVATIVE);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(INJECT_FAILURE_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    List<ExecutableElement> methods = new ArrayList<>();
    for (String name : List.of(DIFFERENTIABLE, CUSTOM_DERIVATIVE)) {
      TypeElement annotation = processingEnv.getElementUtils().getTypeElement(name);
      if (annotation != null) {
        for (ExecutableElement m
            : ElementFilter.methodsIn(round.getElementsAnnotatedWith(annotation))) {
          if (!methods.contains(m)) {
            methods.add(m);
          }
        }
      }
    }
    if (methods.isEmpty()) {
      return false;
    }
    if (frontend.isEmpty()) {
      if (!reportedNoTrees) {
        reportedNoTrees = true;
        processingEnv.getMessager().printMessage(Kind.ERROR,
            Message.TREES_UNAVAILABLE.format(processingEnv.getClass().getName()), methods.get(0));
      }
      return false;
    }
    // Sorted by name, so the output never depends on the order javac lists elements in.
    Map<String, List<ExecutableElement>> byClass = new TreeMap<>();
    for (ExecutableElement m : methods) {
      TypeElement owner = (TypeElement) m.getEnclosingElement();
      byClass.computeIfAbsent(owner.getQualifiedName().toString(), k -> new ArrayList<>()).add(m);
    }
    byClass.values().forEach(this::processClass);
    return false;
  }

  private void processClass(List<ExecutableElement> methods) {
    TypeElement owner = (TypeElement) methods.get(0).getEnclosingElement();
    methods.sort(Comparator.comparing((ExecutableElement m) -> m.getSimpleName().toString())
        .thenComparing(ExecutableElement::toString));
    List<Derivatives> derivatives = new ArrayList<>();
    Map<String, ExecutableElement> byName = new HashMap<>();
    for (ExecutableElement method : methods) {
      ExecutableElement clash = byName.putIfAbsent(method.getSimpleName().toString(), method);
      if (clash != null) {
        processingEnv.getMessager().printMessage(Kind.ERROR, Message.NAME_CLASH.format(
            method, method.getSimpleName() + "Jvp", clash), method);
        continue;
      }
      differentiate(method).ifPresent(derivatives::add);
    }
    if (!derivatives.isEmpty()) {
      write(owner, derivatives);
    }
  }

  private Optional<Derivatives> differentiate(ExecutableElement method) {
    Diagnostics diagnostics = new Diagnostics();
    Optional<Derivatives> result = Optional.empty();
    try {
      Optional<LoweredMethod> lowered = frontend.get().read(method, diagnostics);
      if (lowered.isPresent()) {
        if (method.getSimpleName().contentEquals(
            processingEnv.getOptions().getOrDefault(INJECT_FAILURE_OPTION, ""))) {
          throw new IllegalStateException("failure injected by -A" + INJECT_FAILURE_OPTION);
        }
        result = Optional.of(Pipeline.differentiate(lowered.get()));
      }
    } catch (DifferentiationError e) {
      // A user-facing problem found by a transform: placed on its own tree like the front end's.
      diagnostics.add(e.diagnostic());
      result = Optional.empty();
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      diagnostics.errorOnMethod(Message.INTERNAL_ERROR, method.getSimpleName(), e,
          shortTrace(e));
      result = Optional.empty();
    }
    for (Diagnostic d : diagnostics.all()) {
      frontend.get().report(method, d);
    }
    return diagnostics.hasErrors() ? Optional.empty() : result;
  }

  private static String shortTrace(Throwable e) {
    return Arrays.stream(e.getStackTrace()).limit(6).map(f -> "    at " + f)
        .collect(Collectors.joining("\n"));
  }

  private void write(TypeElement owner, List<Derivatives> derivatives) {
    ClassRef source = classRef(owner);
    try {
      GradientClassWriter.write(source, derivatives, owner).writeTo(processingEnv.getFiler());
    } catch (IOException | RuntimeException e) {
      processingEnv.getMessager().printMessage(Kind.ERROR, Message.INTERNAL_ERROR.format(
          GradientClassWriter.generatedName(source), e, shortTrace(e)), owner);
    }
  }

  private ClassRef classRef(TypeElement type) {
    List<String> names = new ArrayList<>();
    for (Element e = type; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      names.add(0, t.getSimpleName().toString());
    }
    String pkg = processingEnv.getElementUtils().getPackageOf(type).getQualifiedName().toString();
    return new ClassRef(pkg, String.join(".", names));
  }
}
