package io.github.chainrule.processor.robustness;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A catalogue of inputs Chainrule cannot differentiate, grouped by kind, each group compiled as
 * one class. Every offending member must give exactly one ERROR, with a stable tag, on its own
 * line, whose text names the construct and the fix; the group's other members add nothing; and
 * the valid methods of the same class still get their derivatives.
 *
 * <p>Left out until the processor is fixed (see the test report): an active argument to a call
 * without a derivative ({@code return helper(x);}, {@code Math.ulp(x)}, recursion, a call to
 * another {@code @Differentiable} method), an active array declared inside a loop, and a long
 * overwritten inside a loop. The transforms raise these as positioned errors, but the processor
 * shell reports them as {@code internal-error} on the method declaration.
 */
class UnsupportedInputCatalogueTest {

  /** One member of a catalogue class: a bad one expects one error; a valid one none. */
  private record Member(String source, String tag, String line, List<String> keyWords,
      String validMethod) {}

  private static Member bad(String tag, String line, String source, String... keyWords) {
    return new Member(source, tag, line, List.of(keyWords), null);
  }

  private static Member valid(String method, String source) {
    return new Member(source, null, null, List.of(), method);
  }

  /** The members of one catalogue class {@code p.<name>}, after some support code. */
  private record Group(String name, String support, List<Member> members) {
    Group(String name, String support, Member... members) {
      this(name, support, List.of(members));
    }
  }

  /** Compiles the members as one class and checks each of them. */
  private static void assertCatalogue(Group group) {
    String name = group.name();
    String support = group.support();
    List<Member> members = group.members();
    StringBuilder text = new StringBuilder("package p;\n\nimport io.github.chainrule.Differentiable;"
        + "\n\nclass " + name + " {\n" + support + "\n");
    Map<Member, int[]> ranges = new LinkedHashMap<>();
    for (Member m : members) {
      int first = (int) text.chars().filter(c -> c == '\n').count() + 1;
      text.append(m.source().stripTrailing()).append("\n\n");
      int last = (int) text.chars().filter(c -> c == '\n').count() - 1;
      ranges.put(m, new int[] {first, last});
    }
    text.append("}\n");
    String[] lines = text.toString().split("\n", -1);
    JavaFileObject source = InProcess.source("p." + name, text.toString());
    Compilation compilation = InProcess.compile(source);
    assertThat(compilation).failed();

    Map<Member, List<Diagnostic<? extends JavaFileObject>>> byMember = new LinkedHashMap<>();
    members.forEach(m -> byMember.put(m, new ArrayList<>()));
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      Member owner = null;
      for (Map.Entry<Member, int[]> e : ranges.entrySet()) {
        if (error.getLineNumber() >= e.getValue()[0] && error.getLineNumber() <= e.getValue()[1]) {
          owner = e.getKey();
        }
      }
      assertWithMessage("an error outside every catalogue member, on line %s: %s",
          error.getLineNumber(), error.getMessage(Locale.ROOT)).that(owner).isNotNull();
      byMember.get(owner).add(error);
    }

