package io.github.chainrule.processor.fuzz;

import io.github.chainrule.processor.fuzz.Ast.Expr;
import io.github.chainrule.processor.fuzz.Ast.Stmt;
import io.github.chainrule.processor.fuzz.Ast.T;
import io.github.chainrule.processor.fuzz.Program.Param;
import io.github.chainrule.processor.fuzz.Program.ParamType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Generates random valid {@code @Differentiable} methods from the body language, seeded, so a
 * program is reproduced from its seed alone.
 *
 * <p>Values are kept in safe domains so that the derivative exists and finite differences mean
 * something: {@code log}, {@code sqrt}, {@code pow} get positive arguments ({@code 1 + e*e},
 * {@code 2 + sin(e)}), {@code asin}/{@code acos} get {@code 0.9 * tanh(e)}, divisions divide by
 * {@code 1 + e*e} (a raw division is rare), {@code *=} in loops multiplies by a bounded factor.
 * Integers are never negative, and every array index is a loop index over that very array, a
 * constant below the array's smallest possible length, or {@code i % w.length}: a generated
 * program never throws. Kinks ({@code abs}, {@code max}, {@code floor}, comparisons of active
 * values) are generated freely: the checker skips the points where finite differences straddle
 * one.
 *
 * <p>Every construct is a {@link Feature} that can be switched off, so a construct that trips a
 * known bug can be avoided while the rest of the space is still explored.
 */
final class ProgramGenerator {

  /** Every construct the generator can be told to avoid. */
  enum Feature {
    // Statements.
    IF, IF_ELSE, FOR, FOR_DOWN, FOR_STEP, WHILE, DO_WHILE, ENHANCED_FOR, BREAK, CONTINUE, LABELS,
    EARLY_RETURN, EARLY_RETURN_IN_LOOP, RETURN_IN_BRANCHES, LOCAL_ARRAY, ARRAY_INIT, CLONE,
    ARRAY_WRITE, INT_LOCALS, COMPOUND_ASSIGN, INC_DEC, PARAM_ASSIGN, VAR, FINAL_LOCAL,
    WHILE_ACTIVE_CONDITION,
    /** Assigning to a double parameter that wrt leaves out. */
    INACTIVE_PARAM_ASSIGN,
    /** An element write whose index reads the array being written: w[(int) w[0]] -= x. */
    SELF_INDEXED_WRITE,
    /** A local array declared inside a loop body. */
    ARRAY_IN_LOOP,
    // Parameters.
    ARRAY_PARAM, INT_PARAM, WRT,
    // Expressions.
    TERNARY, LOGICAL, INT_CAST, INT_MIX, RAW_DIVISION, CONSTANTS, LITERAL_FORMS, STRICT_MATH,
    // Math functions, one each.
    SIN, COS, TAN, ASIN, ACOS, ATAN, ATAN2, SINH, COSH, TANH, EXP, EXPM1, LOG, LOG10, LOG1P, SQRT,
    CBRT, POW, HYPOT, ABS, MAX, MIN, TO_RADIANS, TO_DEGREES, FMA, SIGNUM, FLOOR, CEIL, RINT;

    static final Set<Feature> MATH = EnumSet.range(SIN, RINT);

    static Set<Feature> parse(String list) {
      Set<Feature> features = EnumSet.noneOf(Feature.class);
      for (String name : list.split("[,\\s]+")) {
        if (!name.isBlank()) {
          features.add(Feature.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        }
      }
      return features;
    }
  }

  private final Set<Feature> enabled;
  private final int maxDepth;
  private final int maxStatements;

  ProgramGenerator(Set<Feature> avoided, int maxDepth, int maxStatements) {
    this.enabled = EnumSet.allOf(Feature.class);
    this.enabled.removeAll(avoided);
    this.maxDepth = maxDepth;
    this.maxStatements = maxStatements;
  }

  Program generate(long seed) {
    return new Generation(seed).program();
  }

  private enum VarKind { DOUBLE, INT, ARRAY }

  /**
   * A variable in scope. {@code minLength}: for arrays, the smallest length it can have;
   * {@code indexOf}: for a loop index running over an array's indices, that array.
   */
  private record Var(String name, VarKind kind, boolean writable, int minLength, String indexOf) {}

  private final class Generation {
    private final long seed;
    private final Random r;
    private final Deque<List<Var>> scopes = new ArrayDeque<>();
    private final Deque<String> labels = new ArrayDeque<>();
    private int names;
    private int budget;
    private int loopDepth;
    /** While generating the index of a write into this array: the array, not to be read. */
    private String writing;

    Generation(long seed) {
      this.seed = seed;
      this.r = new Random(seed);
    }

    private boolean on(Feature f) {
      return enabled.contains(f);
    }

    private boolean chance(double p) {
      return r.nextDouble() < p;
    }

    private <E> E pick(List<E> list) {
      return list.get(r.nextInt(list.size()));
    }

    private String fresh(String prefix) {
      return prefix + (++names);
    }

    private void declare(Var v) {
      scopes.peek().add(v);
    }

    private List<Var> vars(VarKind kind) {
      List<Var> out = new ArrayList<>();
      for (List<Var> scope : scopes) {
        for (Var v : scope) {
          if (v.kind() == kind) {
            out.add(v);
          }
        }
      }
      return out;
    }

