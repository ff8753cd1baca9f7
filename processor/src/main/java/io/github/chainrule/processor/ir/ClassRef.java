package io.github.chainrule.processor.ir;

/**
 * A class named by package and (dotted, for nested classes) simple names, so a code writer can
 * import it without guessing where the package ends.
 */
public record ClassRef(String packageName, String simpleNames) {

  public static final ClassRef MATH = new ClassRef("java.lang", "Math");
  public static final ClassRef STRICT_MATH = new ClassRef("java.lang", "StrictMath");

  public String canonicalName() {
    return packageName.isEmpty() ? simpleNames : packageName + "." + simpleNames;
  }
}