    int expectedErrors = 0;
    for (Member m : members) {
      List<Diagnostic<? extends JavaFileObject>> errors = byMember.get(m);
      if (m.tag() == null) {
        assertWithMessage("errors in valid member %s", m.validMethod())
            .that(errors.stream().map(e -> e.getMessage(Locale.ROOT)).toList()).isEmpty();
        continue;
      }
      expectedErrors++;
      assertWithMessage("errors of %s", m.source()).that(
          errors.stream().map(e -> e.getLineNumber() + ": " + e.getMessage(Locale.ROOT)).toList())
          .hasSize(1);
      Diagnostic<? extends JavaFileObject> error = errors.get(0);
      assertWithMessage("kind of the error of %s", m.source()).that(error.getKind())
          .isEqualTo(Diagnostic.Kind.ERROR);
      String message = error.getMessage(Locale.ROOT);
      assertWithMessage("error of %s", m.source()).that(message)
          .startsWith("[chainrule:" + m.tag() + "] ");
      for (String word : m.keyWords()) {
        assertWithMessage("error of %s", m.source()).that(message).contains(word);
      }
      int[] range = ranges.get(m);
      List<Integer> marked = new ArrayList<>();
      for (int line = range[0]; line <= range[1]; line++) {
        if (lines[line - 1].contains(m.line())) {
          marked.add(line);
        }
      }
      assertWithMessage("lines of %s containing <%s>", m.source(), m.line()).that(marked)
          .hasSize(1);
      assertWithMessage("line of the error of %s (%s)", m.source(), message)
          .that(error.getLineNumber()).isEqualTo((long) marked.get(0));
    }
    assertThat(compilation).hadErrorCount(expectedErrors);