    private List<Var> writable(VarKind kind) {
      List<Var> out = new ArrayList<>();
      for (Var v : vars(kind)) {
        if (v.writable()) {
          out.add(v);
        }
      }
      return out;
    }

    // The method.

    Program program() {
      List<Param> params = new ArrayList<>();
      int doubles = 1 + r.nextInt(3);
      String[] doubleNames = {"x", "y", "z"};
      for (int i = 0; i < doubles; i++) {
        params.add(new Param(doubleNames[i], ParamType.DOUBLE));
      }
      if (on(Feature.ARRAY_PARAM) && chance(0.45)) {
        params.add(new Param("a", ParamType.DOUBLE_ARRAY));
      }
      if (on(Feature.INT_PARAM) && chance(0.4)) {
        params.add(new Param("n", ParamType.INT));
      }
      Collections.shuffle(params, r);
      List<String> wrt = null;
      if (on(Feature.WRT) && chance(0.15)) {
        List<String> candidates = new ArrayList<>();
        params.stream().filter(p -> p.type() != ParamType.INT).forEach(p -> candidates.add(p.name()));
        Collections.shuffle(candidates, r);
        wrt = new ArrayList<>(candidates.subList(0, 1 + r.nextInt(candidates.size())));
        if (wrt.size() == candidates.size() && chance(0.5)) {
          wrt.remove(0);
          if (wrt.isEmpty()) {
            wrt = null;
          }
        }
      }

      scopes.push(new ArrayList<>());
      for (Param p : params) {
        switch (p.type()) {
          case DOUBLE -> declare(new Var(p.name(), VarKind.DOUBLE, on(Feature.PARAM_ASSIGN)
              && (wrt == null || wrt.contains(p.name()) || on(Feature.INACTIVE_PARAM_ASSIGN)),
              0, null));
          case DOUBLE_ARRAY -> declare(new Var(p.name(), VarKind.ARRAY, false, 2, null));
          case INT -> declare(new Var(p.name(), VarKind.INT, false, 0, null));
          default -> throw new IllegalStateException();
        }
      }
      scopes.push(new ArrayList<>());
      budget = 3 + r.nextInt(Math.max(1, maxStatements - 2));
      List<Stmt> body = new ArrayList<>();
      while (budget > 0) {
        statement(body, false);
      }
      if (on(Feature.RETURN_IN_BRANCHES) && on(Feature.IF_ELSE) && chance(0.12)) {
        Expr condition = condition(2);
        List<Stmt> then = new ArrayList<>();
        scopes.push(new ArrayList<>());
        budget = r.nextInt(2);
        while (budget > 0) {
          statement(then, false);
        }
        then.add(Stmt.simple("return $0;", finalValue()));
        scopes.pop();
        List<Stmt> otherwise = new ArrayList<>();
        scopes.push(new ArrayList<>());
        budget = r.nextInt(2);
        while (budget > 0) {
          statement(otherwise, false);
        }
        otherwise.add(Stmt.simple("return $0;", finalValue()));
        scopes.pop();
        Stmt branches = Stmt.block("if ($0)", List.of(condition), then);
        branches.elseBody = otherwise;
        body.add(branches);
      } else {
        body.add(Stmt.simple("return $0;", finalValue()));
      }
      return new Program(seed, params, wrt, body);
    }

    /** The returned value: an expression plus, often, the locals computed so far. */
    private Expr finalValue() {
      Expr value = dexpr(maxDepth - 1);
      for (List<Var> scope : scopes) {
        for (Var v : scope) {
          if (v.kind() == VarKind.DOUBLE && chance(0.7)) {
            value = new Expr("#0 + #1", List.of(value, Expr.leaf(v.name(), T.D, true)), T.D,
                true, false);
          } else if (v.kind() == VarKind.ARRAY && v.writable() && chance(0.5)) {
            Expr element = new Expr(v.name() + "[$0]",
                List.of(Expr.leaf(Integer.toString(r.nextInt(v.minLength())), T.I, false)),
                T.D, true, true);
            value = new Expr("#0 + #1", List.of(value, element), T.D, true, false);
          }
        }
      }
      return value;
    }

    // Statements.

    private List<Stmt> blockBody(boolean inLoop, List<Stmt> prefix) {
      List<Stmt> body = new ArrayList<>(prefix);
      int count = 1 + r.nextInt(3);
      for (int i = 0; i < count && budget > 0; i++) {
        statement(body, inLoop);
      }
      return body;
    }

    private int nesting() {
      return scopes.size() - 2;
    }

