package io.github.chainrule.processor.ir;

/** The value types of the IR: the primitive and array types a differentiable method may use. */
public enum Type {
  DOUBLE("double"),
  INT("int"),
  LONG("long"),
  BOOLEAN("boolean"),
  DOUBLE_ARRAY("double[]"),
  INT_ARRAY("int[]"),
  /** The runtime's growable stack of doubles, for values the reverse sweep restores. */
  DOUBLE_TAPE("io.github.chainrule.runtime.DoubleTape"),
  /** The runtime's growable stack of ints: branch decisions, trip counts, saved integers. */
  INT_TAPE("io.github.chainrule.runtime.IntTape"),
  /** The runtime's binomial checkpointing schedule, for {@code @Checkpoint} loops. */
  REVOLVE("io.github.chainrule.runtime.Revolve");

  private final String javaName;

  Type(String javaName) {
    this.javaName = javaName;
  }

  /** The type as written in Java source. */
  public String javaName() {
    return javaName;
  }

  /** Whether values of this type can carry a derivative (only {@code double} and its arrays). */
  public boolean isDifferentiable() {
    return this == DOUBLE || this == DOUBLE_ARRAY;
  }

  public boolean isNumeric() {
    return this == DOUBLE || this == INT || this == LONG;
  }

  public boolean isIntegral() {
    return this == INT || this == LONG;
  }

  public boolean isArray() {
    return this == DOUBLE_ARRAY || this == INT_ARRAY;
  }

  public boolean isTape() {
    return this == DOUBLE_TAPE || this == INT_TAPE;
  }

  /** The array type whose elements have this type. */
  public Type arrayOf() {
    switch (this) {
      case DOUBLE:
        return DOUBLE_ARRAY;
      case INT:
        return INT_ARRAY;
      default:
        throw new IllegalStateException("no array of " + this);
    }
  }

  /** The element type of an array type. */
  public Type element() {
    switch (this) {
      case DOUBLE_ARRAY:
        return DOUBLE;
      case INT_ARRAY:
        return INT;
      default:
        throw new IllegalStateException(this + " is not an array type");
    }
  }

  /** Java's binary numeric promotion of two numeric operand types. */
  public static Type promote(Type a, Type b) {
    if (!a.isNumeric() || !b.isNumeric()) {
      throw new IllegalArgumentException("no numeric promotion of " + a + " and " + b);
    }
    if (a == DOUBLE || b == DOUBLE) {
      return DOUBLE;
    }
    if (a == LONG || b == LONG) {
      return LONG;
    }
    return INT;
  }

  /** Whether a value of type {@code from} may be assigned to {@code this} without a cast. */
  public boolean acceptsWithoutCast(Type from) {
    if (this == from) {
      return true;
    }
    switch (this) {
      case DOUBLE:
        return from == INT || from == LONG;
      case LONG:
        return from == INT;
      default:
        return false;
    }
  }
}