    String generated = InProcess.generatedEvenIfFailed("p." + name + "Gradient", source)
        .orElseThrow(() -> new AssertionError("p." + name + "Gradient was not generated"));
    for (Member m : members) {
      if (m.validMethod() != null) {
        assertThat(generated).contains(" " + m.validMethod() + "Jvp(");
        assertThat(generated).contains(" " + m.validMethod() + "Gradient(");
        assertThat(generated).contains(" " + m.validMethod() + "ValueAndGradient(");
      }
    }
  }

  private static final Member VALID_LOOP = valid("validLoop", """
        @Differentiable
        static double validLoop(double[] x, double t) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            if (x[i] > t) {
              break;
            }
            s = s * t + Math.sin(x[i]);
          }
          return s;
        }
      """);

  private static final Group DECLARATIONS = new Group("Declarations", "",
      VALID_LOOP,
      bad("not-static", "double instanceArea(double r)", """
            @Differentiable
            double instanceArea(double r) {
              return r * r;
            }
          """, "instanceArea", "must be static", "make it static"),
      bad("private-method", "private static double privateArea(", """
            @Differentiable
            private static double privateArea(double r) {
              return r * r;
            }
          """, "privateArea", "must not be private", "make it package-private or public"),
      bad("generic-method", "static <T> double genericArea(", """
            @Differentiable
            static <T> double genericArea(double r) {
              return r * r;
            }
          """, "genericArea", "must not have type parameters", "remove them"),
      bad("no-body", "static native double nativeArea(", """
            @Differentiable
            static native double nativeArea(double r);
          """, "nativeArea", "has no body"),
      bad("parameter-type", "static double stringParameter(String unit", """
            @Differentiable
            static double stringParameter(String unit, double r) {
              return r * r;
            }
          """, "parameter unit", "java.lang.String", "use double, double[], int, long, boolean"),
      bad("parameter-type", "static double objectParameter(double r, Object tag)", """
            @Differentiable
            static double objectParameter(double r, Object tag) {
              return r * r;
            }
          """, "parameter tag", "java.lang.Object", "use double, double[], int, long, boolean"),
      bad("parameter-type", "static double floatParameter(float r)", """
            @Differentiable
            static double floatParameter(float r) {
              return r;
            }
          """, "parameter r", "type float", "use double, double[], int, long, boolean"),
      bad("parameter-type", "static double matrixParameter(double[][] m)", """
            @Differentiable
            static double matrixParameter(double[][] m) {
              return m[0][0];
            }
          """, "parameter m", "double[][]", "use double, double[], int, long, boolean or int[]"),
      bad("varargs", "static double varargsSum(double... xs)", """
            @Differentiable
            static double varargsSum(double... xs) {
              return xs[0];
            }
          """, "varargsSum", "must not be variable-arity", "declare the last parameter as an array"),
      bad("return-type", "static int intSteps(", """
            @Differentiable
            static int intSteps(double r) {
              return 1;
            }
          """, "intSteps", "returns int", "only double"),
      bad("return-type", "static void voidUpdate(", """
            @Differentiable
            static void voidUpdate(double r) {
            }
          """, "voidUpdate", "returns void", "only double"),
      bad("wrt-unknown", "static double wrtUnknown(", """
            @Differentiable(wrt = "z")
            static double wrtUnknown(double x, double y) {
              return x * y;
            }
          """, "\"z\"", "not a parameter of wrtUnknown", "parameters: x, y"),
      bad("wrt-duplicate", "static double wrtTwice(", """
            @Differentiable(wrt = {"x", "x"})
            static double wrtTwice(double x, double y) {
              return x * y;
            }
          """, "\"x\" twice", "name each parameter once"),
      bad("wrt-type", "static double wrtInt(", """
            @Differentiable(wrt = {"x", "n"})
            static double wrtInt(double x, int n) {
              return x * n;
            }
          """, "\"n\"", "type int", "only double and double[] parameters"),
      bad("no-active-parameter", "static double noActive(", """
            @Differentiable
            static double noActive(int n, long m, boolean b, int[] c) {
              return n / 2.0;
            }
          """, "noActive", "no double or double[] parameter"),
      bad("inner-class", "static double innerArea(double r)", """
            class Inner {
              @Differentiable
              static double innerArea(double r) {
                return r * r;
              }
            }
          """, "innerArea", "Inner", "not a top-level class or a static nested class",
          "declare the class static"),
      valid("area", """
            @Differentiable
            static double area(double r) {
              return r * r;
            }
          """),
      bad("name-clash", "static double area(double w, double h)", """
            @Differentiable
            static double area(double w, double h) {
              return w * h;
            }
          """, "area(double,double)", "areaJvp", "overloads", "rename one of them"));

  private static final Group STATEMENTS = new Group("Statements", """
        static double[] weights() {
          return new double[] {1, 2};
        }
      """,
      VALID_LOOP,
      bad("unsupported-statement", "try {", """
            @Differentiable
            static double tryCatch(double x) {
              try {
                x = x * 2;
              } catch (RuntimeException e) {
                x = 0;
              }
              return x;
            }
          """, "a try statement", "move exception handling out"),
      bad("unsupported-statement", "throw new IllegalArgumentException", """
            @Differentiable
            static double throwing(double x) {
              if (x < 0) {
                throw new IllegalArgumentException("negative");
              }
              return x;
            }
          """, "throw", "validate arguments before calling"),
      bad("unsupported-statement", "switch (mode)", """
            @Differentiable
            static double switchStatement(double x, int mode) {
              switch (mode) {
                case 1:
                  x = 2 * x;
                  break;
                default:
                  x = 3 * x;
              }
              return x;
            }
          """, "a switch statement", "use if/else"),
      bad("unsupported-statement", "synchronized (Statements.class)", """
            @Differentiable
            static double synchronizedBlock(double x) {
              synchronized (Statements.class) {
                x = x * 2;
              }
              return x;
            }
          """, "a synchronized block", "remove it"),
      bad("unsupported-statement", "assert x >= 0;", """
            @Differentiable
            static double asserting(double x) {
              assert x >= 0;
              return Math.sqrt(x);
            }
          """, "assert", "check the arguments before the call"),
      bad("unsupported-statement", "class Helper {", """
            @Differentiable
            static double localClass(double x) {
              class Helper {
              }
              return x;
            }
          """, "a local class", "declare the class outside the method"),
      bad("unsupported-statement", "Math.sin(x);", """
            @Differentiable
            static double discarded(double x) {
              double y = x;
              Math.sin(x);
              return y;
            }
          """, "a call whose result is discarded", "assign the result to a local"),
      bad("unsupported-statement", "@SuppressWarnings(\"unused\") double y", """
            @Differentiable
            static double annotatedLocal(double x) {
              @SuppressWarnings("unused") double y = x;
              return x;
            }
          """, "an annotation on a local variable", "remove it"),
      bad("unsupported-statement", "return;", """
            @Differentiable
            static double returnWithoutValue(double x) {
              if (x > 1) {
                return;
              }
              return x;
            }
          """, "return without a value", "return the method's double result"),
      bad("unsupported-statement", "break;", """
            @Differentiable
            static double breakOutsideLoop(double x) {
              if (x > 0) {
                break;
              }
              return x;
            }
          """, "break or continue outside a loop", "only loops can be the target"),
      bad("unsupported-statement", "break nowhere;", """
            @Differentiable
            static double undefinedLabel(double x) {
              for (int i = 0; i < 3; i++) {
                x = x * 2;
                break nowhere;
              }
              return x;
            }
          """, "a jump to label nowhere", "only loops can be the target"),
      bad("unsupported-statement", "body: {", """
            @Differentiable
            static double labelledBlock(double x) {
              body: {
                if (x > 3) {
                  break body;
                }
                x = x * 2;
              }
              return x;
            }
          """, "a labelled block", "only loops can carry a label"),
      bad("unsupported-statement", "for (double w : weights())", """
            @Differentiable
            static double loopOverCall(double x) {
              for (double w : weights()) {
                x = x * w;
              }
              return x;
            }
          """, "an enhanced for loop over weights()", "loop over an array variable"),
      bad("missing-return", "static double missingReturn(double x) {", """
            @Differentiable
            static double missingReturn(double x) {
              while (x > 0) {
                x = x - 1;
              }
            }
          """, "must end with a return statement"));

  private static final Group EXPRESSIONS = new Group("Expressions", "",
      VALID_LOOP,
      bad("unsupported-expression", "v -> v * v;", """
            @Differentiable
            static double lambda(double x) {
              java.util.function.DoubleUnaryOperator f =
                  v -> v * v;
              return x;
            }
          """, "a lambda expression", "write the computation inline"),
      bad("unsupported-expression", "Math::sin", """
            @Differentiable
            static double methodReference(double x) {
              java.util.function.DoubleUnaryOperator f = Math::sin;
              return x;
            }
          """, "a method reference", "write the computation inline"),
      bad("unsupported-expression", "new Object();", """
            @Differentiable
            static double objectCreation(double x) {
              Object lock =
                  new Object();
              return x;
            }
          """, "object creation", "only primitive values"),
      bad("unsupported-expression", "instanceof Double", """
            @Differentiable
            static double instanceOf(double x) {
              boolean boxed = ((Object) x) instanceof Double;
              return x;
            }
          """, "instanceof", "only primitive values"),
      bad("unsupported-expression", "String name = \"x\";", """
            @Differentiable
            static double stringLiteral(double x) {
              String name = "x";
              return x;
            }
          """, "a string literal", "only numbers"),
      bad("unsupported-expression", "double y = switch (mode)", """
            @Differentiable
            static double switchExpression(double x, int mode) {
              double y = switch (mode) {
                case 1 -> x;
                default -> 2 * x;
              };
              return y;
            }
          """, "a switch expression", "use the ?: operator"),
      bad("unsupported-expression", "double y = x * n++;", """
            @Differentiable
            static double incrementInside(double x, int n) {
              double y = x * n++;
              return y;
            }
          """, "++ or -- inside an expression", "write the increment as its own statement"),
      bad("unsupported-expression", "double z = y = x;", """
            @Differentiable
            static double assignmentInside(double x) {
              double y = 0;
              double z = y = x;
              return z;
            }
          """, "assignment", "rewrite it"),
      bad("unsupported-expression", "double y = (float) x;", """
            @Differentiable
            static double castToFloat(double x) {
              double y = (float) x;
              return y;
            }
          """, "a cast to float", "cast to double, int or long"),
      bad("unsupported-expression", "double y = x * (int) on;", """
            @Differentiable
            static double castFromBoolean(double x, boolean on) {
              double y = x * (int) on;
              return y;
            }
          """, "a cast from boolean", "cast numbers only"),
      bad("unsupported-expression", "new double[2][2];", """
            @Differentiable
            static double matrixCreation(double x) {
              double[][] m =
                  new double[2][2];
              return x;
            }
          """, "new array", "not supported"),
      bad("unsupported-literal", "* 1.5f;", """
            @Differentiable
            static double floatLiteral(double x) {
              double y = x
                  * 1.5f;
              return y;
            }
          """, "float literal 1.5f", "use a double, int, long or boolean literal"),
      bad("unsupported-literal", "double y = x * 'a';", """
            @Differentiable
            static double charLiteral(double x) {
              double y = x * 'a';
              return y;
            }
          """, "char literal 'a'", "use a double, int, long or boolean literal"),
      bad("unsupported-literal", "boolean same = null == null;", """
            @Differentiable
            static double nullLiteral(double x) {
              boolean same = null == null;
              return x;
            }
          """, "null literal", "use a double, int, long or boolean literal"),
      bad("unsupported-operator", "double y = x % 2.0;", """
            @Differentiable
            static double remainderOfDoubles(double x) {
              double y = x % 2.0;
              return y;
            }
          """, "operator %", "on double", "x - y * Math.floor(x / y)"),
      bad("unsupported-operator", "boolean b = !x;", """
            @Differentiable
            static double notOfDouble(double x) {
              boolean b = !x;
              return x;
            }
          """, "operator !", "on double", "check the operand's type"),
      bad("unsupported-operator", "double y = x & x;", """
            @Differentiable
            static double bitwiseAndOfDoubles(double x) {
              double y = x & x;
              return y;
            }
          """, "operator &", "on double", "use it on int, long or boolean"),
      bad("unsupported-operator", "b++;", """
            @Differentiable
            static double incrementOfBoolean(double x, boolean b) {
              b++;
              return x;
            }
          """, "operator ++", "on boolean", "use it on numbers only"),
      bad("type-mismatch", "int n = x * 2;", """
            @Differentiable
            static double doubleIntoInt(double x) {
              int n = x * 2;
              return n;
            }
          """, "a value of type double cannot be used as local n of type int"),
      bad("type-mismatch", "if (x) {", """
            @Differentiable
            static double doubleCondition(double x) {
              if (x) {
                x = 1;
              }
              return x;
            }
          """, "a value of type double cannot be used as a condition"),
      bad("type-mismatch", "double y = b ? x : b;", """
            @Differentiable
            static double mixedBranches(double x, boolean b) {
              double y = b ? x : b;
              return y;
            }
          """, "a value of type boolean cannot be used as the other branch of a conditional"));

  private static final Group NAMES = new Group("Names", """
        static final class Point {
          final double x = 1;
          private static final double ROOT_TWO = Math.sqrt(2);
        }

        static final Point ORIGIN = new Point();
        static double scale = 2;
        final double instanceScale = 2;
        static final float FLOAT_SCALE = 2f;
        static final Double BOXED_SCALE = 2.0;
        static final double SCALE = 2;
      """,
      VALID_LOOP,
      bad("local-type", "String label;", """
            @Differentiable
            static double stringLocal(double x) {
              String label;
              return x;
            }
          """, "local variable label", "type String", "use double, int, long or boolean"),
      bad("local-type", "float f = 2;", """
            @Differentiable
            static double floatLocal(double x) {
              float f = 2;
              return x;
            }
          """, "local variable f", "type float", "use double, int, long or boolean"),
      bad("local-type", "char c = 'a';", """
            @Differentiable
            static double charLocal(double x) {
              char c = 'a';
              return x;
            }
          """, "local variable c", "type char", "use double, int, long or boolean"),
      bad("local-type", "double[][] grid;", """
            @Differentiable
            static double matrixLocal(double x) {
              double[][] grid;
              return x;
            }
          """, "local variable grid", "type double[][]", "use double, int, long or boolean"),
      bad("unknown-name", "* unknownScale;", """
            @Differentiable
            static double unknownName(double x) {
              double y = x
                  * unknownScale;
              return y;
            }
          """, "cannot resolve unknownScale", "its parameters, its locals and static final"),
      bad("unknown-name", "double y = ORIGIN.x * x;", """
            @Differentiable
            static double objectField(double x) {
              double y = ORIGIN.x * x;
              return y;
            }
          """, "cannot resolve ORIGIN.x", "static final constants"),
      bad("unknown-method", "double y = ORIGIN.hashCode() * x;", """
            @Differentiable
            static double objectMethod(double x) {
              double y = ORIGIN.hashCode() * x;
              return y;
            }
          """, "call to ORIGIN.hashCode(...)", "static methods returning double"),
      bad("field-not-constant", "double y = x * scale;", """
            @Differentiable
            static double staticField(double x) {
              double y = x * scale;
              return y;
            }
          """, "field Names.scale", "not static final", "pass other values as parameters"),
      bad("field-not-constant", "double y = x * instanceScale;", """
            @Differentiable
            static double instanceField(double x) {
              double y = x * instanceScale;
              return y;
            }
          """, "field Names.instanceScale", "not static final", "pass other values as parameters"),
      bad("field-type", "double y = x * FLOAT_SCALE;", """
            @Differentiable
            static double floatConstant(double x) {
              double y = x * FLOAT_SCALE;
              return y;
            }
          """, "constant Names.FLOAT_SCALE", "type float", "only double, int, long and boolean"),
      bad("field-type", "double y = x * BOXED_SCALE;", """
            @Differentiable
            static double boxedConstant(double x) {
              double y = x * BOXED_SCALE;
              return y;
            }
          """, "constant Names.BOXED_SCALE", "java.lang.Double", "only double, int, long and"),
      bad("field-not-accessible", "double y = x * Point.ROOT_TWO;", """
            @Differentiable
            static double privateConstant(double x) {
              double y = x * Point.ROOT_TWO;
              return y;
            }
          """, "constant Point.ROOT_TWO", "not a compile-time constant", "make it package-private"),
      bad("assign-to-constant", "SCALE = x;", """
            @Differentiable
            static double assignConstant(double x) {
              SCALE = x;
              return x;
            }
          """, "cannot assign to SCALE", "only locals and parameters can be assigned"));

  private static final Group CALLS = new Group("Calls", """
        private static int hidden(int n) {
          return n + 1;
        }

        static double first(double[] a) {
          return a[0];
        }

        static double[] table() {
          return new double[] {1, 2};
        }
      """,
      VALID_LOOP,
      valid("inactiveHelpers", """
            @Differentiable
            static double inactiveHelpers(double x, int n) {
              double[] w = new double[n + 1];
              w[0] = first(table()) + Math.floorMod(n, 3) + Math.round(x);
              return x * w[0] + Math.random() * 0;
            }
          """),
      bad("unknown-method", "java.util.Objects.hash(x)", """
            @Differentiable
            static double variableArity(double x) {
              double y = java.util.Objects.hash(x) * x;
              return y;
            }
          """, "call to java.util.Objects.hash(...)", "only java.lang.Math and StrictMath"),
      bad("unknown-method", "Double.valueOf(x);", """
            @Differentiable
            static double returnsAnObject(double x) {
              double y =
                  Double.valueOf(x);
              return y;
            }
          """, "call to Double.valueOf(...)", "static methods returning double, int, long"),
      bad("unknown-method", "double y = mystery(x);", """
            @Differentiable
            static double undefinedMethod(double x) {
              double y = mystery(x);
              return y;
            }
          """, "call to mystery(...)", "only java.lang.Math and StrictMath"),
      bad("method-not-accessible", "* hidden(n);", """
            @Differentiable
            static double privateHelper(double x, int n) {
              double y = x
                  * hidden(n);
              return y;
            }
          """, "hidden(...) is private", "make it package-private"),
      bad("math-argument-type", "on);", """
            @Differentiable
            static double booleanToMath(double x, boolean on) {
              double y = x * Math.sin(
                  on);
              return y;
            }
          """, "Math.sin", "boolean arguments", "only its double form"),
      bad("parameter-array-write", "x[0] = 1;", """
            @Differentiable
            static double writeParameter(double[] x) {
              double y = x[0];
              x[0] = 1;
              return y;
            }
          """, "writes into parameter array x", "double[] copy = x.clone();"),
      bad("parameter-array-write", "counts[0]++;", """
            @Differentiable
            static double incrementParameter(double x, int[] counts) {
              counts[0]++;
              return x;
            }
          """, "writes into parameter array counts", "copy it first"),
      bad("array-binding", "double[] buffer;", """
            @Differentiable
            static double arrayWithoutInitialiser(double x) {
              double[] buffer;
              return x;
            }
          """, "array buffer must be bound once", "initialise it with new double[n]"),
      bad("array-binding", "double[] b = a;", """
            @Differentiable
            static double aliasing(double[] a) {
              double[] b = a;
              return b[0];
            }
          """, "array b must be bound once", "other.clone()"),
      bad("array-binding", "b = c;", """
            @Differentiable
            static double rebinding(double x) {
              double[] b = {x};
              double[] c = {2 * x};
              b = c;
              return b[0];
            }
          """, "array b must be bound once", "instead of re-binding this one"),
      bad("array-binding", "a = new double[3];", """
            @Differentiable
            static double rebindingToNew(double x) {
              double[] a = {x};
              a = new double[3];
              return a[0];
            }
          """, "must be bound once", "create arrays only to initialise a local array variable"),
      bad("array-binding", "double y = first(new double[n]) * x;", """
            @Differentiable
            static double newArrayInExpression(double x, int n) {
              double y = first(new double[n]) * x;
              return y;
            }
          """, "must be bound once", "create arrays only to initialise a local array variable"),
      bad("unsupported-expression", "double y = table()[0] * x;", """
            @Differentiable
            static double indexedCall(double x) {
              double y = table()[0] * x;
              return y;
            }
          """, "indexing table()", "index an array variable"),
      bad("type-mismatch", "new double[2.5];", """
            @Differentiable
            static double doubleLength(double x) {
              double[] y = new double[2.5];
              return x;
            }
          """, "a value of type double cannot be used as the int length of array y"),
      bad("type-mismatch", "double y = x[1.0];", """
            @Differentiable
            static double doubleIndex(double[] x) {
              double y = x[1.0];
              return y;
            }
          """, "a value of type double cannot be used as an array index (an int)"),
      bad("type-mismatch", "for (int v : x)", """
            @Differentiable
            static double narrowLoopVariable(double[] x) {
              double s = 0;
              for (int v : x) {
                s += v;
              }
              return s;
            }
          """, "a value of type double cannot be used as loop variable v"));

  @Test
  void methodDeclarations() {
    assertCatalogue(DECLARATIONS);
  }

  @Test
  void statements() {
    assertCatalogue(STATEMENTS);
  }

  @Test
  void expressionsOperatorsAndLiterals() {
    assertCatalogue(EXPRESSIONS);
  }

  @Test
  void namesFieldsAndLocals() {
    assertCatalogue(NAMES);
  }

  @Test
  void callsAndArrays() {
    assertCatalogue(CALLS);
  }

  @Test
  void theCatalogueHasAtLeastFortyEntries() {
    long bad = java.util.stream.Stream.of(DECLARATIONS, STATEMENTS, EXPRESSIONS, NAMES, CALLS)
        .flatMap(g -> g.members().stream()).filter(m -> m.tag() != null).count();
    assertThat(bad).isAtLeast(40L);
  }
}
