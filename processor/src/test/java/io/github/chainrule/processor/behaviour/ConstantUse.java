package io.github.chainrule.processor.behaviour;

import static io.github.chainrule.processor.behaviour.SharedConstants.COUNT;

import io.github.chainrule.Differentiable;

/** Static final constants of every kind the foundation scope reads. */
final class ConstantUse {

  static final double SCALE = 2.5;

  /** Readable from the generated class, but not a compile-time constant. */
  static final double ROOT_TWO = Math.sqrt(2.0);

  private static final double HIDDEN = 0.75;

  /** A value whose decimal form needs all 17 digits: inlining must keep every bit. */
  private static final double THIRD = 1.0 / 3.0;

  private static final int TWICE = 2;

  private static final long THRICE = 3L;

  private static final double NEGATIVE = -1.5;

  private static final boolean ON = true;

  private ConstantUse() {}

  @Differentiable
  static double sameClass(double x) {
    return SCALE * x * x + ROOT_TWO * x + ConstantUse.SCALE;
  }

  @Differentiable
  static double otherClass(double x) {
    return SharedConstants.OFFSET * x + COUNT * x * x + SharedConstants.NON_CONSTANT * x;
  }

  /** Private compile-time constants, inlined; THRICE / TWICE is long division (1). */
  @Differentiable
  static double privateConstants(double x) {
    return HIDDEN * x + TWICE * x * x + THRICE / TWICE * x - x * NEGATIVE + THIRD * x * x * x
        + (ON ? x : 0);
  }

  @Differentiable
  static double mathConstants(double x) {
    return Math.PI * x + Math.E * x * x + Math.sin(Math.PI * x / Math.E) + StrictMath.PI;
  }
}
