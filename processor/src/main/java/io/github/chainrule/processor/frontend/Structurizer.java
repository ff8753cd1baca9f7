package io.github.chainrule.processor.frontend;

import io.github.chainrule.processor.diag.Diagnostic;
import io.github.chainrule.processor.diag.DifferentiationError;
import io.github.chainrule.processor.diag.Message;
import io.github.chainrule.processor.ir.BinaryOp;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.IrWalk;
import io.github.chainrule.processor.ir.Label;
import io.github.chainrule.processor.ir.SourcePos;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.UnaryOp;
import io.github.chainrule.processor.ir.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes {@code break}, {@code continue} and early {@code return} from lowered IR, so the
 * transforms see only {@code if}, loops that run to their condition, and one final return. This
 * is what lets reverse mode replay control flow from branch decisions and trip counts alone.
 *
 * <p>A jump becomes a boolean flag (and, for a return, an assignment to {@code result}). The
 * statements after something that may jump run under {@code if (!flag)}, except where an
 * {@code if} has one branch that always jumps: then the rest simply moves into the other branch,
 * as a person would write it. A loop that a jump may leave tests the flag in its condition. Flags
 * that nothing reads any more are removed later with the other dead code.
 */
final class Structurizer {

  /** A structured statement list: whether it may end by jumping (flags set), or always does. */
  private record Block(List<Stmt> statements, Set<Variable> exits, boolean alwaysExits) {}

  private final Type returnType;
  private final SourcePos bodyPos;
  private final Map<Label, Variable> breakFlags = new HashMap<>();
  private final Map<Label, Variable> continueFlags = new HashMap<>();
  private final List<Stmt> flagDeclarations = new ArrayList<>();
  private Variable result;
  private Variable returned;
  private int loopDepth;

  Structurizer(Type returnType, SourcePos bodyPos) {
    this.returnType = returnType;
    this.bodyPos = bodyPos;
  }

  List<Stmt> method(List<Stmt> raw) {
    if (hasSingleFinalReturn(raw)) {
      // No jumps: only the loops' updates need folding into their bodies.
      List<Stmt> out = new ArrayList<>(list(raw.subList(0, raw.size() - 1)).statements());
      out.add(raw.get(raw.size() - 1));
      return out;
    }
    if (returnType == Type.DOUBLE_ARRAY) {
      throw new DifferentiationError(Diagnostic.at(bodyPos, Message.UNSUPPORTED_STATEMENT,
          "a method returning double[] with more than one return (or a jump)",
          "fill one local array and return it once, at the end"));
    }
    result = Variable.generated("result", returnType);
    returned = flag("returned");
    Block body = list(raw);
    if (!body.alwaysExits()) {
      throw new DifferentiationError(Diagnostic.at(bodyPos, Message.MISSING_RETURN));
    }
    List<Stmt> out = new ArrayList<>();
    out.add(new Stmt.Declare(result, zero(returnType), SourcePos.NONE));
    out.addAll(flagDeclarations);
    out.addAll(body.statements());
    out.add(new Stmt.Return(new Expr.Read(result), SourcePos.NONE));
    return out;
  }

  /** The common case needs nothing: no jumps, and one return, at the very end. */
  private static boolean hasSingleFinalReturn(List<Stmt> raw) {
    int[] jumps = {0};
    IrWalk.forEachStatement(raw, s -> {
      if (s instanceof Stmt.Jump || s instanceof Stmt.Return) {
        jumps[0]++;
      }
    });
    return jumps[0] == 1 && !raw.isEmpty() && raw.get(raw.size() - 1) instanceof Stmt.Return;
  }

  private Variable flag(String name) {
    Variable flag = Variable.generated(name, Type.BOOLEAN);
    flagDeclarations.add(new Stmt.Declare(flag, Expr.Literal.ofBoolean(false), SourcePos.NONE));
    return flag;
  }

  private Block list(List<Stmt> statements) {
    List<Stmt> out = new ArrayList<>();
    Set<Variable> exits = new LinkedHashSet<>();
    for (int i = 0; i < statements.size(); i++) {
      Stmt s = statements.get(i);
      List<Stmt> rest = statements.subList(i + 1, statements.size());
      Block done;
      if (s instanceof Stmt.If branch) {
        Block whenTrue = list(branch.whenTrue());
        Block whenFalse = list(branch.whenFalse());
        if (whenTrue.alwaysExits() != whenFalse.alwaysExits() && !rest.isEmpty()) {
          // One branch always jumps: the rest belongs to the other one, as a person writes it.
          boolean trueJumps = whenTrue.alwaysExits();
          List<Stmt> continued = new ArrayList<>(trueJumps ? branch.whenFalse() : branch.whenTrue());
          continued.addAll(rest);
          Block other = list(continued);
          out.add(new Stmt.If(branch.condition(),
              trueJumps ? whenTrue.statements() : other.statements(),
              trueJumps ? other.statements() : whenFalse.statements(), branch.pos()));
          exits.addAll(trueJumps ? whenTrue.exits() : whenFalse.exits());
          exits.addAll(other.exits());
          return new Block(out, exits, other.alwaysExits());
        }
        out.add(new Stmt.If(branch.condition(), whenTrue.statements(), whenFalse.statements(),
            branch.pos()));
        done = new Block(List.of(), union(whenTrue.exits(), whenFalse.exits()),
            whenTrue.alwaysExits() && whenFalse.alwaysExits());
      } else {
        done = statement(s);
        out.addAll(done.statements());
      }
      exits.addAll(done.exits());
      if (done.alwaysExits()) {
        return new Block(out, exits, true);
      }
      if (!done.exits().isEmpty() && !rest.isEmpty()) {
        // It may have jumped: the rest runs only if it did not.
        Block guarded = list(rest);
        out.add(new Stmt.If(not(done.exits()), guarded.statements(), List.of(), SourcePos.NONE));
        exits.addAll(guarded.exits());
        return new Block(out, exits, guarded.alwaysExits());
      }
    }
    return new Block(out, exits, false);
  }

