package io.github.chainrule.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.github.chainrule.processor.ir.Type;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Resolves the names a method body uses outside its own locals: classes (for {@code Math.sin},
 * {@code Model.SCALE}) and static fields, following Java's scoping order as far as a
 * differentiable body needs it. Bodies are not yet attributed when processors run, so javac's own
 * resolution is not available; this works from the elements and the unit's imports.
 */
final class NameResolver {

  private final Elements elements;
  private final CompilationUnitTree unit;
  private final TypeElement enclosingClass;

  NameResolver(Elements elements, CompilationUnitTree unit, TypeElement enclosingClass) {
    this.elements = elements;
    this.unit = unit;
    this.enclosingClass = enclosingClass;
  }

  /** The class a simple or qualified name denotes, if any. */
  Optional<TypeElement> resolveClass(ExpressionTree name) {
    if (name instanceof IdentifierTree id) {
      return resolveSimpleClass(id.getName().toString());
    }
    if (name instanceof MemberSelectTree select) {
      String member = select.getIdentifier().toString();
      Optional<TypeElement> outer = resolveClass(select.getExpression());
      if (outer.isPresent()) {
        return memberClass(outer.get(), member);
      }
      String qualified = dotted(select);
      return qualified == null ? Optional.empty() : Optional.ofNullable(typeElement(qualified));
    }
    return Optional.empty();
  }

  /** A field visible by simple name: of an enclosing class (or its supertypes), or imported. */
  Optional<VariableElement> resolveSimpleField(String name) {
    for (Element c = enclosingClass; c instanceof TypeElement t; c = t.getEnclosingElement()) {
      Optional<VariableElement> field = field(t, name);
      if (field.isPresent()) {
        return field;
      }
    }
    for (String wanted : List.of(name, "*")) {
      for (ImportTree imp : unit.getImports()) {
        if (imp.isStatic() && imp.getQualifiedIdentifier() instanceof MemberSelectTree select
            && select.getIdentifier().contentEquals(wanted)) {
          Optional<VariableElement> field =
              resolveClass(select.getExpression()).flatMap(o -> field(o, name));
          if (field.isPresent()) {
            return field;
          }
        }
      }
    }
    return Optional.empty();
  }

  /** A field of the given class or its supertypes. */
  Optional<VariableElement> field(TypeElement owner, String name) {
    return ElementFilter.fieldsIn(elements.getAllMembers(owner)).stream()
        .filter(f -> f.getSimpleName().contentEquals(name))
        .findFirst();
  }

