package io.github.chainrule.processor.ir;

/**
 * A class named by package and (dotted, for nested classes) simple names, so a code writer can
 * import it without guessing where the package ends.
 */
public record ClassRef(String packageName, String simpleNames) {

  public static final ClassRef MATH = new ClassRef("java.lang", "Math");
  public static final ClassRef STRICT_MATH = new ClassRef("java.lang", "StrictMath");

  /**
   * The class generated for this one: same package, the (nested) simple names joined by
   * {@code _}, then {@code Gradient}: {@code p.Outer.Inner} → {@code p.Outer_InnerGradient}.
   */
  public ClassRef gradientClass() {
    return new ClassRef(packageName, simpleNames.replace('.', '_') + "Gradient");
  }

  public String canonicalName() {
    return packageName.isEmpty() ? simpleNames : packageName + "." + simpleNames;
  }
}
