package io.github.chainrule.example;

import io.github.chainrule.Differentiable;

/**
 * The Black–Scholes price of a European call option, and its Greeks.
 *
 * <p>{@link #callPrice} is ordinary Java. Chainrule differentiates it with respect to spot,
 * volatility, rate and time (not the strike: see {@code wrt}), so one call of the generated
 * {@code BlackScholesGradient.callPriceGradient} returns delta, vega, rho and ∂C/∂T (minus theta)
 * in one reverse sweep. The closed-form Greeks below are only here to check those numbers.
 *
 * <p>Java has no {@code erf}, so the standard normal CDF is written out in plain Java with
 * Hart's double-precision rational approximation (J. F. Hart, <i>Computer Approximations</i>,
 * 1968, as presented by G. West, "Better approximations to cumulative normal functions", 2005):
 * absolute error about 1e-15 everywhere. Its generated derivative is the normal density to about
 * the same absolute accuracy (the relative accuracy of both degrades in the far tails, where the
 * values themselves are below 1e-12).
 */
public final class BlackScholes {

  private BlackScholes() {}

  private static final double SQRT_2PI = 2.5066282746310002;

  /** Below this |x| the rational form is used; above it, a continued fraction. */
  private static final double RATIONAL_LIMIT = 7.07106781186547;

  // Hart's coefficients: numerator P6..P0 and denominator Q7..Q0, highest power first.
  private static final double P6 = 0.0352624965998911;
  private static final double P5 = 0.700383064443688;
  private static final double P4 = 6.37396220353165;
  private static final double P3 = 33.912866078383;
  private static final double P2 = 112.079291497871;
  private static final double P1 = 221.213596169931;
  private static final double P0 = 220.206867912376;
  private static final double Q7 = 0.0883883476483184;
  private static final double Q6 = 1.75566716318264;
  private static final double Q5 = 16.064177579207;
  private static final double Q4 = 86.7807322029461;
  private static final double Q3 = 296.564248779674;
  private static final double Q2 = 637.333633378831;
  private static final double Q1 = 793.826512519948;
  private static final double Q0 = 440.413735824752;

  /**
   * The standard normal CDF N(x). Its generated derivative is the normal density.
   *
   * <p>Note the sign handling: the code computes the tail beyond {@code a = |x|} and flips it for
   * {@code x > 0}. {@code a} is written as a ternary on the <em>same</em> condition, not as
   * {@code Math.abs(x)}: Chainrule differentiates the branch the code takes, and at {@code x = 0}
   * {@code Math.abs} takes the derivative +1 while the final line takes the {@code x <= 0} branch,
   * which would give N'(0) = −φ(0). With one condition for both, the derivative is right on
   * either side of 0 and at 0 itself.
   */
  @Differentiable
  public static double normalCdf(double x) {
    double a = x > 0 ? x : -x;
    double gauss = Math.exp(-0.5 * a * a);
    double tail;
    if (a < RATIONAL_LIMIT) {
      double numerator = (((((P6 * a + P5) * a + P4) * a + P3) * a + P2) * a + P1) * a + P0;
      double denominator =
          ((((((Q7 * a + Q6) * a + Q5) * a + Q4) * a + Q3) * a + Q2) * a + Q1) * a + Q0;
      tail = gauss * numerator / denominator;
    } else {
      tail = gauss / (a + 1 / (a + 2 / (a + 3 / (a + 4 / (a + 0.65))))) / SQRT_2PI;
    }
    return x > 0 ? 1 - tail : tail;
  }

  /**
   * The price of a European call: C = S·N(d1) − K·e^(−rT)·N(d2).
   *
   * <p>The calls of {@link #normalCdf} are differentiated too: the generated gradient calls the
   * generated reverse mode of {@code normalCdf} ({@code normalCdfPullback}) for each of them.
   *
   * @param spot the price of the underlying, S
   * @param strike the strike, K (fixed by the contract, so not differentiated: see {@code wrt})
   * @param vol the volatility σ, per year
   * @param rate the continuously compounded risk-free rate r, per year
   * @param time the time to expiry T, in years
   */
  @Differentiable(wrt = {"spot", "vol", "rate", "time"})
  public static double callPrice(double spot, double strike, double vol, double rate,
      double time) {
    double volSqrtTime = vol * Math.sqrt(time);
    double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / volSqrtTime;
    double d2 = d1 - volSqrtTime;
    return spot * normalCdf(d1) - strike * Math.exp(-rate * time) * normalCdf(d2);
  }

  // The textbook closed forms, for checking only.

  /** The standard normal density φ(x) = e^(−x²/2) / √(2π). */
  public static double normalPdf(double x) {
    return Math.exp(-0.5 * x * x) / SQRT_2PI;
  }

  /**
   * The closed-form Greeks of {@link #callPrice}, in the order of its generated gradient: delta
   * ∂C/∂S = N(d1), vega ∂C/∂σ = S·φ(d1)·√T, rho ∂C/∂r = K·T·e^(−rT)·N(d2), and
   * ∂C/∂T = S·φ(d1)·σ/(2√T) + r·K·e^(−rT)·N(d2) (theta is its negative).
   */
  public static double[] closedFormGreeks(double spot, double strike, double vol, double rate,
      double time) {
    double sqrtTime = Math.sqrt(time);
    double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / (vol * sqrtTime);
    double d2 = d1 - vol * sqrtTime;
    double discountedStrike = strike * Math.exp(-rate * time);
    double delta = normalCdf(d1);
    double vega = spot * normalPdf(d1) * sqrtTime;
    double rho = discountedStrike * time * normalCdf(d2);
    double dPriceDTime = spot * normalPdf(d1) * vol / (2 * sqrtTime)
        + rate * discountedStrike * normalCdf(d2);
    return new double[] {delta, vega, rho, dPriceDTime};
  }

  /**
   * Three second-order Greeks of {@link #callPrice}: gamma ∂²C/∂S² = φ(d1)/(S·σ·√T), vanna
   * ∂²C/∂S∂σ = −φ(d1)·d2/σ, and volga ∂²C/∂σ² = S·φ(d1)·√T·d1·d2/σ.
   */
  public static double[] closedFormSecondOrderGreeks(double spot, double strike, double vol,
      double rate, double time) {
    double sqrtTime = Math.sqrt(time);
    double d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * time) / (vol * sqrtTime);
    double d2 = d1 - vol * sqrtTime;
    double gamma = normalPdf(d1) / (spot * vol * sqrtTime);
    double vanna = -normalPdf(d1) * d2 / vol;
    double volga = spot * normalPdf(d1) * sqrtTime * d1 * d2 / vol;
    return new double[] {gamma, vanna, volga};
  }
}
