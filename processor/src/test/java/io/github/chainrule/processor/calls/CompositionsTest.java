package io.github.chainrule.processor.calls;

import static io.github.chainrule.processor.calls.CallsNumeric.assertArrayExact;
import static io.github.chainrule.processor.calls.CallsNumeric.assertBothModes;
import static io.github.chainrule.processor.calls.CallsNumeric.assertHessianMatchesGradientDifferences;
import static io.github.chainrule.processor.calls.CallsNumeric.p;
import static io.github.chainrule.processor.calls.CallsNumeric.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.chainrule.processor.calls.CallsNumeric.Fn;
import io.github.chainrule.processor.calls.CallsNumeric.Grad;
import io.github.chainrule.processor.calls.CallsNumeric.Hess;
import io.github.chainrule.processor.calls.CallsNumeric.Jvp;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link Compositions}: each method in both modes against central differences and each other,
 * and its Hessian against differences of the gradient.
 */
class CompositionsTest {

  static void check(String what, Fn f, Jvp jvp, Grad grad, Hess hessian, double[]... points) {
    for (double[] x : points) {
      assertBothModes(what, f, jvp, grad, x);
      assertHessianMatchesGradientDifferences(what, grad, hessian, x);
    }
  }

  @Test
  void argumentOverwrittenAfterTheCall() {
    check("argumentOverwrittenAfterTheCall",
        v -> Compositions.argumentOverwrittenAfterTheCall(v[0]),
        (v, d) -> CompositionsGradient.argumentOverwrittenAfterTheCallJvp(v[0], d[0]),
        v -> CompositionsGradient.argumentOverwrittenAfterTheCallGradient(v[0]),
        v -> CompositionsGradient.argumentOverwrittenAfterTheCallHessian(v[0]),
        p(0.7), p(-1.3));
  }

  @Test
  void localArrayWrittenAfterTheCall() {
    check("localArrayWrittenAfterTheCall", Compositions::localArrayWrittenAfterTheCall,
        CompositionsGradient::localArrayWrittenAfterTheCallJvp,
        CompositionsGradient::localArrayWrittenAfterTheCallGradient,
        CompositionsGradient::localArrayWrittenAfterTheCallHessian,
        p(0.7, -0.3, 1.1), p(-0.4, 0.9, 0.2, 0.6));
  }

  @Test
  void localArrayInAWhileLoop() {
    check("localArrayInAWhileLoop", Compositions::localArrayInAWhileLoop,
        CompositionsGradient::localArrayInAWhileLoopJvp,
        CompositionsGradient::localArrayInAWhileLoopGradient,
        CompositionsGradient::localArrayInAWhileLoopHessian,
        p(0.7, -0.2, 0.4), p(1.5, -1.0));
  }

  @Test
  void inactiveArrayIntoAnActiveParameter() {
    double[] data = p(0.5, -1.5, 2.0);
    double[] w = p(0.7, -0.3, 1.1);
    // f = data·w (1 + data·data): the gradient is data (1 + |data|²).
    double scale = 1 + 0.25 + 2.25 + 4.0;
    assertArrayExact("inactiveArrayIntoAnActiveParameter gradient", w,
        Arrays.stream(data).map(v -> v * scale).toArray(),
        CompositionsGradient.inactiveArrayIntoAnActiveParameterGradient(w, data));
    check("inactiveArrayIntoAnActiveParameter",
        v -> Compositions.inactiveArrayIntoAnActiveParameter(v, data),
        (v, d) -> CompositionsGradient.inactiveArrayIntoAnActiveParameterJvp(v, d, data),
        v -> CompositionsGradient.inactiveArrayIntoAnActiveParameterGradient(v, data),
        v -> CompositionsGradient.inactiveArrayIntoAnActiveParameterHessian(v, data), w);
  }

  @Test
  void callsInATernary() {
    check("callsInATernary", v -> Compositions.callsInATernary(v[0]),
        (v, d) -> CompositionsGradient.callsInATernaryJvp(v[0], d[0]),
        v -> CompositionsGradient.callsInATernaryGradient(v[0]),
        v -> CompositionsGradient.callsInATernaryHessian(v[0]),
        p(0.8), p(-0.8));
  }

