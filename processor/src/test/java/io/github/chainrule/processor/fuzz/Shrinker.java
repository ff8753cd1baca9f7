package io.github.chainrule.processor.fuzz;

import io.github.chainrule.processor.fuzz.Ast.Expr;
import io.github.chainrule.processor.fuzz.Ast.Kind;
import io.github.chainrule.processor.fuzz.Ast.Stmt;
import io.github.chainrule.processor.fuzz.Ast.T;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One step of shrinking: every program one edit away from a failing one, smallest first. The
 * edits: remove a statement (not a loop counter's increment, not the final statement), replace a
 * block by its body (or an {@code if} by its {@code else} branch), replace an expression by a
 * leaf (the first double parameter, {@code 1} or {@code true}/{@code false}) or by one of its
 * children of the same type. Candidates that are no longer valid Java simply fail to reproduce.
 */
final class Shrinker {

  private Shrinker() {}

  static List<Program> candidates(Program p) {
    List<Program> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    seen.add(p.source("", "C"));
    Consumer<Program> add = c -> {
      if (seen.add(c.source("", "C"))) {
        out.add(c);
      }
    };
    // Statements.
    int statements = countStatements(p.body);
    for (int k = 0; k < statements; k++) {
      Program c = p.copy();
      if (removeStatement(c.body, k)) {
        add.accept(c);
      }
      c = p.copy();
      if (unwrap(c.body, k, false)) {
        add.accept(c);
      }
      c = p.copy();
      if (unwrap(c.body, k, true)) {
        add.accept(c);
      }
    }
    // Expressions.
    int slots = Ast.slots(p.body).size();
    String x = p.firstDouble();
    for (int k = 0; k < slots; k++) {
      Expr e = Ast.slots(p.body).get(k).get();
      List<Expr> replacements = new ArrayList<>();
      switch (e.type) {
        case D -> replacements.add(Expr.leaf(x, T.D, true));
        case I -> replacements.add(Expr.leaf("1", T.I, false));
        default -> {
          replacements.add(Expr.leaf("true", T.B, false));
          replacements.add(Expr.leaf("false", T.B, false));
        }
      }
      for (Expr kid : e.kids) {
        if (kid.type == e.type) {
          replacements.add(kid);
        }
      }
      for (Expr r : replacements) {
        if (r.java().equals(e.java())) {
          continue;
        }
        Program c = p.copy();
        Ast.slots(c.body).get(k).set(r.copy());
        add.accept(c);
      }
    }
    out.sort(Comparator.comparingInt(Program::size));
    return out;
  }

  private static int countStatements(List<Stmt> body) {
    int[] n = {0};
    Ast.forEachList(body, list -> n[0] += list.size());
    return n[0];
  }

  /** The k-th statement in the order of {@link Ast#forEachList}: its list and index. */
  private record Place(List<Stmt> list, int index, boolean top) {}

  private static Place place(List<Stmt> body, int k) {
    int[] left = {k};
    Place[] found = {null};
    Ast.forEachList(body, list -> {
      if (found[0] == null) {
        if (left[0] < list.size()) {
          found[0] = new Place(list, left[0], list == body);
        } else {
          left[0] -= list.size();
        }
      }
    });
    return found[0];
  }

  private static boolean removeStatement(List<Stmt> body, int k) {
    Place at = place(body, k);
    Stmt s = at.list().get(at.index());
    // A loop counter's declaration may go once nothing uses it (otherwise javac rejects the
    // candidate); its increment never, or the loop would not end.
    boolean counterIncrement = s.pinned && !s.head.startsWith("int ");
    if (counterIncrement || (at.top() && at.index() == at.list().size() - 1)) {
      return false;
    }
    at.list().remove(at.index());
    return true;
  }

  private static boolean unwrap(List<Stmt> body, int k, boolean elseBranch) {
    Place at = place(body, k);
    Stmt s = at.list().get(at.index());
    if (s.kind == Kind.SIMPLE) {
      return false;
    }
    List<Stmt> replacement = elseBranch ? s.elseBody : s.body;
    if (replacement == null) {
      return false;
    }
    at.list().remove(at.index());
    at.list().addAll(at.index(), replacement);
    return true;
  }
}