  private Block statement(Stmt s) {
    if (s instanceof Stmt.Jump j) {
      Variable flag = j.kind() == Stmt.Jump.Kind.BREAK
          ? breakFlags.computeIfAbsent(j.target(), l -> flag(name(l, "broken")))
          : continueFlags.computeIfAbsent(j.target(), l -> flag(name(l, "continued")));
      return new Block(List.of(new Stmt.Assign(flag, Expr.Literal.ofBoolean(true), j.pos())),
          Set.of(flag), true);
    }
    if (s instanceof Stmt.Return r) {
      return new Block(List.of(new Stmt.Assign(result, r.value(), r.pos()),
          new Stmt.Assign(returned, Expr.Literal.ofBoolean(true), r.pos())),
          Set.of(returned), true);
    }
    if (s instanceof Stmt.While w) {
      return loop(w.condition(), w.body(), w.update(), w.label(), w.pos(), null);
    }
    if (s instanceof Stmt.For f) {
      return loop(new Expr.Binary(f.comparison(), new Expr.Read(f.index()), f.to()), f.body(),
          List.of(), f.label(), f.pos(), f);
    }
    return new Block(List.of(s), Set.of(), false);
  }

  private static String name(Label label, String what) {
    return label.name() == null ? what : label.name() + "_" + what;
  }

  /**
   * A loop whose body may jump: its own {@code continue} skips to the update, its own
   * {@code break} and every outer jump end it through the condition.
   */
  private Block loop(Expr condition, List<Stmt> rawBody, List<Stmt> rawUpdate, Label label,
      SourcePos pos, Stmt.For counted) {
    loopDepth++;
    Block body = list(rawBody);
    loopDepth--;
    Variable broken = breakFlags.get(label);
    Variable continued = continueFlags.get(label);
    Set<Variable> leaving = new LinkedHashSet<>(body.exits());
    leaving.remove(continued);
    Set<Variable> outward = new LinkedHashSet<>(leaving);
    outward.remove(broken);
    if (body.exits().isEmpty() || (counted != null && continued != null
        && Set.of(continued).equals(body.exits()))) {
      // A continue of its own only skips the rest of the body: the loop stays as it is.
      List<Stmt> whole = new ArrayList<>();
      if (continued != null && body.exits().contains(continued)) {
        whole.add(new Stmt.Assign(continued, Expr.Literal.ofBoolean(false), pos));
      }
      whole.addAll(body.statements());
      if (counted != null) {
        return new Block(List.of(counted.withBody(whole)), Set.of(), false);
      }
      whole.addAll(rawUpdate);
      return new Block(List.of(new Stmt.While(condition, whole, List.of(), null, pos)), Set.of(),
          isTrue(condition));
    }
    List<Stmt> out = new ArrayList<>();
    List<Stmt> loopBody = new ArrayList<>();
    if (continued != null) {
      loopBody.add(new Stmt.Assign(continued, Expr.Literal.ofBoolean(false), pos));
    }
    loopBody.addAll(body.statements());
    List<Stmt> update = new ArrayList<>(rawUpdate);
    if (counted != null) {
      // The counted loop now leaves early: it becomes a while loop over its own index.
      out.add(new Stmt.Declare(counted.index(), counted.from(), pos));
      update.add(new Stmt.Assign(counted.index(), new Expr.Binary(
          counted.step() > 0 ? BinaryOp.ADD : BinaryOp.SUB, new Expr.Read(counted.index()),
          Expr.Literal.ofInt(1)), pos));
    }
    if (!leaving.isEmpty() && !update.isEmpty()) {
      loopBody.add(new Stmt.If(not(leaving), update, List.of(), pos));
    } else {
      loopBody.addAll(update);
    }
    if (broken != null && loopDepth > 0) {
      // A nested loop runs again on each outer iteration: its break flag starts false each time.
      out.add(new Stmt.Assign(broken, Expr.Literal.ofBoolean(false), pos));
    }
    Expr guardedCondition = leaving.isEmpty()
        ? condition
        : isTrue(condition) ? not(leaving) : new Expr.Binary(BinaryOp.AND, not(leaving), condition);
    out.add(new Stmt.While(guardedCondition, loopBody, List.of(), null, pos));
    // while (true) without its own break is left only by an outer jump.
    return new Block(out, outward, isTrue(condition) && broken == null);
  }

  private static boolean isTrue(Expr condition) {
    return condition instanceof Expr.Literal l && l.text().equals("true");
  }

  private static Expr not(Set<Variable> flags) {
    Expr any = null;
    for (Variable f : flags) {
      Expr read = new Expr.Read(f);
      any = any == null ? read : new Expr.Binary(BinaryOp.OR, any, read);
    }
    return new Expr.Unary(UnaryOp.NOT, any);
  }

  private static Set<Variable> union(Set<Variable> a, Set<Variable> b) {
    Set<Variable> u = new LinkedHashSet<>(a);
    u.addAll(b);
    return u;
  }

  private static Expr zero(Type type) {
    switch (type) {
      case DOUBLE: return Expr.Literal.ofDouble(0.0);
      default: throw new IllegalStateException("no zero of " + type);
    }
  }
}