  @Test
  void earlyReturnFromALoop() {
    check("earlyReturnFromALoop", Compositions::earlyReturnFromALoop,
        CompositionsGradient::earlyReturnFromALoopJvp,
        CompositionsGradient::earlyReturnFromALoopGradient,
        CompositionsGradient::earlyReturnFromALoopHessian,
        p(1.2, 1.3, 1.4, 0.2), p(0.2, 0.3, 0.1, 0.2));
  }

  @Test
  void staticImportInterfaceAndNestedClass() {
    check("staticImportInterfaceAndNestedClass",
        v -> Compositions.staticImportInterfaceAndNestedClass(v[0]),
        (v, d) -> CompositionsGradient.staticImportInterfaceAndNestedClassJvp(v[0], d[0]),
        v -> CompositionsGradient.staticImportInterfaceAndNestedClassGradient(v[0]),
        v -> CompositionsGradient.staticImportInterfaceAndNestedClassHessian(v[0]),
        p(0.4), p(-1.1));
    // The callees' own generated classes: an interface's and a nested class's.
    assertArrayExact("Kernels.gauss'", p(0.5), p(-2 * 0.5 * Math.exp(-0.25)),
        KernelsGradient.gaussGradient(0.5));
    assertArrayExact("Kernels.Powers.pow'", p(1.5), p(3 * 1.5 * 1.5),
        Kernels_PowersGradient.powGradient(1.5, 3));
  }

  @Test
  void sameSimpleName() {
    for (double x : p(-0.6, 0.0, 0.9)) {
      double expected = Math.cosh(x) / (1 + x * x) + Math.atan(x) * Math.sinh(x);
      assertArrayExact("atan(x)·cosh(x)'", p(x), p(expected),
          CompositionsGradient.sameSimpleNameGradient(x));
      assertEquals(expected, CompositionsGradient.sameSimpleNameJvp(x, 1.0), 1e-14);
    }
  }

  @Test
  void constantArguments() {
    for (int n : new int[] {0, 2, 3}) {
      check("constantArguments n=" + n, v -> Compositions.constantArguments(v[0], n),
          (v, d) -> CompositionsGradient.constantArgumentsJvp(v[0], d[0], n),
          v -> CompositionsGradient.constantArgumentsGradient(v[0], n),
          v -> CompositionsGradient.constantArgumentsHessian(v[0], n), p(0.6), p(-1.4));
    }
  }

  @Test
  void parametersNamedLikeGeneratedVariables() {
    check("generatedNames",
        v -> Compositions.generatedNames(v[0], v[1], v[2], slice(v, 3, v.length)),
        (v, d) -> CompositionsGradient.generatedNamesJvp(v[0], d[0], v[1], d[1], v[2], d[2],
            slice(v, 3, v.length), slice(d, 3, d.length)),
        v -> CompositionsGradient.generatedNamesGradient(v[0], v[1], v[2],
            slice(v, 3, v.length)),
        v -> CompositionsGradient.generatedNamesHessian(v[0], v[1], v[2],
            slice(v, 3, v.length)),
        p(0.7, 0.3, -0.6, 0.2, 0.5));
  }

  @Test
  void recursionWithLocalArrays() {
    for (int depth : new int[] {0, 1, 3}) {
      check("recursionWithLocalArrays depth " + depth,
          v -> Compositions.recursionWithLocalArrays(v, depth),
          (v, d) -> CompositionsGradient.recursionWithLocalArraysJvp(v, d, depth),
          v -> CompositionsGradient.recursionWithLocalArraysGradient(v, depth),
          v -> CompositionsGradient.recursionWithLocalArraysHessian(v, depth),
          p(0.7, -0.2, 0.4));
    }
  }

  /** Callers and callees keep nothing between calls: concurrent gradients all agree. */
  @Test
  void concurrentCallsOfARecursiveGradient() throws Exception {
    double[] w = p(0.7, -0.2, 0.4, 1.1);
    double[] expected = CompositionsGradient.recursionWithLocalArraysGradient(w, 3);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<double[]>> results = pool.invokeAll(java.util.Collections.nCopies(64,
          () -> CompositionsGradient.recursionWithLocalArraysGradient(w.clone(), 3)));
      for (Future<double[]> r : results) {
        assertTrue(Arrays.equals(expected, r.get()), Arrays.toString(r.get()));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
