package io.github.chainrule.processor.ir;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints IR as Java-like text for debugging and for the IR unit tests. Temporaries are numbered in
 * order of first appearance; other variables print as their hint.
 */
public final class IrPrinter {

  private final StringBuilder out = new StringBuilder();
  private final Map<Variable, String> names = new HashMap<>();
  private final ExprPrinter exprs;

  private IrPrinter() {
    exprs = new ExprPrinter(
        new ExprPrinter.Sink() {
          @Override
          public void text(String text) {
            out.append(text);
          }

          @Override
          public void type(ClassRef type) {
            out.append(type.packageName().equals("java.lang")
                ? type.simpleNames()
                : type.canonicalName());
          }
        },
        this::name);
  }

  public static String print(IrMethod method) {
    IrPrinter p = new IrPrinter();
    p.out.append(method.returnType() == null ? "void" : method.returnType().javaName())
        .append(' ')
        .append(method.name())
        .append('(');
    for (int i = 0; i < method.parameters().size(); i++) {
      Variable v = method.parameters().get(i);
      p.out.append(i > 0 ? ", " : "").append(v.type().javaName()).append(' ').append(p.name(v));
    }
    p.out.append(") {\n");
    p.statements(method.body(), 1);
    p.out.append("}\n");
    return p.out.toString();
  }

  public static String print(List<Stmt> statements) {
    IrPrinter p = new IrPrinter();
    p.statements(statements, 0);
    return p.out.toString();
  }

  public static String print(Expr e) {
    IrPrinter p = new IrPrinter();
    p.exprs.print(e);
    return p.out.toString();
  }

  private String name(Variable v) {
    return names.computeIfAbsent(v, k -> k.role() == Variable.Role.TEMP
        ? "t" + names.values().stream().filter(n -> n.matches("t\\d+")).count()
        : k.hint());
  }

  private void statements(List<Stmt> body, int depth) {
    for (Stmt s : body) {
      statement(s, depth);
    }
  }

  private void statement(Stmt s, int depth) {
    out.append("  ".repeat(depth));
    if (s instanceof Stmt.Declare d) {
      out.append(d.variable().type().javaName()).append(' ').append(name(d.variable()));
      if (d.init() != null) {
        out.append(" = ");
        exprs.print(d.init());
      }
      out.append(";\n");
    } else if (s instanceof Stmt.Assign a) {
      out.append(name(a.variable())).append(" = ");
      exprs.print(a.value());
      out.append(";\n");
    } else if (s instanceof Stmt.ArrayStore a) {
      out.append(name(a.array())).append('[');
      exprs.print(a.index());
      out.append("] = ");
      exprs.print(a.value());
      out.append(";\n");
    } else if (s instanceof Stmt.If i) {
      out.append("if (");
      exprs.print(i.condition());
      out.append(") {\n");
      statements(i.whenTrue(), depth + 1);
      if (!i.whenFalse().isEmpty()) {
        out.append("  ".repeat(depth)).append("} else {\n");
        statements(i.whenFalse(), depth + 1);
      }
      out.append("  ".repeat(depth)).append("}\n");
    } else if (s instanceof Stmt.While w) {
      out.append("while (");
      exprs.print(w.condition());
      out.append(") {\n");
      statements(w.body(), depth + 1);
      statements(w.update(), depth + 1);
      out.append("  ".repeat(depth)).append("}\n");
    } else if (s instanceof Stmt.For f) {
      out.append("for (").append(f.declaresIndex() ? "int " : "").append(name(f.index()))
          .append(" = ");
      exprs.print(f.from());
      out.append("; ").append(name(f.index())).append(' ').append(f.comparison().symbol())
          .append(' ');
      exprs.print(f.to());
      out.append("; ").append(name(f.index())).append(f.step() > 0 ? "++" : "--").append(") {\n");
      statements(f.body(), depth + 1);
      out.append("  ".repeat(depth)).append("}\n");
    } else if (s instanceof Stmt.Jump j) {
      out.append(j.kind() == Stmt.Jump.Kind.BREAK ? "break " : "continue ").append(j.target())
          .append(";\n");
    } else if (s instanceof Stmt.Push p) {
      out.append(name(p.tape())).append(".push(");
      exprs.print(p.value());
      out.append(");\n");
    } else if (s instanceof Stmt.Release r) {
      out.append(name(r.tape())).append(".release();\n");
    } else if (s instanceof Stmt.LengthCheck c) {
      out.append("check ").append(name(c.array())).append(".length == ");
      exprs.print(c.expected());
      out.append(";\n");
    } else if (s instanceof Stmt.Effect e) {
      exprs.print(e.call());
      out.append(";\n");
    } else if (s instanceof Stmt.Return r) {
      out.append("return ");
      exprs.print(r.value());
      out.append(";\n");
    } else {
      throw new IllegalStateException("unknown statement " + s);
    }
  }
}
