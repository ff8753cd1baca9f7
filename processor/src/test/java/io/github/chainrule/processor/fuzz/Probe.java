package io.github.chainrule.processor.fuzz;

/**
 * Called by the probe copy of each program (the same body, every double intermediate wrapped in
 * {@link #c}) to learn whether f passes through an infinite or NaN intermediate at a point. There
 * the derivative does not exist in floating point ({@code tanh(x / 0)} is finite, its derivative
 * is {@code 0 · ∞}), so the checker skips the point instead of failing it; and how large the
 * intermediates get, which bounds the rounding error of finite differences ({@code −s + y + s}
 * with {@code s = sinh(100)} is 0 in floating point, whatever y). Used by the checker thread
 * only.
 */
public final class Probe {

  private static boolean nonFinite;
  private static double largest;

  private Probe() {}

  public static double c(double v) {
    if (!Double.isFinite(v)) {
      nonFinite = true;
    } else if (Math.abs(v) > largest) {
      largest = Math.abs(v);
    }
    return v;
  }

  static void reset() {
    nonFinite = false;
    largest = 0;
  }

  /** The largest finite intermediate: rounding in f is about an ulp of it, not of f. */
  static double largest() {
    return largest;
  }

  static boolean sawNonFinite() {
    return nonFinite;
  }
}
