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
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.Variable;
import io.github.chainrule.processor.transform.JacobianRows;
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
    return source.gradientClass().simpleNames();
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
      if (d.isVectorValued()) {
        // The Jacobian's products and the Jacobian itself.
        type.addMethod(vjp(d));
        type.addMethod(jacobian(d, source));
        type.addMethod(pullback(d));
        continue;
      }
      type.addMethod(gradient(d));
      type.addMethod(valueAndGradient(d));
      type.addMethod(pullback(d));
      type.addMethod(hvp(d));
      type.addMethod(hessian(d));
      type.addMethod(pullbackJvp(d));
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

  /** The active inputs as the documentation names them: {@code x, y[0..), z}. */
  private static String activeNames(LoweredMethod source) {
    return source.activeParameters().stream()
        .map(p -> p.type().isArray() ? p.hint() + " (element by element)" : p.hint())
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

  /** The user's parameters: the pullback's, less the seed and the gradient. */
  private static List<Variable> inputs(Derivatives d) {
    List<Variable> parameters = d.pullback().parameters();
    return parameters.subList(0, parameters.size() - 2);
  }

  private static void addParameters(MethodSpec.Builder m, List<Variable> parameters,
      Names names) {
    for (Variable p : parameters) {
      m.addParameter(MethodWriter.typeName(p.type()), names.get(p));
    }
  }

  private static String argumentList(List<Variable> parameters, Names names) {
    return parameters.stream().map(names::get).collect(Collectors.joining(", "));
  }

  private static MethodSpec gradient(Derivatives d) {
    List<Variable> inputs = inputs(d);
    Variable output = Variable.generated("gradient", Type.DOUBLE_ARRAY);
    Names names = Names.forParameters(inputs);
    String gradient = names.get(output);
    MethodSpec.Builder m = start(d.name() + "Gradient", d.source())
        .addJavadoc("Reverse mode of {@link $L}: a new array with the derivatives with respect to"
            + " $L, in that order.\n", d.source().javadocLink(),
            activeNames(d.source()))
        .returns(ArrayTypeName.of(TypeName.DOUBLE));
    addParameters(m, inputs, names);
    CodeBlock.Builder checks = CodeBlock.builder();
    arrayNullChecks(checks, d.source(), names);
    m.addCode(checks.build());
    m.addStatement("double[] $L = new double[$L]", gradient, activeSize(d.source(), names));
    m.addStatement("$LValueAndGradient($L, $L)", d.name(), argumentList(inputs, names), gradient);
    m.addStatement("return $L", gradient);
    return m.build();
  }

  private static MethodSpec valueAndGradient(Derivatives d) {
    List<Variable> inputs = inputs(d);
    Variable output = Variable.generated("gradient", Type.DOUBLE_ARRAY);
    List<Variable> signature = new java.util.ArrayList<>(inputs);
    signature.add(output);
    Names names = Names.forParameters(signature);
    MethodSpec.Builder m = start(d.name() + "ValueAndGradient", d.source())
        .addJavadoc("Reverse mode of {@link $L}: returns its value and writes the derivatives"
            + " with respect to $L, in that order, into {@code $L[0 .. $L)}; entries past that"
            + " are left alone.\n", d.source().javadocLink(), activeNames(d.source()),
            names.get(output), activeSize(d.source(), names))
        .returns(TypeName.DOUBLE);
    addParameters(m, signature, names);
    return m.addStatement("return $L($L, 1.0, $L)", d.pullback().name(),
            argumentList(inputs, names), names.get(output))
        .build();
  }

  private static MethodSpec pullback(Derivatives d) {
    IrMethod ir = d.pullback();
    Variable output = ir.parameters().get(ir.parameters().size() - 1);
    MethodSpec.Builder m = start(ir.name(), d.source());
    MethodWriter.write(ir, m, names -> gradientChecks(names.get(output), d.source(), names));
    return m.addJavadoc("Reverse mode of {@link $L} for callers: returns its value and"
            + " overwrites the first n entries of the last argument with {@code seed} times the"
            + " gradient with respect to $L (flattened). A calling method's reverse sweep calls"
            + " this with its own adjoint of the result as the seed.\n",
            d.source().javadocLink(), activeNames(d.source()))
        .build();
  }

  private static MethodSpec pullbackJvp(Derivatives d) {
    MethodSpec.Builder m = start(d.pullbackJvp().name(), d.source())
        .addJavadoc("Forward mode over {@code $L}, for second derivatives: the active inputs and"
            + " the seed are each followed by their tangent, the gradient by the array receiving"
            + " its tangent (the Hessian times the inputs' tangents, plus the seed's tangent"
            + " times the gradient).\n", d.pullback().name());
    MethodWriter.write(d.pullbackJvp(), m, names -> CodeBlock.of(""));
    return m.build();
  }

  private static MethodSpec hvp(Derivatives d) {
    IrMethod ir = d.hvp();
    Variable v = ir.parameters().get(ir.parameters().size() - 1);
    String[] vName = new String[1];
    MethodSpec.Builder m = start(ir.name(), d.source());
    MethodWriter.write(ir, m, names -> {
      vName[0] = names.get(v);
      CodeBlock.Builder code = CodeBlock.builder();
      arrayNullChecks(code, d.source(), names);
      nullCheck(code, vName[0]);
      String n = activeSize(d.source(), names);
      code.beginControlFlow("if ($L.length != $L)", vName[0], n)
          .addStatement("throw new $T($S + $L.length + $S + ($L))",
              IllegalArgumentException.class, vName[0] + " has length ", vName[0], ", needs ", n)
          .endControlFlow();
      return code.build();
    });
    return m.addJavadoc("Second order of {@link $L}: the Hessian with respect to $L times"
            + " {@code $L} (flattened like the gradient), by forward mode over reverse mode.\n",
            d.source().javadocLink(), activeNames(d.source()), vName[0])
        .build();
  }

  /**
   * Declares one tangent per active input, cut from the flattened {@code direction}; returns the
   * argument list of a forward-mode entry: each input, each active one followed by its tangent.
   */
  private static List<String> unpackTangents(CodeBlock.Builder code, Derivatives d,
      List<Variable> inputs, Names names, String direction) {
    List<String> arguments = new java.util.ArrayList<>();
    String offset = "0";
    for (Variable p : inputs) {
      arguments.add(names.get(p));
      if (!d.source().isActive(p)) {
        continue;
      }
      String t = names.get(Variable.tangentOf(p));
      if (p.type().isArray()) {
        String end = offset.equals("0") ? names.get(p) + ".length"
            : offset + " + " + names.get(p) + ".length";
        code.addStatement("double[] $L = $T.copyOfRange($L, $L, $L)", t, java.util.Arrays.class,
            direction, offset, end);
        offset = end;
      } else {
        code.addStatement("double $L = $L[$L]", t, direction, offset);
        offset = offset.matches("\\d+")
            ? Integer.toString(Integer.parseInt(offset) + 1) : offset + " + 1";
      }
      arguments.add(t);
    }
    return arguments;
  }

  private static MethodSpec vjp(Derivatives d) {
    List<Variable> inputs = inputs(d);
    Variable cotangent = Variable.generated("cotangent", Type.DOUBLE_ARRAY);
    List<Variable> signature = new java.util.ArrayList<>(inputs);
    signature.add(cotangent);
    Names names = Names.forParameters(signature);
    String c = names.get(cotangent);
    String gradient = names.get(Variable.generated("gradient", Type.DOUBLE_ARRAY));
    MethodSpec.Builder m = start(d.name() + "Vjp", d.source())
        .addJavadoc("Reverse mode of {@link $L}: {@code $L}ᵀ times the Jacobian with respect to"
            + " $L, a new array of length n (flattened). The cotangent must have the length of"
            + " the result.\n", d.source().javadocLink(), c, activeNames(d.source()))
        .returns(ArrayTypeName.of(TypeName.DOUBLE));
    addParameters(m, signature, names);
    CodeBlock.Builder code = CodeBlock.builder();
    arrayNullChecks(code, d.source(), names);
    nullCheck(code, c);
    code.addStatement("double[] $L = new double[$L]", gradient, activeSize(d.source(), names))
        .addStatement("$L($L, $L, $L)", d.pullback().name(), argumentList(inputs, names), c,
            gradient)
        .addStatement("return $L", gradient);
    return m.addCode(code.build()).build();
  }

  /**
   * The m × n Jacobian: n forward passes (columns) when n ≤ m, else m reverse passes (rows). m is
   * the length of the result, known after one evaluation. When the pullback's reverse sweep can run
   * again, that evaluation is its forward sweep and each row runs the reverse sweep alone;
   * otherwise the evaluation is the user's method and each row is a whole {@code fVjp}.
   */
  private static MethodSpec jacobian(Derivatives d, ClassRef source) {
    List<Variable> inputs = inputs(d);
    JacobianRows rows = d.jacobianRows();
    Names names = rows == null ? Names.forParameters(inputs)
        : Names.of(new IrMethod(d.name() + "Jacobian", inputs, Type.DOUBLE_ARRAY,
            concat(rows.forward(), rows.row()), d.pullback().pos()));
    MethodSpec.Builder m = start(d.name() + "Jacobian", d.source())
        .addJavadoc("The m × n Jacobian of {@link $L} with respect to $L (flattened); row i is"
            + " the gradient of output i. Uses n forward passes when n ≤ m, else $L.\n",
            d.source().javadocLink(), activeNames(d.source()),
            rows == null ? "m reverse passes" : "one forward sweep and m reverse sweeps")
        .returns(ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE)));
    addParameters(m, inputs, names);
    CodeBlock.Builder checks = CodeBlock.builder();
    arrayNullChecks(checks, d.source(), names);
    m.addCode(checks.build());
    String outputs;
    if (rows == null) {
      String value = names.get(Variable.generated("value", Type.DOUBLE_ARRAY));
      m.addStatement("double[] $L = $T.$L($L)", value, MethodWriter.className(source), d.name(),
          argumentList(inputs, names));
      outputs = value + ".length";
    } else {
      MethodWriter.writeStatements(rows.forward(), names, m);
      outputs = names.get(rows.outputs());
    }
    String n = names.get(Variable.generated("n", Type.INT));
    String jacobian = names.get(Variable.generated("jacobian", Type.DOUBLE_ARRAY));
    // The two branches are scopes of their own: they share these names.
    String unit = names.get(Variable.generated("unit", Type.DOUBLE_ARRAY));
    String i = names.get(Variable.generated("i", Type.INT));
    m.addStatement("int $L = $L", n, activeSize(d.source(), names))
        .addStatement("double[][] $L = new double[$L][$L]", jacobian, outputs, n)
        .beginControlFlow("if ($L <= $L)", n, outputs)
        .addCode(columns(d, inputs, names, jacobian, n, unit, i))
        .nextControlFlow("else");
    if (rows == null) {
      m.addStatement("double[] $L = new double[$L]", unit, outputs)
          .beginControlFlow("for (int $L = 0; $L < $L; $L++)", i, i, outputs, i)
          .addStatement("$L[$L] = 1.0", unit, i)
          .addStatement("$L[$L] = $LVjp($L, $L)", jacobian, i, d.name(),
              argumentList(inputs, names), unit)
          .addStatement("$L[$L] = 0.0", unit, i)
          .endControlFlow();
    } else {
      String cotangent = names.get(rows.cotangent());
      String gradient = names.get(rows.gradient());
      String row = names.get(Variable.generated("row", Type.INT));
      m.addComment("Row by row: the reverse sweep alone, from what the forward sweep left")
          .addStatement("double[] $L = new double[$L]", cotangent, outputs)
          .beginControlFlow("for (int $L = 0; $L < $L; $L++)", row, row, outputs, row)
          .addStatement("$L[$L] = 1.0", cotangent, row)
          .addStatement("double[] $L = $L[$L]", gradient, jacobian, row);
      MethodWriter.writeStatements(rows.row(), names, m);
      m.addStatement("$L[$L] = 0.0", cotangent, row)
          .endControlFlow();
    }
    return m.endControlFlow()
        .addStatement("return $L", jacobian)
        .build();
  }

  /** The n ≤ m branch of the Jacobian: one forward pass per input, each giving a column. */
  private static CodeBlock columns(Derivatives d, List<Variable> inputs, Names names,
      String jacobian, String n, String unit, String i) {
    String j = names.get(Variable.generated("j", Type.INT));
    String column = names.get(Variable.generated("column", Type.DOUBLE_ARRAY));
    CodeBlock.Builder code = CodeBlock.builder()
        .addStatement("double[] $L = new double[$L]", unit, n)
        .beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, n, j)
        .addStatement("$L[$L] = 1.0", unit, j);
    List<String> arguments = unpackTangents(code, d, inputs, names, unit);
    return code.addStatement("double[] $L = $LJvp($L)", column, d.name(),
            String.join(", ", arguments))
        .beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", i, i, column, i)
        .addStatement("$L[$L][$L] = $L[$L]", jacobian, i, j, column, i)
        .endControlFlow()
        .addStatement("$L[$L] = 0.0", unit, j)
        .endControlFlow()
        .build();
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static MethodSpec hessian(Derivatives d) {
    List<Variable> inputs = inputs(d);
    Names names = Names.forParameters(inputs);
    MethodSpec.Builder m = start(d.name() + "Hessian", d.source())
        .addJavadoc("Second order of {@link $L}: the n × n Hessian with respect to $L (flattened"
            + " like the gradient), exactly symmetric: the mean of H·eᵢ and (H·eⱼ)ᵀ.\n",
            d.source().javadocLink(), activeNames(d.source()))
        .returns(ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE)));
    addParameters(m, inputs, names);
    String hessian = names.get(Variable.generated("hessian", Type.DOUBLE_ARRAY));
    String unit = names.get(Variable.generated("unit", Type.DOUBLE_ARRAY));
    String i = names.get(Variable.generated("i", Type.INT));
    CodeBlock.Builder code = CodeBlock.builder();
    arrayNullChecks(code, d.source(), names);
    code.addStatement("double[] $L = new double[$L]", unit, activeSize(d.source(), names))
        .addStatement("double[][] $L = new double[$L.length][]", hessian, unit)
        .beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", i, i, unit, i)
        .addStatement("$L[$L] = 1.0", unit, i)
        .addStatement("$L[$L] = $LHvp($L, $L)", hessian, i, d.name(),
            argumentList(inputs, names), unit)
        .addStatement("$L[$L] = 0.0", unit, i)
        .endControlFlow();
    // H·eᵢ and H·eⱼ give Hᵢⱼ and Hⱼᵢ rounded differently: the mean makes H exactly symmetric,
    // as Cholesky and other symmetric solvers expect.
    String j = names.get(Variable.generated("j", Type.INT));
    String mean = names.get(Variable.generated("mean", Type.DOUBLE));
    code.beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", i, i, unit, i)
        .beginControlFlow("for (int $L = 0; $L < $L; $L++)", j, j, i, j)
        .addStatement("double $L = 0.5 * ($L[$L][$L] + $L[$L][$L])", mean, hessian, i, j,
            hessian, j, i)
        .addStatement("$L[$L][$L] = $L", hessian, i, j, mean)
        .addStatement("$L[$L][$L] = $L", hessian, j, i, mean)
        .endControlFlow()
        .endControlFlow()
        .addStatement("return $L", hessian);
    return m.addCode(code.build()).build();
  }

  private static CodeBlock gradientChecks(String gradient, LoweredMethod source, Names names) {
    CodeBlock.Builder code = CodeBlock.builder();
    arrayNullChecks(code, source, names);
    nullCheck(code, gradient);
    String n = activeSize(source, names);
    code.beginControlFlow("if ($L.length < $L)", gradient, n)
        .addStatement("throw new $T($S + $L.length + $S + ($L) + $S)",
            IllegalArgumentException.class, gradient + " has length ", gradient,
            ", needs at least ", n, " (one entry per active input: " + activeNames(source) + ")")
        .endControlFlow();
    return code.build();
  }
}
