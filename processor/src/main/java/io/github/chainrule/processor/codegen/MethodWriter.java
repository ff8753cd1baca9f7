package io.github.chainrule.processor.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import io.github.chainrule.processor.ir.BinaryOp;
import io.github.chainrule.processor.ir.ClassRef;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.ExprPrinter;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.SourcePos;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.Variable;
import java.util.List;
import java.util.function.Function;

/**
 * Writes one IR method as a JavaPoet method body: one statement per line, a comment naming the
 * source line each group of statements comes from, {@code v += e} where the IR says
 * {@code v = v + e}.
 */
final class MethodWriter {

  private final Names names;
  private final MethodSpec.Builder method;
  private SourcePos lastCommented = SourcePos.NONE;

  private MethodWriter(Names names, MethodSpec.Builder method) {
    this.names = names;
    this.method = method;
  }

  /** Adds the IR method's parameters and body to {@code method}. */
  static void write(IrMethod ir, MethodSpec.Builder method,
      Function<Names, CodeBlock> preamble) {
    Names names = Names.of(ir);
    for (Variable p : ir.parameters()) {
      method.addParameter(typeName(p.type()), names.get(p));
    }
    method.returns(ir.returnType() == null ? TypeName.VOID : typeName(ir.returnType()));
    method.addCode(preamble.apply(names));
    new MethodWriter(names, method).statements(ir.body());
  }

  /**
   * Writes statements into a method whose signature and surrounding code the caller lays out, for
   * a body that is only partly IR; {@code names} must be the caller's, from {@link Names#of} of
   * an IR method holding all of the statements, so no two variables share a name.
   */
  static void writeStatements(List<Stmt> statements, Names names, MethodSpec.Builder method) {
    new MethodWriter(names, method).statements(statements);
  }

  static TypeName typeName(Type type) {
    switch (type) {
      case DOUBLE: return TypeName.DOUBLE;
      case INT: return TypeName.INT;
      case LONG: return TypeName.LONG;
      case BOOLEAN: return TypeName.BOOLEAN;
      case DOUBLE_ARRAY: return ArrayTypeName.of(TypeName.DOUBLE);
      case INT_ARRAY: return ArrayTypeName.of(TypeName.INT);
      case DOUBLE_TAPE: return ClassName.get("io.github.chainrule.runtime", "DoubleTape");
      case INT_TAPE: return ClassName.get("io.github.chainrule.runtime", "IntTape");
      case REVOLVE: return ClassName.get("io.github.chainrule.runtime", "Revolve");
      default: throw new IllegalStateException(type.toString());
    }
  }

  private void statements(List<Stmt> body) {
    for (Stmt s : body) {
      statement(s);
    }
  }

  private void comment(SourcePos pos) {
    if (pos.isKnown() && !pos.equals(lastCommented)) {
      method.addComment("line $L: $L", pos.line(), pos.text());
      lastCommented = pos;
    }
  }

