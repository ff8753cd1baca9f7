package io.github.chainrule.processor.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Counts the programs that contain each construct, from their source text. */
final class Coverage {

  private static final Map<String, Pattern> CONSTRUCTS = new LinkedHashMap<>();

  private static void add(String name, String regex) {
    CONSTRUCTS.put(name, Pattern.compile(regex));
  }

  static {
    add("param double[]", "double\\[] a[,)]");
    add("param int", "int n[,)]");
    add("wrt subset", "wrt = ");
    add("if", "\\bif \\(.*\\) \\{");
    add("else", "} else \\{");
    add("for (counted)", "for \\(int ");
    add("for (downward)", "for \\(int \\w+ = \\w+\\.length - 1");
    add("for (step 2)", "\\+= 2\\)");
    add("enhanced for", "for \\(double ");
    add("while", "\\bwhile \\(.*\\) \\{");
    add("do-while", "\\bdo \\{");
    add("break", "\\bbreak[ ;]");
    add("continue", "\\bcontinue[ ;]");
    add("labelled jump", "(break|continue) outer");
    add("early return", "if \\(.*\\) return ");
    add("return in both branches", "(?s)return [^;]*;\\s*}\\s*}\\s*}\\s*$");
    add("new double[n]", "new double\\[");
    add("array initialiser", "double\\[] w\\d+ = \\{");
    add("clone()", "\\.clone\\(\\)");
    add("array element write", "w\\d+\\[[^]]*] [-+*/]?=");
    add("int local", "\\bint k\\d+ = ");
    add("ternary", " \\? ");
    add("&& || !", "&&|\\|\\||!\\(");
    add("compound assignment", " [-+*/]= ");
    add("++/--", "\\w(\\[[^]]*])?(\\+\\+|--);");
    add("parameter assignment", "\\n\\s+[xyz] [-+*/]?= ");
    add("var", "\\bvar ");
    add("final local", "\\bfinal double ");
    add("StrictMath", "StrictMath\\.");
    add("(int) cast", "\\(int\\) ");
    add("static final constant", "[^\\w.](K|M)[^\\w]");
    add("literal forms", "0x1p-2|1_0\\.5e-1|2\\.5e0|1e-1|0\\.5d|\\.75|3L|0x10|1_000");
    for (String f : new String[] {"sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh",
        "cosh", "tanh", "exp", "expm1", "log", "log10", "log1p", "sqrt", "cbrt", "pow", "hypot",
        "abs", "max", "min", "toRadians", "toDegrees", "fma", "signum", "floor", "ceil", "rint"}) {
      add("Math." + f, "Math\\." + f + "\\(");
    }
  }

  private Coverage() {}

  static void count(String source, Map<String, Integer> counts) {
    String body = source.substring(source.indexOf("@Differentiable"));
    CONSTRUCTS.forEach((name, pattern) -> {
      if (pattern.matcher(body).find()) {
        counts.merge(name, 1, Integer::sum);
      }
    });
  }

  static Iterable<String> names() {
    return CONSTRUCTS.keySet();
  }
}
