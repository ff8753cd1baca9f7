package io.github.chainrule.processor.diag;

/**
 * Every diagnostic Chainrule reports, each with a stable tag. The tag prefixes the text in
 * brackets, e.g. {@code [chainrule:unsupported-statement]}, so users and tests can search for it
 * while the wording improves. Each text names the construct and says what to do instead.
 */
public enum Message {
  // The method itself (reported on the method declaration).
  NOT_STATIC("not-static", "@Differentiable method %s must be static; make it static, or move the"
      + " computation into a static helper"),
  PRIVATE_METHOD("private-method", "@Differentiable method %s must not be private: its generated"
      + " Gradient class is a separate class; make it package-private or public"),
  INNER_CLASS("inner-class", "@Differentiable method %s is declared in %s, which is not a top-level"
      + " class or a static nested class; declare the class static or move the method"),
  GENERIC_METHOD("generic-method", "@Differentiable method %s must not have type parameters;"
      + " remove them"),
  NO_BODY("no-body", "@Differentiable method %s has no body to differentiate"),
  RETURN_TYPE("return-type", "@Differentiable method %s returns %s; only double and double[]"
      + " results can be differentiated"),
  PARAMETER_TYPE("parameter-type", "parameter %s of @Differentiable method %s has type %s; use double,"
      + " double[], int, long, boolean or int[]"),
  VARARGS("varargs", "@Differentiable method %s must not be variable-arity; declare the last"
      + " parameter as an array"),
  WRT_UNKNOWN("wrt-unknown", "wrt names \"%s\", which is not a parameter of %s; parameters: %s"),
  WRT_NOT_DIFFERENTIABLE("wrt-type", "wrt names parameter \"%s\" of type %s; only double and"
      + " double[] parameters can be differentiated"),
  WRT_DUPLICATE("wrt-duplicate", "wrt names \"%s\" twice; name each parameter once"),
  NO_ACTIVE_PARAMETER("no-active-parameter", "@Differentiable method %s has no double or double[]"
      + " parameter to differentiate with respect to"),
  CUSTOM_DERIVATIVE("custom-derivative", "@CustomDerivative method %s: %s; name one"
      + " partial-derivative method per double parameter, each static, not private, in the same"
      + " class, taking the same parameters, returning double, and itself @Differentiable"),
  CHECKPOINT("checkpoint", "@Checkpoint %s; write for (@Checkpoint(snapshots = N) int t = a;"
      + " t < b; t++) with N >= 1, a body that changes neither t nor b and always runs to its"
      + " end (no break or return), not inside another loop"),
  NAME_CLASH("name-clash", "%s would generate method %s, which %s already generates; rename one of"
      + " them (overloads of a @Differentiable method are not supported)"),

  // The body (reported on the exact tree).
  UNSUPPORTED_STATEMENT("unsupported-statement", "%s is not supported in a @Differentiable method;"
      + " %s"),
  UNSUPPORTED_EXPRESSION("unsupported-expression", "%s is not supported in a @Differentiable"
      + " method; %s"),
  UNSUPPORTED_OPERATOR("unsupported-operator", "operator %s is not supported on %s in a"
      + " @Differentiable method; %s"),
  UNSUPPORTED_LITERAL("unsupported-literal", "%s literal %s is not supported; use a double, int,"
      + " long or boolean literal"),
  UNSUPPORTED_LOCAL_TYPE("local-type", "local variable %s has type %s; use double, int, long or"
      + " boolean"),
  UNKNOWN_NAME("unknown-name", "cannot resolve %s: a @Differentiable method may read its parameters,"
      + " its locals and static final constants"),
  FIELD_NOT_CONSTANT("field-not-constant", "field %s is not static final; a @Differentiable method"
      + " may only read static final constants (pass other values as parameters)"),
  FIELD_TYPE("field-type", "constant %s has type %s; only double, int, long and boolean constants"
      + " can be read"),
  FIELD_NOT_ACCESSIBLE("field-not-accessible", "constant %s is not a compile-time constant and"
      + " the generated class (in this package) cannot read it (it is private, or protected or"
      + " package-private in another package); make it package-private or public"),
  UNKNOWN_METHOD("unknown-method", "call to %s: only java.lang.Math and StrictMath functions"
      + " and static methods returning double, int, long, boolean, double[] or int[] can be"
      + " called"),
  NO_DERIVATIVE("no-derivative", "%s has no derivative, and here it receives a value that"
      + " depends on the differentiated inputs; compute it from inputs that are not"
      + " differentiated, make it a @Differentiable method, or give its derivative%s"),
  UNREADABLE_CALLEE("unreadable-callee", "call to %s, a @Differentiable method whose declaration"
      + " Chainrule cannot use: fix the errors reported on it, or, for a library compiled"
      + " without parameter names, recompile it with javac -parameters (its wrt names"
      + " parameters)"),
  METHOD_NOT_ACCESSIBLE("method-not-accessible", "%s is private, so the generated class cannot"
      + " call it; make it package-private"),
  ARRAY_BINDING("array-binding", "array %s must be bound once to an array of its own: %s"),
  PARAMETER_ARRAY_WRITE("parameter-array-write", "writes into parameter array %s: a"
      + " @Differentiable method must not modify its inputs; copy it first (double[] copy = %s"
      + ".clone();) and write into the copy"),
  MATH_ARGUMENT_TYPE("math-argument-type", "%s is called with %s arguments; only its double form"
      + " can be used here"),
  MISSING_RETURN("missing-return", "the method must end with a return statement"),
  TYPE_MISMATCH("type-mismatch", "a value of type %s cannot be used as %s"),
  ASSIGN_TO_CONSTANT("assign-to-constant", "cannot assign to %s: only locals and parameters can be"
      + " assigned"),

  // The processor itself.
  TREES_UNAVAILABLE("trees-unavailable", "Chainrule needs javac's tree API (com.sun.source.util"
      + ".Trees) to read method bodies, and this compiler or processing environment (%s) does not"
      + " provide it; compile with javac directly (Gradle: keep Chainrule out of incremental"
      + " annotation processing)"),
  INTERNAL_ERROR("internal-error", "internal error while differentiating %s: %s; please report this"
      + " with the method's source\n%s");

  private final String tag;
  private final String template;

  Message(String tag, String template) {
    this.tag = tag;
    this.template = template;
  }

  /** The stable tag, e.g. {@code unsupported-statement}. */
  public String tag() {
    return tag;
  }

  /** The text with its arguments filled in and the tag in front. */
  public String format(Object... args) {
    return "[chainrule:" + tag + "] " + String.format(template, args);
  }
}