    /** Appends one statement (sometimes with a companion, such as a loop's counter) to out. */
    private void statement(List<Stmt> out, boolean inLoop) {
      budget--;
      boolean canNest = nesting() < 3;
      List<Runnable> choices = new ArrayList<>();
      List<Double> weights = new ArrayList<>();
      // Declarations and assignments.
      add(choices, weights, 3.0, () -> out.add(doubleDeclaration()));
      if (!writable(VarKind.DOUBLE).isEmpty()) {
        add(choices, weights, 3.5, () -> out.add(doubleAssignment()));
      }
      if (on(Feature.INT_LOCALS)) {
        add(choices, weights, 0.8, () -> {
          Expr init = iexpr(2);
          out.add(Stmt.simple("int " + declareInt() + " = $0;", init));
        });
        List<Var> ints = intLocals();
        if (!ints.isEmpty()) {
          add(choices, weights, 0.8, () -> out.add(intAssignment(pick(ints))));
        }
      }
      if ((on(Feature.LOCAL_ARRAY) || on(Feature.ARRAY_INIT)
          || (on(Feature.CLONE) && !vars(VarKind.ARRAY).isEmpty()))
          && (loopDepth == 0 || on(Feature.ARRAY_IN_LOOP))) {
        add(choices, weights, 1.2, () -> arrayDeclaration(out, inLoop));
      }
      if (on(Feature.ARRAY_WRITE) && !writable(VarKind.ARRAY).isEmpty()) {
        add(choices, weights, 1.5, () -> out.add(arrayWrite(pick(writable(VarKind.ARRAY)))));
      }
      // Control flow.
      if (canNest && on(Feature.IF)) {
        add(choices, weights, 1.5, () -> out.add(ifStatement(inLoop)));
      }
      if (canNest && on(Feature.FOR)) {
        add(choices, weights, 1.6, () -> out.add(forLoop()));
      }
      if (canNest && on(Feature.WHILE)) {
        add(choices, weights, 0.7, () -> whileLoop(out));
      }
      if (canNest && on(Feature.DO_WHILE)) {
        add(choices, weights, 0.3, () -> doWhileLoop(out));
      }
      if (canNest && on(Feature.ENHANCED_FOR) && !vars(VarKind.ARRAY).isEmpty()) {
        add(choices, weights, 0.8, () -> out.add(enhancedFor()));
      }
      if (on(Feature.EARLY_RETURN) && !inLoop) {
        add(choices, weights, 0.25, () -> out.add(Stmt.simple("if ($0) return $1;",
            condition(2), dexpr(2))));
      }
      if (inLoop) {
        if (on(Feature.BREAK)) {
          add(choices, weights, 0.35, () -> out.add(jump("break")));
        }
        if (on(Feature.CONTINUE)) {
          add(choices, weights, 0.35, () -> out.add(jump("continue")));
        }
        if (on(Feature.EARLY_RETURN_IN_LOOP)) {
          add(choices, weights, 0.25, () -> out.add(Stmt.simple("if ($0) return $1;",
              condition(2), dexpr(2))));
        }
      }
      double total = weights.stream().mapToDouble(Double::doubleValue).sum();
      double x = r.nextDouble() * total;
      for (int i = 0; i < choices.size(); i++) {
        x -= weights.get(i);
        if (x <= 0 || i == choices.size() - 1) {
          choices.get(i).run();
          return;
        }
      }
    }

    private void add(List<Runnable> choices, List<Double> weights, double weight, Runnable r) {
      choices.add(r);
      weights.add(weight);
    }

    private Stmt doubleDeclaration() {
      String name = fresh("d");
      Expr init = dexpr(maxDepth);
      boolean isFinal = on(Feature.FINAL_LOCAL) && chance(0.08);
      String type = on(Feature.VAR) && init.javaDouble && chance(0.15) ? "var" : "double";
      Stmt s = Stmt.simple((isFinal ? "final " : "") + type + " " + name + " = $0;", init);
      declare(new Var(name, VarKind.DOUBLE, !isFinal, 0, null));
      return s;
    }

    private Stmt doubleAssignment() {
      List<Var> targets = new ArrayList<>();
      List<Var> parameters = new ArrayList<>();
      for (Var v : writable(VarKind.DOUBLE)) {
        (v.name().length() == 1 ? parameters : targets).add(v);
      }
      if (!parameters.isEmpty() && chance(0.08)) {
        targets = parameters;
      } else if (targets.isEmpty()) {
        return doubleDeclaration();
      }
      String t = pick(targets).name();
      if (!on(Feature.COMPOUND_ASSIGN) || chance(0.35)) {
        return Stmt.simple(t + " = $0;", dexpr(maxDepth));
      }
      int k = r.nextInt(on(Feature.INC_DEC) ? 6 : 4);
      return switch (k) {
        case 0 -> Stmt.simple(t + " += $0;", dexpr(maxDepth - 1));
        case 1 -> Stmt.simple(t + " -= $0;", dexpr(maxDepth - 1));
        case 2 -> Stmt.simple(t + " *= $0;", factor());
        case 3 -> Stmt.simple(t + " /= $0;", denominator());
        case 4 -> Stmt.simple(t + "++;");
        default -> Stmt.simple(t + "--;");
      };
    }

    private String declareInt() {
      String name = fresh("k");
      declare(new Var(name, VarKind.INT, true, 0, null));
      return name;
    }

    private List<Var> intLocals() {
      List<Var> out = new ArrayList<>();
      for (Var v : vars(VarKind.INT)) {
        if (v.writable() && v.name().startsWith("k")) {
          out.add(v);
        }
      }
      return out;
    }

