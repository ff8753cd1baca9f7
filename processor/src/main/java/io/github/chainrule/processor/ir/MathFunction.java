package io.github.chainrule.processor.ir;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code java.lang.Math}/{@code StrictMath} functions the IR knows, by name and arity. Which
 * of them have derivatives, and what those are, is the rule table's business, not the IR's.
 */
public enum MathFunction {
  SIN(1),
  COS(1),
  TAN(1),
  ASIN(1),
  ACOS(1),
  ATAN(1),
  ATAN2(2),
  SINH(1),
  COSH(1),
  TANH(1),
  EXP(1),
  EXPM1(1),
  LOG(1),
  LOG10(1),
  LOG1P(1),
  SQRT(1),
  CBRT(1),
  POW(2),
  HYPOT(2),
  ABS(1),
  MAX(2),
  MIN(2),
  SIGNUM(1),
  FLOOR(1),
  CEIL(1),
  RINT(1),
  TO_RADIANS(1),
  TO_DEGREES(1),
  FMA(3);

  private final int arity;

  MathFunction(int arity) {
    this.arity = arity;
  }

  public int arity() {
    return arity;
  }

  /** The Java method name: {@code sin}, {@code toRadians}, ... */
  public String javaName() {
    String[] words = name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder name = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return name.toString();
  }

  /**
   * Whether a call is a library routine costing tens of instructions (exp, log, pow, the
   * trigonometric functions) rather than one instruction or a few (sqrt, abs, max, floor, fma):
   * worth saving rather than computing again.
   */
  public boolean isLibraryRoutine() {
    return switch (this) {
      case SQRT, ABS, MAX, MIN, SIGNUM, FLOOR, CEIL, RINT, TO_RADIANS, TO_DEGREES, FMA -> false;
      default -> true;
    };
  }

  /** Whether this function has overloads on {@code int} and {@code long} as well as on double. */
  public boolean hasIntegerOverloads() {
    return this == ABS || this == MAX || this == MIN;
  }

  public static Optional<MathFunction> byJavaName(String name, int arity) {
    for (MathFunction f : values()) {
      if (f.javaName().equals(name) && f.arity == arity) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
