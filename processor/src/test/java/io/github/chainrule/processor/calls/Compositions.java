package io.github.chainrule.processor.calls;

import static io.github.chainrule.processor.calls.Kernels.gauss;

import io.github.chainrule.Differentiable;

/**
 * Calls in the places where the reverse sweep needs care: an argument overwritten after the call,
 * a local array passed to a callee and then written, an inactive array passed to a callee's
 * active parameter, calls in a ternary, an early return from a loop, callees reached through a
 * static import, an interface and a nested class, two classes with the same simple name, and
 * parameters named like the generated code's own variables.
 */
final class Compositions {

  private Compositions() {}

  @Differentiable
  static double h(double x) {
    return Math.sin(x) * x;
  }

  @Differentiable
  static double argumentOverwrittenAfterTheCall(double x) {
    double a = x;
    double s = h(a);
    a = a * 3;
    s += a * s;
    return s;
  }

  @Differentiable
  static double localArrayWrittenAfterTheCall(double[] w) {
    double[] z = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      z[i] = w[i] * w[i];
    }
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += Shapes.dot(z, w) * w[i];
      z[i] = Math.sin(z[i]);
    }
    return s;
  }

  @Differentiable
  static double localArrayInAWhileLoop(double[] w) {
    double[] z = w.clone();
    double s = 0;
    int k = 0;
    while (k < 3) {
      s += Shapes.dot(z, z) * 0.1;
      for (int i = 0; i < z.length; i++) {
        z[i] = Math.sin(z[i]) + s * 0.1;
      }
      k++;
    }
    return s;
  }

  /** data is not differentiated here, but Shapes.dot differentiates both its parameters. */
  @Differentiable(wrt = "w")
  static double inactiveArrayIntoAnActiveParameter(double[] w, double[] data) {
    return Shapes.dot(data, w) + Shapes.dot(w, data) * Shapes.dot(data, data);
  }

  @Differentiable
  static double callsInATernary(double x) {
    return x > 0 ? h(x) : Shapes.sq(x) * 2;
  }

  @Differentiable
  static double earlyReturnFromALoop(double[] w) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += h(w[i]);
      if (s > 2) {
        return s * h(s);
      }
    }
    return s;
  }

  @Differentiable
  static double staticImportInterfaceAndNestedClass(double x) {
    return gauss(x) * Kernels.gauss(2 * x) + Kernels.Powers.pow(h(x), 3);
  }

  @Differentiable
  static double sameSimpleName(double x) {
    return Util.f(x) * io.github.chainrule.processor.calls.other.Util.f(x);
  }

  @Differentiable
  static double constantArguments(double x, int n) {
    return h(0.5) * x + Kernels.Powers.pow(2.0, n) * h(n * x);
  }

  @Differentiable
  static double g(double seed, double gradient) {
    return seed * Math.sin(gradient);
  }

  @Differentiable
  static double generatedNames(double seed, double gradient, double bars, double[] value) {
    double bars_1 = g(seed, gradient) * bars;
    double seed_dot = g(bars_1, seed) + Shapes.dot(value, value);
    double t0 = g(gradient, bars);
    return seed_dot * t0;
  }

  /**
   * Recursion whose levels allocate local arrays and call another class in a loop. The array is
   * declared before the branch on purpose: an active array declared inside an if branch makes the
   * generated fPullbackJvp uncompilable (reported separately, not a calls issue).
   */
  @Differentiable
  static double recursionWithLocalArrays(double[] w, int depth) {
    double[] z = new double[w.length];
    if (depth == 0) {
      return Shapes.dot(w, w);
    }
    for (int i = 0; i < w.length; i++) {
      z[i] = Math.tanh(w[i]) * (1 + 0.1 * recursionWithLocalArrays(w, depth - 1));
    }
    return Shapes.dot(z, w) + recursionWithLocalArrays(z, depth - 1);
  }
}
