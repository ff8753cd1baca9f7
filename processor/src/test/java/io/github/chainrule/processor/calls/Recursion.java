package io.github.chainrule.processor.calls;

import io.github.chainrule.Differentiable;

/** Recursive methods: a differentiable method calling itself (or a partner) is an ordinary call. */
final class Recursion {

  private Recursion() {}

  @Differentiable
  static double power(double x, int n) {
    return n == 0 ? 1 : x * power(x, n - 1);
  }

  /** c[i] + x·(c[i+1] + x·(...)): the polynomial with coefficients c, from index i. */
  @Differentiable
  static double horner(double[] c, double x, int i) {
    return i == c.length ? 0 : c[i] + x * horner(c, x, i + 1);
  }

  /** The product of a[lo..hi), split in halves (a recursion tree, two calls per level). */
  @Differentiable
  static double product(double[] a, int lo, int hi) {
    if (hi - lo == 1) {
      return a[lo];
    }
    int mid = (lo + hi) / 2;
    return product(a, lo, mid) * product(a, mid, hi);
  }

  /** Mutual recursion. */
  @Differentiable
  static double even(double x, int n) {
    return n == 0 ? x : Math.sin(odd(x, n - 1));
  }

  @Differentiable
  static double odd(double x, int n) {
    return n == 0 ? x : x * even(x, n - 1);
  }

  /** A long counter, and the recursive call's argument computed from x. */
  @Differentiable
  static double iterate(double x, long n) {
    return n <= 0L ? x : iterate(Math.cos(x), n - 1) + x;
  }
}