    /** Keeps ints small: an assignment reduces mod 7, an increment adds a small leaf. */
    private Stmt intAssignment(Var k) {
      return switch (r.nextInt(3)) {
        case 0 -> Stmt.simple(k.name() + " = #0 % 7;", iexpr(2));
        case 1 -> Stmt.simple(k.name() + " += $0;", smallInt());
        default -> Stmt.simple(k.name() + "++;");
      };
    }

    private void arrayDeclaration(List<Stmt> out, boolean inLoop) {
      String name = fresh("w");
      List<Var> arrays = vars(VarKind.ARRAY);
      int form;
      do {
        form = r.nextInt(3);
      } while ((form == 0 && !on(Feature.LOCAL_ARRAY)) || (form == 1 && !on(Feature.ARRAY_INIT))
          || (form == 2 && (!on(Feature.CLONE) || arrays.isEmpty())));
      switch (form) {
        case 0 -> {
          List<String[]> lengths = new ArrayList<>();
          for (int n = 2; n <= 5; n++) {
            lengths.add(new String[] {Integer.toString(n), Integer.toString(n)});
          }
          for (Var a : arrays) {
            lengths.add(new String[] {a.name() + ".length", Integer.toString(a.minLength())});
          }
          for (Var n : vars(VarKind.INT)) {
            if (n.name().equals("n")) {
              lengths.add(new String[] {"n + 2", "2"});
            }
          }
          String[] length = pick(lengths);
          out.add(Stmt.simple("double[] " + name + " = new double[$0];",
              Expr.leaf(length[0], T.I, false)));
          Var w = new Var(name, VarKind.ARRAY, true, Integer.parseInt(length[1]), null);
          declare(w);
          if (on(Feature.FOR) && chance(0.75) && budget > 0) {
            budget--;
            String i = fresh("i");
            scopes.push(new ArrayList<>());
            declare(new Var(i, VarKind.INT, false, 0, name));
            loopDepth++;
            Stmt fill = Stmt.simple(name + "[" + i + "] = $0;", dexpr(maxDepth - 1));
            List<Stmt> body = chance(0.3) ? blockBody(true, List.of(fill)) : List.of(fill);
            loopDepth--;
            scopes.pop();
            out.add(Stmt.block("for (int " + i + " = 0; " + i + " < " + name + ".length; " + i
                + "++)", List.of(), body));
          }
        }
        case 1 -> {
          int count = 2 + r.nextInt(3);
          List<Expr> elements = new ArrayList<>();
          List<String> holes = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            elements.add(dexpr(maxDepth - 1));
            holes.add("$" + i);
          }
          out.add(new Stmt(Ast.Kind.SIMPLE, "double[] " + name + " = {" + String.join(", ", holes)
              + "};", elements, null, null, null, false));
          declare(new Var(name, VarKind.ARRAY, true, count, null));
        }
        default -> {
          Var source = pick(arrays);
          out.add(Stmt.simple("double[] " + name + " = " + source.name() + ".clone();"));
          declare(new Var(name, VarKind.ARRAY, true, source.minLength(), null));
        }
      }
    }

    private Stmt arrayWrite(Var w) {
      if (!on(Feature.SELF_INDEXED_WRITE)) {
        writing = w.name();
      }
      Expr index = index(w);
      writing = null;
      if (!on(Feature.COMPOUND_ASSIGN) || chance(0.4)) {
        return Stmt.simple(w.name() + "[$0] = $1;", index, dexpr(maxDepth - 1));
      }
      int k = r.nextInt(on(Feature.INC_DEC) ? 5 : 4);
      return switch (k) {
        case 0 -> Stmt.simple(w.name() + "[$0] += $1;", index, dexpr(maxDepth - 1));
        case 1 -> Stmt.simple(w.name() + "[$0] -= $1;", index, dexpr(maxDepth - 1));
        case 2 -> Stmt.simple(w.name() + "[$0] *= $1;", index, factor());
        case 3 -> Stmt.simple(w.name() + "[$0] /= $1;", index, denominator());
        default -> Stmt.simple(w.name() + "[$0]" + (chance(0.5) ? "++;" : "--;"), index);
      };
    }

    private Stmt ifStatement(boolean inLoop) {
      Expr c = condition(2);
      scopes.push(new ArrayList<>());
      List<Stmt> then = blockBody(inLoop, List.of());
      scopes.pop();
      Stmt s = Stmt.block("if ($0)", List.of(c), then);
      if (on(Feature.IF_ELSE) && chance(0.45)) {
        scopes.push(new ArrayList<>());
        s.elseBody = blockBody(inLoop, List.of());
        scopes.pop();
      }
      return s;
    }

    /** A label for a loop, sometimes, so that inner jumps can name it. */
    private String label() {
      return on(Feature.LABELS) && loopDepth == 0 && chance(0.3) ? fresh("outer") : null;
    }

    private Stmt loop(String head, List<Expr> exprs, Var index, String label, List<Stmt> prefix) {
      scopes.push(new ArrayList<>());
      if (index != null) {
        declare(index);
      }
      if (label != null) {
        labels.push(label);
      }
      loopDepth++;
      List<Stmt> body = blockBody(true, prefix);
      loopDepth--;
      if (label != null) {
        labels.pop();
      }
      scopes.pop();
      return Stmt.block((label == null ? "" : label + ": ") + head, exprs, body);
    }

