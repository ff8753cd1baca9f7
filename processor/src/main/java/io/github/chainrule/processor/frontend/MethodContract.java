package io.github.chainrule.processor.frontend;

import io.github.chainrule.processor.diag.Diagnostics;
import io.github.chainrule.processor.diag.Message;
import io.github.chainrule.processor.ir.CallTarget;
import io.github.chainrule.processor.ir.ClassRef;
import io.github.chainrule.processor.ir.LoweredMethod;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Checks a {@code @Differentiable} method's declaration against the contract (static, not
 * private, in a top-level or static nested class, supported parameter and return types, a valid
 * {@code wrt}) and turns its parameters into IR variables. Reports every problem it finds.
 */
final class MethodContract {

  static final String DIFFERENTIABLE = "io.github.chainrule.Differentiable";
  static final String CUSTOM_DERIVATIVE = "io.github.chainrule.CustomDerivative";

  /** Whether the method carries {@code @Differentiable} or {@code @CustomDerivative}. */
  static boolean isDifferentiable(ExecutableElement method) {
    return annotation(method, DIFFERENTIABLE).isPresent() || isCustom(method);
  }

  static boolean returnsDouble(ExecutableElement method) {
    return method.getReturnType().getKind() == TypeKind.DOUBLE;
  }

  static boolean isCustom(ExecutableElement method) {
    return annotation(method, CUSTOM_DERIVATIVE).isPresent();
  }

  private static Optional<AnnotationMirror> annotation(ExecutableElement method, String name) {
    return method.getAnnotationMirrors().stream()
        .filter(a -> ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName()
            .contentEquals(name))
        .map(a -> (AnnotationMirror) a)
        .findFirst();
  }

