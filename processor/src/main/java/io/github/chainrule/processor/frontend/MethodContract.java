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
    if (modifiers.contains(Modifier.ABSTRACT) || modifiers.contains(Modifier.NATIVE)) {
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
    boolean annotated = method.getAnnotationMirrors().stream().anyMatch(a ->
        ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName()
            .contentEquals(DIFFERENTIABLE));
    if (!annotated) {
      return Optional.empty();
    }
    Diagnostics ignored = new Diagnostics();
    Optional<Checked> checked = check(method, ignored);
    if (checked.isEmpty()) {
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
    List<String> names = new ArrayList<>();
    for (AnnotationMirror a : method.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) a.getAnnotationType().asElement();
      if (!type.getQualifiedName().contentEquals(DIFFERENTIABLE)) {
        continue;
      }
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
          : a.getElementValues().entrySet()) {
        if (entry.getKey().getSimpleName().contentEquals("wrt")
            && entry.getValue().getValue() instanceof List<?> values) {
          for (Object v : values) {
            names.add(String.valueOf(((AnnotationValue) v).getValue()));
          }
        }
      }
    }
    return names;
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