  private void statement(Stmt s) {
    comment(s.pos());
    if (s instanceof Stmt.Declare d) {
      Variable v = d.variable();
      if (d.init() == null) {
        method.addStatement("$T $L", typeName(v.type()), names.get(v));
      } else {
        method.addStatement("$T $L = $L", typeName(v.type()), names.get(v), expr(d.init()));
      }
    } else if (s instanceof Stmt.Assign a) {
      assignment(a);
    } else if (s instanceof Stmt.ArrayStore a) {
      arrayStore(a);
    } else if (s instanceof Stmt.While w) {
      method.beginControlFlow("while ($L)", expr(w.condition()));
      statements(w.body());
      method.endControlFlow();
      lastCommented = SourcePos.NONE;
    } else if (s instanceof Stmt.For f) {
      String i = names.get(f.index());
      method.beginControlFlow("for ($L$L = $L; $L $L $L; $L$L)", f.declaresIndex() ? "int " : "", i,
          expr(f.from()), i, f.comparison().symbol(), expr(f.to()), i, f.step() > 0 ? "++" : "--");
      statements(f.body());
      method.endControlFlow();
      lastCommented = SourcePos.NONE;
    } else if (s instanceof Stmt.Push p) {
      method.addStatement("$L.$L($L)", names.get(p.tape()),
          p.value().type() == Type.BOOLEAN ? "pushBoolean" : "push", expr(p.value()));
    } else if (s instanceof Stmt.If i && i.whenTrue().isEmpty() && !i.whenFalse().isEmpty()) {
      // Nothing to do when it holds: say when it does not.
      method.beginControlFlow("if (!($L))", expr(i.condition()));
      statements(i.whenFalse());
      method.endControlFlow();
      lastCommented = SourcePos.NONE;
    } else if (s instanceof Stmt.If i) {
      method.beginControlFlow("if ($L)", expr(i.condition()));
      statements(i.whenTrue());
      if (!i.whenFalse().isEmpty()) {
        method.nextControlFlow("else");
        statements(i.whenFalse());
      }
      method.endControlFlow();
      // The statements after an if are a new group even when they come from the same line.
      lastCommented = SourcePos.NONE;
    } else if (s instanceof Stmt.Release r) {
      method.addStatement("$L.release()", names.get(r.tape()));
    } else if (s instanceof Stmt.LengthCheck c) {
      String array = names.get(c.array());
      method.beginControlFlow("if ($L.length != $L)", array, expr(c.expected()))
          .addStatement("throw new $T($S + $L.length + $S + $L)", IllegalArgumentException.class,
              array + " has length ", array, ", but the result has length ", expr(c.expected()))
          .endControlFlow();
    } else if (s instanceof Stmt.Effect e) {
      method.addStatement("$L", expr(e.call()));
    } else if (s instanceof Stmt.Return r) {
      method.addStatement("return $L", expr(r.value()));
    } else {
      throw new IllegalStateException("unknown statement " + s);
    }
  }

  private void arrayStore(Stmt.ArrayStore a) {
    String array = names.get(a.array());
    if (a.value() instanceof Expr.Binary b && isCompoundable(b.op())
        && b.left() instanceof Expr.ArrayLoad load
        && load.array() instanceof Expr.Read r && r.variable() == a.array()
        && load.index().equals(a.index()) && b.type() == a.array().type().element()) {
      method.addStatement("$L[$L] $L= $L", array, expr(a.index()), b.op().symbol(),
          expr(b.right()));
    } else {
      method.addStatement("$L[$L] = $L", array, expr(a.index()), expr(a.value()));
    }
  }

  private static boolean isCompoundable(BinaryOp op) {
    return op == BinaryOp.ADD || op == BinaryOp.SUB || op == BinaryOp.MUL || op == BinaryOp.DIV;
  }

  private void assignment(Stmt.Assign a) {
    Variable v = a.variable();
    if (a.value() instanceof Expr.Binary b && isCompoundable(b.op())
        && b.left() instanceof Expr.Read r && r.variable() == v
        && b.type() == v.type()) {
      method.addStatement("$L $L= $L", names.get(v), b.op().symbol(), expr(b.right()));
    } else {
      method.addStatement("$L = $L", names.get(v), expr(a.value()));
    }
  }

  private CodeBlock expr(Expr e) {
    CodeBlock.Builder code = CodeBlock.builder();
    new ExprPrinter(new ExprPrinter.Sink() {
      @Override
      public void text(String text) {
        code.add("$L", text);
      }

      @Override
      public void type(ClassRef type) {
        code.add("$T", className(type));
      }
    }, names::get).print(e);
    return code.build();
  }

  static ClassName className(ClassRef type) {
    String[] simple = type.simpleNames().split("\\.");
    String[] nested = java.util.Arrays.copyOfRange(simple, 1, simple.length);
    return ClassName.get(type.packageName(), simple[0], nested);
  }
}