  private static List<String> stringArray(ExecutableElement method, String annotation,
      String element) {
    List<String> names = new ArrayList<>();
    annotation(method, annotation).ifPresent(a -> {
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
          : a.getElementValues().entrySet()) {
        if (entry.getKey().getSimpleName().contentEquals(element)
            && entry.getValue().getValue() instanceof List<?> values) {
          for (Object v : values) {
            names.add(String.valueOf(((AnnotationValue) v).getValue()));
          }
        }
      }
    });
    return names;
  }

  /**
   * The partial-derivative methods a {@code @CustomDerivative} method names, as call targets,
   * one per active parameter; empty (with the problem reported) when they do not fit.
   */
  static Optional<List<CallTarget>> customPartials(ExecutableElement method, ClassRef owner,
      Checked checked, Diagnostics diagnostics) {
    String name = method.getSimpleName().toString();
    List<String> names = stringArray(method, CUSTOM_DERIVATIVE, "partials");
    if (checked.active().stream().anyMatch(p -> p.type().isArray())) {
      diagnostics.errorOnMethod(Message.CUSTOM_DERIVATIVE, name,
          "its double[] parameters are not supported (only double)");
      return Optional.empty();
    }
    if (names.size() != checked.active().size()) {
      diagnostics.errorOnMethod(Message.CUSTOM_DERIVATIVE, name, "it has "
          + checked.active().size() + " double parameters but names " + names.size()
          + " partials");
      return Optional.empty();
    }
    TypeElement type = (TypeElement) method.getEnclosingElement();
    List<CallTarget> partials = new ArrayList<>();
    for (String partialName : names) {
      Optional<ExecutableElement> partial = javax.lang.model.util.ElementFilter
          .methodsIn(type.getEnclosedElements()).stream()
          .filter(m -> m.getSimpleName().contentEquals(partialName)
              && sameParameters(m, method))
          .findFirst();
      if (partial.isEmpty()) {
        diagnostics.errorOnMethod(Message.CUSTOM_DERIVATIVE, name, "no method " + partialName
            + " with the same parameters in " + type.getSimpleName());
        return Optional.empty();
      }
      Optional<CallTarget> target = callTarget(partial.get(), owner);
      boolean accessible = !partial.get().getModifiers().contains(Modifier.PRIVATE);
      if (target.isEmpty() || !accessible || target.get().returnType() != Type.DOUBLE) {
        diagnostics.errorOnMethod(Message.CUSTOM_DERIVATIVE, name, partialName
            + " must be a static, non-private, @Differentiable method returning double");
        return Optional.empty();
      }
      partials.add(target.get());
    }
    return Optional.of(partials);
  }

  private static boolean sameParameters(ExecutableElement a, ExecutableElement b) {
    if (a.getParameters().size() != b.getParameters().size()) {
      return false;
    }
    for (int i = 0; i < a.getParameters().size(); i++) {
      if (!a.getParameters().get(i).asType().toString()
          .equals(b.getParameters().get(i).asType().toString())) {
        return false;
      }
    }
    return true;
  }

  /** The checked parts of the declaration the rest of the pipeline needs. */
  record Checked(
      List<Variable> parameters,
      List<Variable> active,
      Type returnType,
      LoweredMethod.Access access,
      String javadocLink) {}

  private MethodContract() {}

  static Optional<Checked> check(ExecutableElement method, Diagnostics diagnostics) {
    String name = method.getSimpleName().toString();
    Set<Modifier> modifiers = method.getModifiers();
    if (!modifiers.contains(Modifier.STATIC)) {
      diagnostics.errorOnMethod(Message.NOT_STATIC, name);
    }
    if (modifiers.contains(Modifier.PRIVATE)) {
      diagnostics.errorOnMethod(Message.PRIVATE_METHOD, name);
    }
    // A @CustomDerivative method's body is never read: it may even be native.
    if (modifiers.contains(Modifier.ABSTRACT)
        || (modifiers.contains(Modifier.NATIVE) && !isCustom(method))) {
      diagnostics.errorOnMethod(Message.NO_BODY, name);
    }
    if (!method.getTypeParameters().isEmpty()) {
      diagnostics.errorOnMethod(Message.GENERIC_METHOD, name);
    }
    if (method.isVarArgs()) {
      diagnostics.errorOnMethod(Message.VARARGS, name);
    }
    checkEnclosingClasses(method, diagnostics);

    Type returnType = null;
    TypeMirror returned = method.getReturnType();
    if (returned.getKind() == TypeKind.DOUBLE) {
      returnType = Type.DOUBLE;
    } else if (returned.toString().equals("double[]") && !isCustom(method)) {
      returnType = Type.DOUBLE_ARRAY;
    } else {
      diagnostics.errorOnMethod(Message.RETURN_TYPE, name, returned);
    }

    List<Variable> parameters = new ArrayList<>();
    Map<String, Variable> byName = new LinkedHashMap<>();
    for (VariableElement p : method.getParameters()) {
      String pName = p.getSimpleName().toString();
      Optional<Type> type = parameterType(p.asType());
      if (type.isEmpty()) {
        diagnostics.errorOnMethod(Message.PARAMETER_TYPE, pName, name, p.asType());
        continue;
      }
      Variable v = Variable.parameter(pName, type.get());
      parameters.add(v);
      byName.put(pName, v);
    }

    List<Variable> active = activeParameters(method, parameters, byName, diagnostics);
    if (diagnostics.hasErrors()) {
      return Optional.empty();
    }
    return Optional.of(new Checked(parameters, active, returnType, access(modifiers),
        javadocLink(method)));
  }

  /**
   * How a body may call another {@code @Differentiable} method: its parameter types and which of
   * them are active. Empty when the method is not {@code @Differentiable} or its declaration is
   * invalid (its own errors say why).
   */
  static Optional<CallTarget> callTarget(ExecutableElement method, ClassRef owner) {
    boolean annotated = annotation(method, DIFFERENTIABLE).isPresent() || isCustom(method);
    if (!annotated) {
      return Optional.empty();
    }
    Diagnostics ignored = new Diagnostics();
    Optional<Checked> checked = check(method, ignored);
    if (checked.isEmpty() || checked.get().returnType() != Type.DOUBLE) {
      // Calls of methods returning double[] are not differentiated yet: such a call is a
      // no-derivative error where an active value reaches it.
      return Optional.empty();
    }
    List<Type> types = new ArrayList<>();
    List<Boolean> active = new ArrayList<>();
    List<Boolean> outputs = new ArrayList<>();
    for (Variable p : checked.get().parameters()) {
      types.add(p.type());
      active.add(checked.get().active().contains(p));
      outputs.add(false);
    }
    return Optional.of(new CallTarget(owner, owner.gradientClass(),
        method.getSimpleName().toString(), true, types, active, outputs,
        checked.get().returnType()));
  }

  private static void checkEnclosingClasses(ExecutableElement method, Diagnostics diagnostics) {
    for (Element e = method.getEnclosingElement(); e instanceof TypeElement type;
        e = type.getEnclosingElement()) {
      NestingKind nesting = type.getNestingKind();
      boolean implicitlyStatic = type.getKind() != ElementKind.CLASS;
      boolean ok = nesting == NestingKind.TOP_LEVEL
          || (nesting == NestingKind.MEMBER
              && (implicitlyStatic || type.getModifiers().contains(Modifier.STATIC)));
      if (!ok) {
        diagnostics.errorOnMethod(Message.INNER_CLASS, method.getSimpleName(),
            type.getSimpleName().length() == 0 ? "an anonymous class" : type.getSimpleName());
        return;
      }
    }
  }

  private static Optional<Type> parameterType(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      String text = type.toString();
      return text.equals("double[]") ? Optional.of(Type.DOUBLE_ARRAY)
          : text.equals("int[]") ? Optional.of(Type.INT_ARRAY)
          : Optional.empty();
    }
    return Lowering.primitiveType(type.getKind());
  }

  private static List<Variable> activeParameters(ExecutableElement method,
      List<Variable> parameters, Map<String, Variable> byName, Diagnostics diagnostics) {
    List<String> wrt = wrtNames(method);
    String name = method.getSimpleName().toString();
    if (wrt.isEmpty()) {
      List<Variable> active = parameters.stream().filter(p -> p.type().isDifferentiable())
          .collect(Collectors.toList());
      if (active.isEmpty() && !diagnostics.hasErrors()) {
        diagnostics.errorOnMethod(Message.NO_ACTIVE_PARAMETER, name);
      }
      return active;
    }
    Set<String> seen = new HashSet<>();
    for (String w : wrt) {
      if (!seen.add(w)) {
        diagnostics.errorOnMethod(Message.WRT_DUPLICATE, w);
      }
      Variable p = byName.get(w);
      if (p == null) {
        boolean declared = method.getParameters().stream()
            .anyMatch(e -> e.getSimpleName().contentEquals(w));
        if (!declared) {
          diagnostics.errorOnMethod(Message.WRT_UNKNOWN, w, name, String.join(", ", byName.keySet()));
        }
      } else if (!p.type().isDifferentiable()) {
        diagnostics.errorOnMethod(Message.WRT_NOT_DIFFERENTIABLE, w, p.type().javaName());
      }
    }
    // Declaration order, whatever the order of the names in wrt.
    return parameters.stream().filter(p -> seen.contains(p.hint()) && p.type().isDifferentiable())
        .collect(Collectors.toList());
  }

  private static List<String> wrtNames(ExecutableElement method) {
    return stringArray(method, DIFFERENTIABLE, "wrt");
  }

  private static LoweredMethod.Access access(Set<Modifier> modifiers) {
    if (modifiers.contains(Modifier.PUBLIC)) {
      return LoweredMethod.Access.PUBLIC;
    }
    if (modifiers.contains(Modifier.PROTECTED)) {
      return LoweredMethod.Access.PROTECTED;
    }
    return LoweredMethod.Access.PACKAGE;
  }

  private static String javadocLink(ExecutableElement method) {
    List<String> classes = new ArrayList<>();
    for (Element e = method.getEnclosingElement(); e instanceof TypeElement t;
        e = t.getEnclosingElement()) {
      classes.add(0, t.getSimpleName().toString());
    }
    String parameterTypes = method.getParameters().stream().map(p -> p.asType().toString())
        .collect(Collectors.joining(", "));
    return String.join(".", classes) + "#" + method.getSimpleName() + "(" + parameterTypes + ")";
  }
}
