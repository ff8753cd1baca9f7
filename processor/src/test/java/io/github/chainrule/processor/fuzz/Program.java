package io.github.chainrule.processor.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One generated {@code @Differentiable} method, {@code f}, in a class of its own. Parameters are
 * {@code double}, at most one {@code double[]} and at most one {@code int}; {@code wrt} is null for
 * the default (every {@code double} and {@code double[]} parameter).
 */
final class Program {

  enum ParamType {
    DOUBLE("double"),
    DOUBLE_ARRAY("double[]"),
    INT("int");

    final String java;

    ParamType(String java) {
      this.java = java;
    }
  }

  record Param(String name, ParamType type) {}

  /** Constants every generated class declares, so bodies can read static final fields. */
  static final String CONSTANTS = "  static final double K = 1.25;\n  static final int M = 3;\n";

  final long seed;
  final List<Param> params;
  final List<String> wrt;
  final List<Ast.Stmt> body;

  Program(long seed, List<Param> params, List<String> wrt, List<Ast.Stmt> body) {
    this.seed = seed;
    this.params = List.copyOf(params);
    this.wrt = wrt == null ? null : List.copyOf(wrt);
    this.body = body;
  }

  Program withBody(List<Ast.Stmt> newBody) {
    return new Program(seed, params, wrt, newBody);
  }

  Program copy() {
    return withBody(Ast.copyStmts(body));
  }

  boolean isActive(Param p) {
    if (p.type() == ParamType.INT) {
      return false;
    }
    return wrt == null || wrt.contains(p.name());
  }

  /** The first double parameter: what the shrinker puts in place of a double expression. */
  String firstDouble() {
    return params.stream().filter(p -> p.type() == ParamType.DOUBLE).findFirst()
        .orElseThrow().name();
  }

  int size() {
    int n = 0;
    for (Ast.Stmt s : body) {
      n += s.size();
    }
    return n;
  }

  int statementCount() {
    int[] n = {0};
    Ast.forEachList(body, list -> n[0] += list.size());
    return n[0];
  }

  String signature() {
    return params.stream().map(p -> p.type().java + " " + p.name())
        .collect(Collectors.joining(", "));
  }

  /** The complete source of class {@code pkg.className}, holding only {@code f}. */
  String source(String pkg, String className) {
    return source(pkg, className, false);
  }

  /**
   * With {@code probe}, the probe copy: not annotated, every double intermediate and every
   * stored double passed through {@link Probe#c}.
   */
  String source(String pkg, String className, boolean probe) {
    StringBuilder out = new StringBuilder();
    if (!pkg.isEmpty()) {
      out.append("package ").append(pkg).append(";\n\n");
    }
    if (probe) {
      out.append("import ").append(Probe.class.getName()).append(";\n\n");
    } else {
      out.append("import io.github.chainrule.Differentiable;\n\n");
    }
    out.append("public final class ").append(className).append(" {\n");
    out.append(CONSTANTS).append('\n');
    out.append("  private ").append(className).append("() {}\n\n");
    if (probe) {
      out.append("  // probe copy\n");
    } else if (wrt == null) {
      out.append("  @Differentiable\n");
    } else {
      List<String> quoted = new ArrayList<>();
      wrt.forEach(w -> quoted.add('"' + w + '"'));
      out.append("  @Differentiable(wrt = {").append(String.join(", ", quoted)).append("})\n");
    }
    out.append("  public static double f(").append(signature()).append(") {\n");
    Ast.printAll(body, out, "    ", probe);
    out.append("  }\n}\n");
    return out.toString();
  }
}