    private Stmt forLoop() {
      String i = fresh("i");
      String label = label();
      List<Var> arrays = vars(VarKind.ARRAY);
      int form = r.nextInt(5);
      if (form == 3 && !on(Feature.FOR_DOWN) || form == 4 && !on(Feature.FOR_STEP)) {
        form = 0;
      }
      if ((form == 1 || form == 3) && arrays.isEmpty()) {
        form = 0;
      }
      switch (form) {
        case 1 -> {
          Var a = pick(arrays);
          return loop("for (int " + i + " = 0; " + i + " < " + a.name() + ".length; " + i + "++)",
              List.of(), new Var(i, VarKind.INT, false, 0, a.name()), label, List.of());
        }
        case 3 -> {
          Var a = pick(arrays);
          return loop("for (int " + i + " = " + a.name() + ".length - 1; " + i + " >= 0; " + i
              + "--)", List.of(), new Var(i, VarKind.INT, false, 0, a.name()), label, List.of());
        }
        case 4 -> {
          return loop("for (int " + i + " = 0; " + i + " < $0; " + i + " += 2)",
              List.of(loopBound()), new Var(i, VarKind.INT, false, 0, null), label, List.of());
        }
        default -> {
          return loop("for (int " + i + " = 0; " + i + " < $0; " + i + "++)",
              List.of(loopBound()), new Var(i, VarKind.INT, false, 0, null), label, List.of());
        }
      }
    }

    private void whileLoop(List<Stmt> out) {
      String c = fresh("c");
      String label = label();
      out.add(Stmt.pinned("int " + c + " = 0;"));
      Stmt increment = Stmt.pinned(c + "++;");
      // The counter is declared in the enclosing scope, but is not an int local the body may
      // assign: it must keep counting.
      declare(new Var(c, VarKind.INT, false, 0, null));
      if (on(Feature.WHILE_ACTIVE_CONDITION) && chance(0.25)) {
        out.add(loop("while (" + c + " < $0 && #1)", List.of(loopBound(), condition(1)), null,
            label, List.of(increment)));
      } else {
        out.add(loop("while (" + c + " < $0)", List.of(loopBound()), null, label,
            List.of(increment)));
      }
    }

    private void doWhileLoop(List<Stmt> out) {
      String c = fresh("c");
      out.add(Stmt.pinned("int " + c + " = 0;"));
      declare(new Var(c, VarKind.INT, false, 0, null));
      Stmt increment = Stmt.pinned(c + "++;");
      scopes.push(new ArrayList<>());
      loopDepth++;
      List<Stmt> body = blockBody(true, List.of(increment));
      loopDepth--;
      scopes.pop();
      out.add(Stmt.doWhile(body, "while (" + c + " < $0);", List.of(loopBound())));
    }

    private Stmt enhancedFor() {
      Var a = pick(vars(VarKind.ARRAY));
      String v = fresh("v");
      return loop("for (double " + v + " : " + a.name() + ")", List.of(),
          new Var(v, VarKind.DOUBLE, false, 0, null), label(), List.of());
    }

    private Stmt jump(String keyword) {
      String target = "";
      if (!labels.isEmpty() && loopDepth >= 2 && chance(0.5)) {
        target = " " + pick(new ArrayList<>(labels));
      }
      return Stmt.simple("if ($0) " + keyword + target + ";", condition(2));
    }

    // Expressions.

    private Expr leafI(String text) {
      return Expr.leaf(text, T.I, false);
    }

    /** A loop's trip count: 0 to 4, n, an array length, or a small int expression. */
    private Expr loopBound() {
      List<Expr> bounds = new ArrayList<>();
      for (int k = 0; k <= 4; k++) {
        bounds.add(leafI(Integer.toString(k)));
      }
      bounds.add(leafI(Integer.toString(1 + r.nextInt(4))));
      for (Var v : vars(VarKind.INT)) {
        if (v.name().equals("n")) {
          bounds.add(leafI("n"));
        }
      }
      for (Var a : vars(VarKind.ARRAY)) {
        bounds.add(leafI(a.name() + ".length"));
      }
      if (chance(0.15)) {
        return new Expr(mathClass() + ".min($0, 4)", List.of(iexpr(1)), T.I, false, true);
      }
      return pick(bounds);
    }

    private Expr smallInt() {
      List<Expr> leaves = new ArrayList<>();
      for (int k = 1; k <= 3; k++) {
        leaves.add(leafI(Integer.toString(k)));
      }
      for (Var v : vars(VarKind.INT)) {
        if (!v.name().startsWith("k")) {
          leaves.add(leafI(v.name()));
        }
      }
      return pick(leaves);
    }

