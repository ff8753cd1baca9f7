package io.github.chainrule.processor.behaviour;

/** Constants of another class in the same package, read by {@link ConstantUse}. */
final class SharedConstants {

  static final double OFFSET = 0.25;

  public static final int COUNT = 3;

  /** Not a compile-time constant: the generated class must read the field. */
  static final double NON_CONSTANT = Math.sqrt(2.0) * 1.5;

  private SharedConstants() {}
}
