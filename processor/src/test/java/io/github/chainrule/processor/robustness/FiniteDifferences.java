package io.github.chainrule.processor.robustness;

import static com.google.common.truth.Truth.assertWithMessage;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Checks the three generated methods of one {@code @Differentiable} method, called by
 * reflection, against central finite differences of the original method. Every {@code double}
 * and {@code double[]} parameter is taken as active (the default {@code wrt}).
 */
final class FiniteDifferences {

  private static final double FD_RTOL = 1e-6;
  private static final double FD_ATOL = 1e-7;

  private final Method f;
  private final Method jvp;
  private final Method gradient;
  private final Method valueAndGradient;
  private final Class<?>[] types;

  FiniteDifferences(InProcess.Loaded loaded, String className, String method) {
    Class<?> source = loaded.type(className);
    Class<?> generated = loaded.type(className + "Gradient");
    f = InProcess.method(source, method);
    jvp = InProcess.method(generated, method + "Jvp");
    gradient = InProcess.method(generated, method + "Gradient");
    valueAndGradient = InProcess.method(generated, method + "ValueAndGradient");
    types = f.getParameterTypes();
  }

  /** Asserts every mode against finite differences at {@code arguments}. */
  void assertAt(Object... arguments) {
    String at = f.getName() + " at " + show(arguments);
    double[] flat = flatten(arguments);
    double[] expected = new double[flat.length];
    for (int i = 0; i < flat.length; i++) {
      double h = 1e-6 * Math.max(1.0, Math.abs(flat[i]));
      double[] plus = flat.clone();
      double[] minus = flat.clone();
      plus[i] += h;
      minus[i] -= h;
      expected[i] = (value(with(arguments, plus)) - value(with(arguments, minus)))
          / (plus[i] - minus[i]);
    }
    double value = value(arguments);

    double[] g = (double[]) InProcess.call(gradient, copy(arguments));
    assertWithMessage("%sGradient length, %s", f.getName(), at).that(g.length)
        .isEqualTo(flat.length);
    for (int i = 0; i < flat.length; i++) {
      double tolerance = FD_ATOL + FD_RTOL * Math.max(Math.abs(expected[i]), Math.abs(g[i]));
      assertWithMessage("d/d(input %s) by %sGradient, %s: finite differences %s, generated %s",
          i, f.getName(), at, Arrays.toString(expected), Arrays.toString(g))
          .that(Math.abs(g[i] - expected[i]) <= tolerance).isTrue();
    }

    double[] out = new double[flat.length + 2];
    Arrays.fill(out, 42.0);
    Object[] withOutput = Arrays.copyOf(copy(arguments), arguments.length + 1);
    withOutput[arguments.length] = out;
    double v = (double) InProcess.call(valueAndGradient, withOutput);
    assertWithMessage("value of %sValueAndGradient, %s", f.getName(), at).that(v)
        .isEqualTo(value);
    assertWithMessage("gradient of %sValueAndGradient, %s", f.getName(), at)
        .that(Arrays.copyOf(out, flat.length)).usingExactEquality().containsExactly(g).inOrder();
    assertWithMessage("entries past n, %s", at).that(out[flat.length]).isEqualTo(42.0);

    Random random = new Random(flat.length);
    double[] d = new double[flat.length];
    double directional = 0;
    double scale = 0;
    for (int i = 0; i < d.length; i++) {
      d[i] = random.nextGaussian();
      directional += g[i] * d[i];
      scale += Math.abs(g[i] * d[i]);
    }
    double forward = (double) InProcess.call(jvp, jvpArguments(arguments, d));
    assertWithMessage("%sJvp against the gradient (dot-product test), %s", f.getName(), at)
        .that(Math.abs(forward - directional) <= 1e-12 * scale + 1e-300).isTrue();
  }

  private double value(Object[] arguments) {
    return (double) InProcess.call(f, copy(arguments));
  }

  /** Fresh copies of the array arguments, so no call can disturb another. */
  private static Object[] copy(Object[] arguments) {
    Object[] out = arguments.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] instanceof double[] a) {
        out[i] = a.clone();
      } else if (out[i] instanceof int[] a) {
        out[i] = a.clone();
      }
    }
    return out;
  }

  private double[] flatten(Object[] arguments) {
    List<Double> flat = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      if (types[i] == double.class) {
        flat.add((Double) arguments[i]);
      } else if (types[i] == double[].class) {
        for (double v : (double[]) arguments[i]) {
          flat.add(v);
        }
      }
    }
    return flat.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private Object[] with(Object[] arguments, double[] flat) {
    Object[] out = copy(arguments);
    int k = 0;
    for (int i = 0; i < types.length; i++) {
      if (types[i] == double.class) {
        out[i] = flat[k++];
      } else if (types[i] == double[].class) {
        double[] a = (double[]) out[i];
        for (int j = 0; j < a.length; j++) {
          a[j] = flat[k++];
        }
      }
    }
    return out;
  }

  private Object[] jvpArguments(Object[] arguments, double[] d) {
    List<Object> out = new ArrayList<>();
    Object[] copied = copy(arguments);
    int k = 0;
    for (int i = 0; i < types.length; i++) {
      out.add(copied[i]);
      if (types[i] == double.class) {
        out.add(d[k++]);
      } else if (types[i] == double[].class) {
        double[] tangent = new double[((double[]) copied[i]).length];
        for (int j = 0; j < tangent.length; j++) {
          tangent[j] = d[k++];
        }
        out.add(tangent);
      }
    }
    return out.toArray();
  }

  static String show(Object[] arguments) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < arguments.length; i++) {
      Object a = arguments[i];
      b.append(i == 0 ? "" : ", ").append(a instanceof double[] d ? Arrays.toString(d)
          : a instanceof int[] n ? Arrays.toString(n) : String.valueOf(a));
    }
    return b.append(")").toString();
  }
}