    /** A non-negative int expression. */
    private Expr iexpr(int depth) {
      if (depth <= 0 || chance(0.55)) {
        List<Expr> leaves = new ArrayList<>();
        for (int k = 0; k <= 3; k++) {
          leaves.add(leafI(Integer.toString(k)));
        }
        if (on(Feature.CONSTANTS)) {
          leaves.add(leafI("M"));
        }
        for (Var v : vars(VarKind.INT)) {
          leaves.add(leafI(v.name()));
          leaves.add(leafI(v.name()));
        }
        for (Var a : vars(VarKind.ARRAY)) {
          leaves.add(leafI(a.name() + ".length"));
        }
        return pick(leaves);
      }
      String m = mathClass();
      int k = r.nextInt(on(Feature.INT_CAST) ? 10 : 9);
      return switch (k) {
        case 0, 1 -> new Expr("#0 + #1", List.of(iexpr(depth - 1), iexpr(depth - 1)), T.I, false,
            false);
        case 2 -> new Expr("#0 * #1", List.of(iexpr(0), iexpr(0)), T.I, false, false);
        case 3 -> new Expr("#0 % 3", List.of(iexpr(depth - 1)), T.I, false, false);
        case 4 -> new Expr("#0 / 2", List.of(iexpr(depth - 1)), T.I, false, false);
        case 5 -> new Expr(m + ".max($0, $1)", List.of(iexpr(depth - 1), iexpr(depth - 1)), T.I,
            false, true);
        case 6 -> new Expr(m + ".min($0, $1)", List.of(iexpr(depth - 1), iexpr(depth - 1)), T.I,
            false, true);
        case 7 -> new Expr("#0 >> 1", List.of(iexpr(depth - 1)), T.I, false, false);
        case 8 -> new Expr("#0 & 3", List.of(iexpr(depth - 1)), T.I, false, false);
        default -> new Expr("(int) (2 * " + m + ".abs(" + m + ".sin($0)))",
            List.of(dexpr(depth - 1)), T.I, false, false);
      };
    }

    /** An index that is always in bounds for array w. */
    private Expr index(Var w) {
      List<Var> bound = new ArrayList<>();
      for (Var v : vars(VarKind.INT)) {
        if (w.name().equals(v.indexOf())) {
          bound.add(v);
        }
      }
      if (!bound.isEmpty() && chance(0.55)) {
        return leafI(pick(bound).name());
      }
      if (chance(0.45)) {
        return leafI(Integer.toString(r.nextInt(w.minLength())));
      }
      return new Expr("#0 % " + w.name() + ".length", List.of(iexpr(1)), T.I, false, false);
    }

    private String mathClass() {
      return on(Feature.STRICT_MATH) && chance(0.1) ? "StrictMath" : "Math";
    }

    private Expr dleaf() {
      double u = r.nextDouble();
      List<Var> arrays = vars(VarKind.ARRAY);
      arrays.removeIf(a -> a.name().equals(writing));
      if (u < 0.15 && !arrays.isEmpty()) {
        Var a = pick(arrays);
        return new Expr(a.name() + "[$0]", List.of(index(a)), T.D, true, true);
      }
      if (u < 0.37) {
        return literal();
      }
      if (u < 0.42 && !vars(VarKind.INT).isEmpty()) {
        return Expr.leaf(pick(vars(VarKind.INT)).name(), T.D, false);
      }
      return Expr.leaf(pick(vars(VarKind.DOUBLE)).name(), T.D, true);
    }

    private Expr literal() {
      if (on(Feature.CONSTANTS) && chance(0.1)) {
        return pick(List.of(Expr.leaf("K", T.D, true), Expr.leaf("M", T.D, false),
            Expr.leaf("Math.PI", T.D, true), Expr.leaf("Math.E", T.D, true)));
      }
      if (on(Feature.LITERAL_FORMS) && chance(0.15)) {
        String text = pick(List.of("0x1p-2", "1_0.5e-1", "2.5e0", "1e-1", "0.5d", ".75", "3L",
            "0x10", "1_000"));
        return Expr.leaf(text, T.D, !text.equals("3L") && !text.equals("0x10")
            && !text.equals("1_000"));
      }
      String text = pick(List.of("0.5", "1.5", "2.0", "0.25", "0.75", "3.0", "1.0", "2", "3",
          "1", "-0.5", "-2.0"));
      return Expr.leaf(text, T.D, text.contains("."));
    }

    /** A double expression. */
    private Expr dexpr(int depth) {
      double leafChance = 0.2 + 0.15 * (maxDepth - depth);
      if (depth <= 0 || chance(leafChance)) {
        return dleaf();
      }
      double u = r.nextDouble() * 18;
      if (u < 6) {
        String op = pick(List.of("+", "-", "*"));
        Expr a = dexpr(depth - 1);
        Expr b = dexpr(depth - 1);
        return new Expr("#0 " + op + " #1", List.of(a, b), T.D, a.javaDouble || b.javaDouble,
            false);
      }
      if (u < 8) {
        Expr a = dexpr(depth - 1);
        Expr b = dexpr(depth - 1);
        String m = mathClass();
        if (on(Feature.RAW_DIVISION) && chance(0.1)) {
          // A double divisor: an int one could be 0, and throw.
          Expr divisor = b.javaDouble ? b : new Expr("(double) #0", List.of(b), T.D, true, false);
          return new Expr("#0 / #1", List.of(a, divisor), T.D, true, false);
        }
        String template = pick(List.of("#0 / (1 + #1 * #1)", "#0 / (2 + " + m + ".cos($1))",
            "#0 / (1.5 + " + m + ".tanh($1))"));
        boolean jd = a.javaDouble || b.javaDouble || template.contains(".");
        return new Expr(template, List.of(a, b), T.D, jd, false);
      }
      if (u < 9) {
        Expr a = dexpr(depth - 1);
        return new Expr("-#0", List.of(a), T.D, a.javaDouble, false);
      }
      if (u < 10 && on(Feature.TERNARY)) {
        Expr a = dexpr(depth - 1);
        Expr b = dexpr(depth - 1);
        return new Expr("#0 ? #1 : #2", List.of(condition(depth - 1), a, b), T.D,
            a.javaDouble || b.javaDouble, false);
      }
      if (u < 11 && on(Feature.INT_MIX)) {
        Expr b = dexpr(depth - 1);
        return new Expr("#0 * #1", List.of(iexpr(1), b), T.D, b.javaDouble, false);
      }
      return math(depth);
    }

