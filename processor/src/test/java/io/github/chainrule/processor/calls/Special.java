package io.github.chainrule.processor.calls;

import io.github.chainrule.CustomDerivative;
import io.github.chainrule.Differentiable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * Functions with hand-written derivatives. The bodies of the {@code @CustomDerivative} methods use
 * what a {@code @Differentiable} body may not (switch, try, collections, streams, lambdas): the
 * processor never reads them. The partials are ordinary {@code @Differentiable} methods (or
 * custom ones themselves), so second derivatives come from their derivatives.
 */
public final class Special {

  private Special() {}

  static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

  /** erf by its Maclaurin series (accurate for |x| ≤ 3). */
  @CustomDerivative(partials = "erfPrime")
  public static double erf(double x) {
    switch ((int) Math.signum(x)) {
      case 0:
        return x;
      default:
        break;
    }
    double ax = Math.abs(x);
    List<Double> terms = new ArrayList<>();
    double power = ax;
    for (int n = 0; n < 120; n++) {
      terms.add(power / (2 * n + 1));
      power *= -ax * ax / (n + 1);
    }
    double sum = terms.stream().mapToDouble(Double::doubleValue).sum();
    return Math.signum(x) * TWO_OVER_SQRT_PI * sum;
  }

  @Differentiable
  public static double erfPrime(double x) {
    return TWO_OVER_SQRT_PI * Math.exp(-x * x);
  }

  /** log(1 + eˣ) without overflow. */
  @CustomDerivative(partials = "sigmoid")
  public static double softplus(double x) {
    try {
      return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    } catch (ArithmeticException e) {
      throw new IllegalStateException(e);
    }
  }

  /** 1 / (1 + e⁻ˣ), written so that neither branch overflows. */
  @Differentiable
  public static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }

  /** log Γ(x) for x > 0: recurrence up to 10, then Stirling's series. */
  @CustomDerivative(partials = "digamma")
  public static double lgamma(double x) {
    double shift = 0;
    double z = x;
    while (z < 10) {
      shift -= Math.log(z);
      z += 1;
    }
    final double zz = z;
    double[] c = {1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360};
    double series = IntStream.range(0, c.length)
        .mapToDouble(k -> c[k] / Math.pow(zz, 2 * k + 1)).sum();
    return shift + (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + series;
  }

  /** ψ(x) = d/dx log Γ(x); itself custom, with trigamma as its derivative. */
  @CustomDerivative(partials = "trigamma")
  public static double digamma(double x) {
    double shift = 0;
    double z = x;
    while (z < 10) {
      shift -= 1 / z;
      z += 1;
    }
    double r = 1 / (z * z);
    double tail = r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240
        - r * (1.0 / 132)))));
    return shift + Math.log(z) - 0.5 / z - tail;
  }

  /** ψ'(x), read and differentiated by the processor (a while loop). */
  @Differentiable
  public static double trigamma(double x) {
    double shift = 0;
    double z = x;
    while (z < 10) {
      shift += 1 / (z * z);
      z += 1;
    }
    double r = 1 / (z * z);
    double tail = (r / z) * (1.0 / 6 - r * (1.0 / 30 - r * (1.0 / 42 - r * (1.0 / 30
        - r * (5.0 / 66)))));
    return shift + 1 / z + r / 2 + tail;
  }

  /** log(eᵃ + eᵇ): two double parameters, two partials. */
  @CustomDerivative(partials = {"logAddExpA", "logAddExpB"})
  public static double logAddExp(double a, double b) {
    double m = Math.max(a, b);
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
  }

  @Differentiable
  public static double logAddExpA(double a, double b) {
    return sigmoid(a - b);
  }

  @Differentiable
  public static double logAddExpB(double a, double b) {
    return sigmoid(b - a);
  }

  /** xⁿ by a stream; the int parameter gets no partial. */
  @CustomDerivative(partials = "intPowerPrime")
  public static double intPower(double x, int n) {
    return DoubleStream.generate(() -> x).limit(n).reduce(1, (p, q) -> p * q);
  }

  @Differentiable
  public static double intPowerPrime(double x, int n) {
    return n == 0 ? 0 : n * intPower(x, n - 1);
  }

  /** Its own derivative: the partial is the method itself. */
  @CustomDerivative(partials = "selfExp")
  public static double selfExp(double x) {
    return Math.exp(x);
  }
}