  /**
   * The class whose method a simple-name call {@code m(...)} means: the innermost enclosing class
   * declaring a method of that name, else a static import of it.
   */
  Optional<TypeElement> staticMethodOwner(String methodName) {
    for (Element c = enclosingClass; c instanceof TypeElement t; c = t.getEnclosingElement()) {
      if (!methodsNamed(t, methodName).isEmpty()) {
        return Optional.of(t);
      }
    }
    // A single-static-import of the name shadows every on-demand import (JLS 6.4.1).
    for (String wanted : List.of(methodName, "*")) {
      for (ImportTree imp : unit.getImports()) {
        if (imp.isStatic() && imp.getQualifiedIdentifier() instanceof MemberSelectTree select
            && select.getIdentifier().contentEquals(wanted)) {
          Optional<TypeElement> owner = resolveClass(select.getExpression());
          if (owner.isPresent() && !methodsNamed(owner.get(), methodName).isEmpty()) {
            return owner;
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The static method {@code name} of {@code owner} that Java would pick for arguments of these
   * IR types: an exact match if there is one, else the first applicable by primitive widening.
   */
  Optional<ExecutableElement> staticMethod(TypeElement owner, String name, List<Type> arguments) {
    ExecutableElement widened = null;
    for (ExecutableElement m : methodsNamed(owner, name)) {
      if (!m.getModifiers().contains(Modifier.STATIC)
          || m.getParameters().size() != arguments.size() || m.isVarArgs()) {
        continue;
      }
      boolean exact = true;
      boolean applicable = true;
      for (int i = 0; i < arguments.size(); i++) {
        String parameter = m.getParameters().get(i).asType().toString();
        String argument = arguments.get(i).javaName();
        exact &= parameter.equals(argument);
        applicable &= parameter.equals(argument) || widens(arguments.get(i), parameter);
      }
      if (exact) {
        return Optional.of(m);
      }
      if (applicable && widened == null) {
        widened = m;
      }
    }
    return Optional.ofNullable(widened);
  }

  private static boolean widens(Type from, String to) {
    switch (to) {
      case "double":
        return from == Type.INT || from == Type.LONG;
      case "long":
        return from == Type.INT;
      default:
        return false;
    }
  }

  private List<ExecutableElement> methodsNamed(TypeElement owner, String name) {
    return ElementFilter.methodsIn(elements.getAllMembers(owner)).stream()
        .filter(m -> m.getSimpleName().contentEquals(name))
        .collect(java.util.stream.Collectors.toList());
  }

  private Optional<TypeElement> resolveSimpleClass(String name) {
    // 1. The enclosing classes themselves and their member classes.
    for (Element c = enclosingClass; c instanceof TypeElement t; c = t.getEnclosingElement()) {
      if (t.getSimpleName().contentEquals(name)) {
        return Optional.of(t);
      }
      Optional<TypeElement> member = memberClass(t, name);
      if (member.isPresent()) {
        return member;
      }
    }
    // 2. Single-type imports.
    for (ImportTree imp : unit.getImports()) {
      if (!imp.isStatic() && imp.getQualifiedIdentifier() instanceof MemberSelectTree select
          && select.getIdentifier().contentEquals(name)) {
        TypeElement t = typeElement(dotted(select));
        if (t != null) {
          return Optional.of(t);
        }
      }
    }
    // 3. The same package.
    PackageElement pkg = elements.getPackageOf(enclosingClass);
    String prefix = pkg.isUnnamed() ? "" : pkg.getQualifiedName() + ".";
    TypeElement samePackage = typeElement(prefix + name);
    if (samePackage != null) {
      return Optional.of(samePackage);
    }
    // 4. On-demand imports, then java.lang.
    for (ImportTree imp : unit.getImports()) {
      if (!imp.isStatic() && imp.getQualifiedIdentifier() instanceof MemberSelectTree select
          && select.getIdentifier().contentEquals("*")) {
        TypeElement t = typeElement(dotted(select.getExpression()) + "." + name);
        if (t != null) {
          return Optional.of(t);
        }
      }
    }
    return Optional.ofNullable(typeElement("java.lang." + name));
  }

  private Optional<TypeElement> memberClass(TypeElement owner, String name) {
    return ElementFilter.typesIn(elements.getAllMembers(owner)).stream()
        .filter(t -> t.getSimpleName().contentEquals(name))
        .findFirst();
  }

  private TypeElement typeElement(String qualifiedName) {
    if (qualifiedName == null) {
      return null;
    }
    try {
      return elements.getTypeElement(qualifiedName);
    } catch (RuntimeException e) {
      // javac may complain about malformed names; an unknown name is simply not a class.
      return null;
    }
  }

  /** {@code a.b.c} as a string, or null if the tree is not a plain dotted name. */
  static String dotted(Tree tree) {
    if (tree instanceof IdentifierTree id) {
      return id.getName().toString();
    }
    if (tree instanceof MemberSelectTree select) {
      String left = dotted(select.getExpression());
      return left == null ? null : left + "." + select.getIdentifier();
    }
    return null;
  }

  /** Whether code in the enclosing class's package can use this field or method by name. */
  boolean isReadableFromGeneratedClass(Element member) {
    boolean samePackage =
        elements.getPackageOf(member).equals(elements.getPackageOf(enclosingClass));
    for (Element e = member; e instanceof VariableElement || e instanceof TypeElement
        || e instanceof ExecutableElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
      if (!samePackage && !e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }
}
