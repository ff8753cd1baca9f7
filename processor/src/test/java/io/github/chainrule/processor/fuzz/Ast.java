package io.github.chainrule.processor.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The fuzzer's own tiny syntax tree: just enough structure to print a program and to shrink it
 * (remove a statement, unwrap a block, replace an expression by a leaf or by one of its
 * children). Nodes are templates with placeholders, so the generator can write any Java shape
 * without a class per construct.
 *
 * <p>In a template, {@code $k} is replaced by child k as it is, {@code #k} by child k in
 * parentheses unless the child is atomic (a name, a call, an array element, a non-negative
 * literal). A template may use a placeholder more than once ({@code Math.log(1 + #0 * #0)}).
 */
final class Ast {

  private Ast() {}

  /** The static type of an expression, as far as the generator is concerned. */
  enum T {
    /** A value used where a double is expected (its Java type may still be int, see javaDouble). */
    D,
    /** A non-negative int. */
    I,
    /** A boolean condition. */
    B
  }

  static final class Expr {
    final String template;
    final List<Expr> kids;
    final T type;
    /** Whether Java types this expression as double (an int literal in double context is not). */
    final boolean javaDouble;
    final boolean atomic;

    Expr(String template, List<Expr> kids, T type, boolean javaDouble, boolean atomic) {
      this.template = template;
      this.kids = new ArrayList<>(kids);
      this.type = type;
      this.javaDouble = javaDouble;
      this.atomic = atomic;
    }

    static Expr leaf(String text, T type, boolean javaDouble) {
      boolean atomic = !text.startsWith("-");
      return new Expr(text, List.of(), type, javaDouble, atomic);
    }

    String java() {
      return fill(template, kids, false);
    }

    /**
     * The text in probe mode: every compound double-typed node wrapped in {@code Probe.c(...)},
     * which notes non-finite intermediate values.
     */
    String java(boolean probe) {
      String text = fill(template, kids, probe);
      return probe && type == T.D && javaDouble && !kids.isEmpty() ? "Probe.c(" + text + ")"
          : text;
    }

    boolean atomic(boolean probe) {
      return atomic || (probe && type == T.D && javaDouble && !kids.isEmpty());
    }

    int size() {
      int n = 1;
      for (Expr k : kids) {
        n += k.size();
      }
      return n;
    }

    Expr copy() {
      List<Expr> copies = new ArrayList<>();
      for (Expr k : kids) {
        copies.add(k.copy());
      }
      return new Expr(template, copies, type, javaDouble, atomic);
    }

    @Override
    public String toString() {
      return java();
    }
  }

  enum Kind {
    /** One line: a declaration, an assignment, {@code if (c) break;}, {@code return e;}. */
    SIMPLE,
    /** {@code head { body }}, with an optional {@code else { elseBody }}. */
    BLOCK,
    /** {@code do { body } tail}. */
    DO
  }

  static final class Stmt {
    final Kind kind;
    final String head;
    final List<Expr> exprs;
    final List<Stmt> body;
    List<Stmt> elseBody;
    final String tail;
    /** A statement the program needs to stay valid (a loop counter): never removed. */
    final boolean pinned;

    Stmt(Kind kind, String head, List<Expr> exprs, List<Stmt> body, List<Stmt> elseBody,
        String tail, boolean pinned) {
      this.kind = kind;
      this.head = head;
      this.exprs = new ArrayList<>(exprs);
      this.body = body == null ? null : new ArrayList<>(body);
      this.elseBody = elseBody == null ? null : new ArrayList<>(elseBody);
      this.tail = tail;
      this.pinned = pinned;
    }

    static Stmt simple(String head, Expr... exprs) {
      return new Stmt(Kind.SIMPLE, head, List.of(exprs), null, null, null, false);
    }

    static Stmt pinned(String head, Expr... exprs) {
      return new Stmt(Kind.SIMPLE, head, List.of(exprs), null, null, null, true);
    }

    static Stmt block(String head, List<Expr> exprs, List<Stmt> body) {
      return new Stmt(Kind.BLOCK, head, exprs, body, null, null, false);
    }

    static Stmt doWhile(List<Stmt> body, String tail, List<Expr> exprs) {
      return new Stmt(Kind.DO, "do", exprs, body, null, tail, false);
    }

    boolean isReturn() {
      return kind == Kind.SIMPLE && head.startsWith("return ");
    }

    int size() {
      int n = 1;
      for (Expr e : exprs) {
        n += e.size();
      }
      if (body != null) {
        for (Stmt s : body) {
          n += s.size();
        }
      }
      if (elseBody != null) {
        for (Stmt s : elseBody) {
          n += s.size();
        }
      }
      return n;
    }

    Stmt copy() {
      return new Stmt(kind, head, copyExprs(exprs), copyStmts(body), copyStmts(elseBody), tail,
          pinned);
    }

    void print(StringBuilder out, String indent, boolean probe) {
      switch (kind) {
        case SIMPLE -> {
          out.append(indent).append(fill(head, exprs, probe));
          if (probe) {
            java.util.regex.Matcher m = ASSIGNED.matcher(head);
            if (m.find()) {
              String target = m.group(1) != null ? m.group(1) : m.group(2);
              out.append(" Probe.c(").append(fill(target, exprs, false)).append(");");
            }
          }
          out.append('\n');
        }
        case BLOCK -> {
          out.append(indent).append(fill(head, exprs, probe)).append(" {\n");
          printAll(body, out, indent + "  ", probe);
          if (elseBody != null) {
            out.append(indent).append("} else {\n");
            printAll(elseBody, out, indent + "  ", probe);
          }
          out.append(indent).append("}\n");
        }
        case DO -> {
          out.append(indent).append("do {\n");
          printAll(body, out, indent + "  ", probe);
          out.append(indent).append("} ").append(fill(tail, exprs, probe)).append('\n');
        }
        default -> throw new IllegalStateException(kind.toString());
      }
    }
  }

  /** A statement that stores a double: a declaration or an assignment (group 1 or 2). */
  private static final java.util.regex.Pattern ASSIGNED = java.util.regex.Pattern.compile(
      "^(?:final )?(?:double|var) (\\w+) =|^(\\w+(?:\\[\\$\\d])?) (?:[-+*/]?=|\\+\\+|--)");

  static void printAll(List<Stmt> stmts, StringBuilder out, String indent) {
    printAll(stmts, out, indent, false);
  }

  static void printAll(List<Stmt> stmts, StringBuilder out, String indent, boolean probe) {
    for (Stmt s : stmts) {
      s.print(out, indent, probe);
    }
  }

  static List<Expr> copyExprs(List<Expr> exprs) {
    List<Expr> copies = new ArrayList<>();
    for (Expr e : exprs) {
      copies.add(e.copy());
    }
    return copies;
  }

  static List<Stmt> copyStmts(List<Stmt> stmts) {
    if (stmts == null) {
      return null;
    }
    List<Stmt> copies = new ArrayList<>();
    for (Stmt s : stmts) {
      copies.add(s.copy());
    }
    return copies;
  }

  /** Substitutes the placeholders of {@code template} (see the class comment). */
  static String fill(String template, List<Expr> kids, boolean probe) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if ((c == '$' || c == '#') && i + 1 < template.length()
          && Character.isDigit(template.charAt(i + 1))) {
        Expr kid = kids.get(template.charAt(i + 1) - '0');
        String text = kid.java(probe);
        out.append(c == '#' && !kid.atomic(probe) ? "(" + text + ")" : text);
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Every statement list of a body, in pre-order, the body itself first. */
  static void forEachList(List<Stmt> stmts, Consumer<List<Stmt>> action) {
    action.accept(stmts);
    for (Stmt s : stmts) {
      if (s.body != null) {
        forEachList(s.body, action);
      }
      if (s.elseBody != null) {
        forEachList(s.elseBody, action);
      }
    }
  }

  /** A place that holds an expression: a statement's expression list or a node's kid list. */
  record Slot(List<Expr> owner, int index) {
    Expr get() {
      return owner.get(index);
    }

    void set(Expr e) {
      owner.set(index, e);
    }
  }

  /** Every expression slot of a body, in a deterministic pre-order. */
  static List<Slot> slots(List<Stmt> body) {
    List<Slot> slots = new ArrayList<>();
    forEachList(body, list -> {
      for (Stmt s : list) {
        for (int i = 0; i < s.exprs.size(); i++) {
          addSlots(new Slot(s.exprs, i), slots);
        }
      }
    });
    return slots;
  }

  private static void addSlots(Slot slot, List<Slot> out) {
    out.add(slot);
    Expr e = slot.get();
    for (int i = 0; i < e.kids.size(); i++) {
      addSlots(new Slot(e.kids, i), out);
    }
  }
}
