package io.github.chainrule.processor.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.chainrule.processor.ir.ClassRef;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.LoweredMethod;
import io.github.chainrule.processor.ir.Variable;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Writes the {@code *Gradient} class of one user class: {@code public final}, a private
 * constructor, {@code @Generated} without a timestamp (so the output is byte-for-byte
 * reproducible), and for each differentiable method {@code fJvp}, {@code fGradient} and
 * {@code fValueAndGradient} with the access of the original.
 */
public final class GradientClassWriter {

  private static final String PROCESSOR = "io.github.chainrule.processor.ChainruleProcessor";

  private GradientClassWriter() {}

  /** The generated class's simple name: the source class's names joined by {@code _}. */
  public static String generatedName(ClassRef source) {
    return source.simpleNames().replace('.', '_') + "Gradient";
  }

  /** @param originatingElement the source class, so build tools can track what came from it */
  public static JavaFile write(ClassRef source, List<Derivatives> methods,
      Element originatingElement) {
    ClassName sourceClass = MethodWriter.className(source);
    TypeSpec.Builder type = TypeSpec.classBuilder(generatedName(source))
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(AnnotationSpec.builder(
                ClassName.get("javax.annotation.processing", "Generated"))
            .addMember("value", "$S", PROCESSOR)
            .build())
        .addJavadoc("Derivatives of the {@code @Differentiable} methods of {@link $T}, generated"
            + " by Chainrule.\n", sourceClass)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    if (originatingElement != null) {
      type.addOriginatingElement(originatingElement);
    }
    // Source order would depend on the order javac hands us elements; name order does not.
    List<Derivatives> sorted = methods.stream()
        .sorted(Comparator.comparing(Derivatives::name))
        .collect(Collectors.toList());
    for (Derivatives d : sorted) {
      type.addMethod(jvp(d));
      type.addMethod(gradient(d));
      type.addMethod(valueAndGradient(d));
    }
    return JavaFile.builder(source.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("    ")
        .build();
  }

  private static MethodSpec.Builder start(String name, LoweredMethod source) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.STATIC);
    if (source.access() == LoweredMethod.Access.PUBLIC) {
      m.addModifiers(Modifier.PUBLIC);
    } else if (source.access() == LoweredMethod.Access.PROTECTED) {
      m.addModifiers(Modifier.PROTECTED);
    }
    return m;
  }

  private static String activeNames(LoweredMethod source) {
    return source.activeParameters().stream().map(Variable::hint)
        .collect(Collectors.joining(", "));
  }

  private static MethodSpec jvp(Derivatives d) {
    MethodSpec.Builder m = start(d.jvp().name(), d.source())
        .addJavadoc("Forward mode of {@link $L}: the derivative along the direction given by the"
            + " tangents of $L.\n", d.source().javadocLink(), activeNames(d.source()));
    MethodWriter.write(d.jvp(), m, names -> tangentChecks(d, names));
    return m.build();
  }

  /** Null and length checks of the active arrays and their tangents, as the contract says. */
  private static CodeBlock tangentChecks(Derivatives d, Names names) {
    CodeBlock.Builder code = CodeBlock.builder();
    List<Variable> parameters = d.jvp().parameters();
    for (int i = 0; i < parameters.size(); i++) {
      Variable p = parameters.get(i);
      if (p.role() == Variable.Role.TANGENT && p.type().isArray()) {
        String primal = names.get(p.primal());
        String tangent = names.get(p);
        nullCheck(code, primal);
        nullCheck(code, tangent);
        code.beginControlFlow("if ($L.length != $L.length)", tangent, primal)
            .addStatement("throw new $T($S + $L.length + $S + $L.length)",
                IllegalArgumentException.class, tangent + " has length ", tangent,
                ", but " + primal + " has length ", primal)
            .endControlFlow();
      }
    }
    return code.build();
  }

  private static void nullCheck(CodeBlock.Builder code, String name) {
    code.beginControlFlow("if ($L == null)", name)
        .addStatement("throw new $T($S)", NullPointerException.class, name + " is null")
        .endControlFlow();
  }

  /** n, the number of active inputs: each scalar counts one, each array its length. */
  private static String activeSize(LoweredMethod source, Names names) {
    int scalars = 0;
    List<String> terms = new java.util.ArrayList<>();
    for (Variable p : source.activeParameters()) {
      if (p.type().isArray()) {
        terms.add(names.get(p) + ".length");
      } else {
        scalars++;
      }
    }
    if (scalars > 0 || terms.isEmpty()) {
      terms.add(0, Integer.toString(scalars));
    }
    return String.join(" + ", terms);
  }

  private static void arrayNullChecks(CodeBlock.Builder code, LoweredMethod source,
      Names names) {
    for (Variable p : source.activeParameters()) {
      if (p.type().isArray()) {
        nullCheck(code, names.get(p));
      }
    }
  }

  private static MethodSpec gradient(Derivatives d) {
    IrMethod vag = d.valueAndGradient();
    List<Variable> inputs = vag.parameters().subList(0, vag.parameters().size() - 1);
    Names names = Names.of(vag);
    String gradient = names.get(vag.parameters().get(vag.parameters().size() - 1));
    String arguments = inputs.stream().map(names::get).collect(Collectors.joining(", "));
    MethodSpec.Builder m = start(d.name() + "Gradient", d.source())
        .addJavadoc("Reverse mode of {@link $L}: a new array with the derivatives with respect to"
            + " $L, in that order (arrays element by element).\n", d.source().javadocLink(),
            activeNames(d.source()))
        .returns(ArrayTypeName.of(TypeName.DOUBLE));
    for (Variable p : inputs) {
      m.addParameter(MethodWriter.typeName(p.type()), names.get(p));
    }
    CodeBlock.Builder checks = CodeBlock.builder();
    arrayNullChecks(checks, d.source(), names);
    m.addCode(checks.build());
    m.addStatement("double[] $L = new double[$L]", gradient, activeSize(d.source(), names));
    m.addStatement("$L($L, $L)", vag.name(), arguments, gradient);
    m.addStatement("return $L", gradient);
    return m.build();
  }

  private static MethodSpec valueAndGradient(Derivatives d) {
    IrMethod vag = d.valueAndGradient();
    Variable output = vag.parameters().get(vag.parameters().size() - 1);
    MethodSpec.Builder m = start(vag.name(), d.source());
    MethodWriter.write(vag, m, names -> gradientChecks(names.get(output), d.source(), names));
    return m.addJavadoc("Reverse mode of {@link $L}: returns its value and writes the derivatives"
            + " with respect to $L, in that order (arrays element by element), into the first n"
            + " entries of the last argument; entries past n are left alone.\n",
            d.source().javadocLink(), activeNames(d.source()))
        .build();
  }

  private static CodeBlock gradientChecks(String gradient, LoweredMethod source, Names names) {
    CodeBlock.Builder code = CodeBlock.builder();
    arrayNullChecks(code, source, names);
    nullCheck(code, gradient);
    String n = activeSize(source, names);
    code.beginControlFlow("if ($L.length < $L)", gradient, n)
        .addStatement("throw new $T($S + $L.length + $S + ($L))", IllegalArgumentException.class,
            gradient + " has length ", gradient, ", needs at least ", n)
        .endControlFlow();
    return code.build();
  }
}