    /** A double expression Java types as double (for fma and signum, whose int forms differ). */
    private Expr ddexpr(int depth) {
      Expr e = dexpr(depth);
      return e.javaDouble ? e : new Expr("(double) #0", List.of(e), T.D, true, false);
    }

    /** A factor for {@code *=}: bounded, so that loops cannot blow values up. */
    private Expr factor() {
      String m = mathClass();
      Expr e = dexpr(maxDepth - 2);
      return switch (r.nextInt(5)) {
        case 0 -> new Expr(m + ".sin($0)", List.of(e), T.D, true, true);
        case 1 -> new Expr(m + ".cos($0)", List.of(e), T.D, true, true);
        case 2 -> new Expr(m + ".tanh($0)", List.of(e), T.D, true, true);
        case 3 -> new Expr("0.5 + 0.25 * " + m + ".sin($0)", List.of(e), T.D, true, false);
        default -> Expr.leaf(pick(List.of("0.9", "1.1", "-0.75")), T.D, true);
      };
    }

    /** A divisor for {@code /=}: bounded away from zero. */
    private Expr denominator() {
      String m = mathClass();
      Expr e = dexpr(maxDepth - 2);
      return switch (r.nextInt(4)) {
        case 0 -> new Expr("1 + #0 * #0", List.of(e), T.D, true, false);
        case 1 -> new Expr("2 + " + m + ".cos($0)", List.of(e), T.D, true, false);
        case 2 -> on(Feature.CONSTANTS) ? Expr.leaf("K", T.D, true) : Expr.leaf("2.0", T.D, true);
        default -> Expr.leaf("2.0", T.D, true);
      };
    }

    /** A bounded wrapper, {@code sin}, {@code cos} or {@code tanh}: values in [-1, 1]. */
    private String bounded(String m, String hole) {
      return m + "." + pick(List.of("sin", "cos", "tanh")) + "(" + hole + ")";
    }

    private Expr call(String template, Expr... kids) {
      return new Expr(template, List.of(kids), T.D, true, isSingleCall(template));
    }

    /** Whether a template is one call {@code M.f(...)} with balanced parentheses around all. */
    private boolean isSingleCall(String template) {
      if (!template.matches("(Strict)?Math\\.[a-zA-Z0-9]+\\(.*\\)")) {
        return false;
      }
      int depth = 0;
      int open = template.indexOf('(');
      for (int i = open; i < template.length(); i++) {
        char c = template.charAt(i);
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
          if (depth == 0 && i != template.length() - 1) {
            return false;
          }
        }
      }
      return true;
    }

