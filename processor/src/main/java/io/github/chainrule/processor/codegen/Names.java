package io.github.chainrule.processor.codegen;

import io.github.chainrule.processor.ir.IrWalk;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The Java identifiers of one generated method's variables. The user's own names come first and
 * are kept; derived names follow the user's ({@code x_dot}, {@code x_bar}); temporaries are
 * {@code t0, t1, ...}. Whatever a user calls their variables, no two variables get one name.
 */
final class Names {

  private final Map<Variable, String> names = new HashMap<>();
  private final Set<String> taken = new HashSet<>();
  private int nextTemp;

  /**
   * Names for a method: the user's parameters first, then the generated method's own parameters
   * (so {@code gradient} keeps its name in the signature and its exceptions), then the user's
   * locals, in order.
   */
  static Names of(IrMethod method) {
    Names n = new Names();
    // A variable must not shadow a class the generated code names: a local called Math would
    // turn Math.sin(x) into a field access.
    n.taken.addAll(RESERVED);
    IrWalk.forEachStatement(method.body(),
        s -> IrWalk.expressions(s).forEach(e -> classesIn(e, n.taken)));
    for (Variable p : method.parameters()) {
      if (p.role() == Variable.Role.PARAMETER) {
        n.get(p);
      }
    }
    method.parameters().forEach(n::get);
    IrWalk.forEachStatement(method.body(), s -> {
      if (s instanceof Stmt.Declare d && d.variable().role() == Variable.Role.LOCAL) {
        n.get(d.variable());
      }
    });
    return n;
  }

  /** Names for a method written by hand in the generator: its parameters come first. */
  static Names forParameters(List<Variable> parameters) {
    Names n = new Names();
    n.taken.addAll(RESERVED);
    parameters.forEach(n::get);
    return n;
  }

  /** Classes every generated class may name, besides those the method's code refers to. */
  private static final Set<String> RESERVED = Set.of("Math", "StrictMath", "Double", "DoubleTape",
      "IntTape", "Revolve", "NullPointerException", "IllegalArgumentException", "Generated", "String",
      "Object", "System");

  private static void classesIn(Expr e, Set<String> sink) {
    IrWalk.anyExpression(e, x -> {
      if (x instanceof Expr.StaticField f) {
        sink.add(f.owner().simpleNames().split("\\.")[0]);
      } else if (x instanceof Expr.StaticCall c) {
        sink.add(c.owner().simpleNames().split("\\.")[0]);
      }
      return false;
    });
  }

  String get(Variable v) {
    String name = names.get(v);
    if (name == null) {
      name = fresh(v);
      names.put(v, name);
      taken.add(name);
    }
    return name;
  }

  private String fresh(Variable v) {
    switch (v.role()) {
      case TEMP:
        String temp;
        do {
          temp = "t" + nextTemp++;
        } while (taken.contains(temp));
        return temp;
      case TANGENT:
        return unique(get(v.primal()) + "_dot");
      case ADJOINT:
        return unique(get(v.primal()) + "_bar");
      default:
        return unique(v.hint());
    }
  }

  private String unique(String wanted) {
    if (!taken.contains(wanted)) {
      return wanted;
    }
    for (int k = 1; ; k++) {
      String candidate = wanted + "_" + k;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
  }
}
