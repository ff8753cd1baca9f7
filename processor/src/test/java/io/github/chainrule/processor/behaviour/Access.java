package io.github.chainrule.processor.behaviour;

import io.github.chainrule.Differentiable;

/** One differentiable method per access level the contract allows. */
public final class Access {

  private Access() {}

  @Differentiable
  public static double open(double x) {
    return x * x;
  }

  @Differentiable
  static double packagePrivate(double x) {
    return x * x * x;
  }

  @Differentiable
  protected static double guarded(double x) {
    return -x;
  }
}