    private Expr math(int depth) {
      List<Feature> functions = new ArrayList<>();
      for (Feature f : Feature.MATH) {
        if (on(f)) {
          functions.add(f);
        }
      }
      if (functions.isEmpty()) {
        return dleaf();
      }
      String m = mathClass();
      int d = depth - 1;
      Feature f = pick(functions);
      switch (f) {
        case SIN: return call(m + ".sin($0)", dexpr(d));
        case COS: return call(m + ".cos($0)", dexpr(d));
        case TAN: return call(m + ".tan(1.2 * " + bounded(m, "$0") + ")", dexpr(d));
        case ASIN: return call(m + ".asin(0.9 * " + bounded(m, "$0") + ")", dexpr(d));
        case ACOS: return call(m + ".acos(0.9 * " + bounded(m, "$0") + ")", dexpr(d));
        case ATAN: return call(m + ".atan($0)", dexpr(d));
        case ATAN2:
          if (on(Feature.RAW_DIVISION) && chance(0.2)) {
            return call(m + ".atan2($0, $1)", dexpr(d), dexpr(d));
          }
          return call(m + ".atan2($0, 1.5 + " + bounded(m, "$1") + ")", dexpr(d), dexpr(d));
        case SINH:
          return chance(0.3) ? call(m + ".sinh($0)", dexpr(d))
              : call(m + ".sinh(2 * " + bounded(m, "$0") + ")", dexpr(d));
        case COSH:
          return chance(0.3) ? call(m + ".cosh($0)", dexpr(d))
              : call(m + ".cosh(2 * " + bounded(m, "$0") + ")", dexpr(d));
        case TANH: return call(m + ".tanh($0)", dexpr(d));
        case EXP:
          return switch (r.nextInt(3)) {
            case 0 -> call(m + ".exp($0)", dexpr(d));
            case 1 -> call(m + ".exp(-#0 * #0)", dexpr(d));
            default -> call(m + ".exp(" + bounded(m, "$0") + ")", dexpr(d));
          };
        case EXPM1:
          return chance(0.3) ? call(m + ".expm1($0)", dexpr(d))
              : call(m + ".expm1(" + bounded(m, "$0") + ")", dexpr(d));
        case LOG:
          return switch (r.nextInt(3)) {
            case 0 -> call(m + ".log(1 + #0 * #0)", dexpr(d));
            case 1 -> call(m + ".log(2 + " + bounded(m, "$0") + ")", dexpr(d));
            default -> call(m + ".log(" + m + ".abs($0) + 0.5)", dexpr(d));
          };
        case LOG10:
          return chance(0.5) ? call(m + ".log10(1 + #0 * #0)", dexpr(d))
              : call(m + ".log10(2 + " + bounded(m, "$0") + ")", dexpr(d));
        case LOG1P:
          return chance(0.5) ? call(m + ".log1p(#0 * #0)", dexpr(d))
              : call(m + ".log1p(0.9 * " + bounded(m, "$0") + ")", dexpr(d));
        case SQRT:
          return chance(0.5) ? call(m + ".sqrt(1 + #0 * #0)", dexpr(d))
              : call(m + ".sqrt(2 + " + bounded(m, "$0") + ")", dexpr(d));
        case CBRT:
          return chance(0.5) ? call(m + ".cbrt(-1 - #0 * #0)", dexpr(d))
              : call(m + ".cbrt(2 + " + bounded(m, "$0") + ")", dexpr(d));
        case POW:
          return switch (r.nextInt(6)) {
            case 0 -> call(m + ".pow($0, 2)", dexpr(d));
            case 1 -> call(m + ".pow($0, 3)", dexpr(d));
            case 2 -> call(m + ".pow($0, 2.0)", dexpr(d));
            case 3 -> call(m + ".pow(1 + #0 * #0, " + bounded(m, "$1") + ")", dexpr(d), dexpr(d));
            case 4 -> call(m + ".pow(1.5 + " + bounded(m, "$0") + ", $1)", dexpr(d), dexpr(d));
            default -> on(Feature.INT_MIX)
                ? new Expr(m + ".pow($0, $1)", List.of(dexpr(d), iexpr(1)), T.D, true, true)
                : call(m + ".pow($0, 2)", dexpr(d));
          };
        case HYPOT: return call(m + ".hypot($0, $1)", dexpr(d), dexpr(d));
        case ABS: {
          Expr a = dexpr(d);
          return new Expr(m + ".abs($0)", List.of(a), T.D, a.javaDouble, true);
        }
        case MAX: {
          Expr a = dexpr(d);
          Expr b = dexpr(d);
          return new Expr(m + ".max($0, $1)", List.of(a, b), T.D, a.javaDouble || b.javaDouble,
              true);
        }
        case MIN: {
          Expr a = dexpr(d);
          Expr b = dexpr(d);
          return new Expr(m + ".min($0, $1)", List.of(a, b), T.D, a.javaDouble || b.javaDouble,
              true);
        }
        case TO_RADIANS: return call(m + ".toRadians($0)", dexpr(d));
        case TO_DEGREES: return call(m + ".toDegrees($0)", dexpr(d));
        case FMA: return call(m + ".fma($0, $1, $2)", ddexpr(d), ddexpr(d), ddexpr(d));
        case SIGNUM:
          return chance(0.5) ? call(m + ".signum($0)", ddexpr(d))
              : new Expr(m + ".signum($0) * #1", List.of(ddexpr(d), dexpr(d)), T.D, true, false);
        case FLOOR: return call(m + ".floor($0)", dexpr(d));
        case CEIL: return call(m + ".ceil($0)", dexpr(d));
        case RINT: return call(m + ".rint($0)", dexpr(d));
        default: throw new IllegalStateException(f.toString());
      }
    }

    /** A boolean condition. */
    private Expr condition(int depth) {
      double u = r.nextDouble();
      if (depth > 0 && on(Feature.LOGICAL) && u < 0.12) {
        return switch (r.nextInt(3)) {
          case 0 -> new Expr("#0 && #1", List.of(condition(depth - 1), condition(depth - 1)),
              T.B, false, false);
          case 1 -> new Expr("#0 || #1", List.of(condition(depth - 1), condition(depth - 1)),
              T.B, false, false);
          default -> new Expr("!#0", List.of(condition(depth - 1)), T.B, false, false);
        };
      }
      if (u < 0.35 && !vars(VarKind.INT).isEmpty()) {
        return switch (r.nextInt(3)) {
          case 0 -> new Expr("#0 < #1", List.of(iexpr(1), iexpr(1)), T.B, false, false);
          case 1 -> new Expr("#0 == #1", List.of(iexpr(1), iexpr(1)), T.B, false, false);
          default -> new Expr("#0 % 2 == 0", List.of(iexpr(1)), T.B, false, false);
        };
      }
      String op = pick(List.of("<", ">", "<=", ">="));
      return new Expr("#0 " + op + " #1", List.of(dexpr(Math.max(0, depth)), dexpr(depth - 1)),
          T.B, false, false);
    }
  }
}
