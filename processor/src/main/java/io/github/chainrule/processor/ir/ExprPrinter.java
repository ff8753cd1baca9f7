package io.github.chainrule.processor.ir;

import java.util.function.Function;

/**
 * Writes an expression as Java source with the fewest parentheses that keep its meaning. The IR
 * debug printer and the code generator share it; they differ only in the {@link Sink} (plain text
 * with canonical names, or a JavaPoet code block that imports types) and in variable naming.
 */
public final class ExprPrinter {

  /** Where printed text goes; type references are kept apart so a writer can import them. */
  public interface Sink {
    void text(String text);

    /** A reference to a class, e.g. {@code java.lang.Math}. */
    void type(ClassRef type);
  }

  private static final int PRIMARY = 16;
  private static final int UNARY = 14;
  private static final int CAST = 13;
  private static final int CONDITIONAL = 2;

  private final Sink sink;
  private final Function<Variable, String> names;

  public ExprPrinter(Sink sink, Function<Variable, String> names) {
    this.sink = sink;
    this.names = names;
  }

  public void print(Expr e) {
    print(e, 0);
  }

  /** The precedence of the expression's outermost operator. */
  public static int precedence(Expr e) {
    if (e instanceof Expr.Binary b) {
      return b.op().precedence();
    }
    if (e instanceof Expr.Unary) {
      return UNARY;
    }
    if (e instanceof Expr.Cast) {
      return CAST;
    }
    if (e instanceof Expr.Conditional) {
      return CONDITIONAL;
    }
    if (e instanceof Expr.Literal l && l.text().startsWith("-")) {
      return UNARY;
    }
    return PRIMARY;
  }

  /** Prints {@code e}, parenthesised if its precedence is below {@code min}. */
  private void print(Expr e, int min) {
    boolean parens = precedence(e) < min;
    if (parens) {
      sink.text("(");
    }
    printBare(e);
    if (parens) {
      sink.text(")");
    }
  }

  private void printBare(Expr e) {
    if (e instanceof Expr.Literal l) {
      sink.text(l.text());
    } else if (e instanceof Expr.Read r) {
      sink.text(names.apply(r.variable()));
    } else if (e instanceof Expr.StaticField f) {
      sink.type(f.owner());
      sink.text("." + f.name());
    } else if (e instanceof Expr.Unary u) {
      sink.text(u.op().symbol());
      // "- -x" must not print as the decrement "--x", nor "-(-1)" as "--1".
      boolean sameSign = u.op() == UnaryOp.NEG && startsWithMinus(u.operand());
      print(u.operand(), sameSign ? PRIMARY : UNARY);
    } else if (e instanceof Expr.Binary b) {
      int p = b.op().precedence();
      print(b.left(), p);
      sink.text(" " + b.op().symbol() + " ");
      // Java's binary operators are left-associative: a right operand of equal precedence
      // needs parentheses (a - (b - c), a * (b / c)); floating point is not associative.
      print(b.right(), p + 1);
    } else if (e instanceof Expr.Conditional c) {
      print(c.condition(), CONDITIONAL + 1);
      sink.text(" ? ");
      print(c.whenTrue(), CONDITIONAL + 1);
      sink.text(" : ");
      print(c.whenFalse(), CONDITIONAL);
    } else if (e instanceof Expr.Cast c) {
      sink.text("(" + c.type().javaName() + ") ");
      print(c.operand(), UNARY);
    } else if (e instanceof Expr.MathCall m) {
      sink.type(m.strict() ? ClassRef.STRICT_MATH : ClassRef.MATH);
      sink.text("." + m.function().javaName() + "(");
      for (int i = 0; i < m.arguments().size(); i++) {
        if (i > 0) {
          sink.text(", ");
        }
        print(m.arguments().get(i), 0);
      }
      sink.text(")");
    } else if (e instanceof Expr.ArrayLoad a) {
      print(a.array(), PRIMARY);
      sink.text("[");
      print(a.index(), 0);
      sink.text("]");
    } else if (e instanceof Expr.ArrayLength a) {
      print(a.array(), PRIMARY);
      sink.text(".length");
    } else if (e instanceof Expr.NewArray n) {
      sink.text("new " + n.type().element().javaName() + "[");
      print(n.length(), 0);
      sink.text("]");
    } else if (e instanceof Expr.ArrayClone c) {
      print(c.array(), PRIMARY);
      sink.text(".clone()");
    } else if (e instanceof Expr.StaticCall c) {
      call(c.owner(), c.name(), c.arguments());
    } else if (e instanceof Expr.Call c) {
      call(c.target().owner(), c.target().method(), c.arguments());
    } else if (e instanceof Expr.NewTape t) {
      String name = t.type().javaName();
      int dot = name.lastIndexOf('.');
      sink.type(new ClassRef(name.substring(0, dot), name.substring(dot + 1)));
      sink.text(".acquire()");
    } else if (e instanceof Expr.NewRevolve r) {
      sink.text("new ");
      sink.type(new ClassRef("io.github.chainrule.runtime", "Revolve"));
      sink.text("(");
      print(r.steps(), 0);
      sink.text(", ");
      print(r.snapshots(), 0);
      sink.text(")");
    } else if (e instanceof Expr.Invoke i) {
      sink.text(names.apply(i.receiver()) + "." + i.method() + "()");
    } else if (e instanceof Expr.Pop p) {
      sink.text(names.apply(p.tape()) + (p.type() == Type.BOOLEAN ? ".popBoolean()" : ".pop()"));
    } else {
      throw new IllegalStateException("unknown expression " + e);
    }
  }

  private void call(ClassRef owner, String method, java.util.List<Expr> arguments) {
    sink.type(owner);
    sink.text("." + method + "(");
    for (int i = 0; i < arguments.size(); i++) {
      if (i > 0) {
        sink.text(", ");
      }
      print(arguments.get(i), 0);
    }
    sink.text(")");
  }

  private static boolean startsWithMinus(Expr e) {
    return (e instanceof Expr.Unary u && u.op() == UnaryOp.NEG)
        || (e instanceof Expr.Literal l && l.text().startsWith("-"));
  }
}
