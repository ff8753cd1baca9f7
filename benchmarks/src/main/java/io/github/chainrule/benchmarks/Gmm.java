package io.github.chainrule.benchmarks;

import io.github.chainrule.Differentiable;

/**
 * The Microsoft ADBench GMM objective (Srajer, Baydin, Fitzgibbon 2018, section 4.1; the C++
 * {@code gmm_objective} of microsoft/ADBench): the negative log-likelihood of n points in d
 * dimensions under a k-component Gaussian mixture, plus a Wishart prior on the precision matrices.
 * Parameters, flattened: {@code alphas[k]}, {@code means[k·d]}, {@code icf[k·d(d+1)/2]} (per
 * component: the logs of the diagonal of the lower-triangular factor Q, then its strict lower part
 * column by column). The data {@code x[n·d]} is inactive. Wishart parameters as in ADBench's data:
 * γ = 1, m = 0 (passed in).
 */
public final class Gmm {

  private Gmm() {}

  /** ADBench's objective, written as plain Java over flattened arrays. */
  @Differentiable(wrt = {"alphas", "means", "icf"})
  public static double objective(double[] alphas, double[] means, double[] icf, double[] x,
      int d, int k, int n, double wishartGamma, int wishartM) {
    int icfSize = d * (d + 1) / 2;
    double[] qdiags = new double[k * d];
    double[] sumQs = new double[k];
    for (int ik = 0; ik < k; ik++) {
      double s = 0;
      for (int id = 0; id < d; id++) {
        double q = icf[ik * icfSize + id];
        s += q;
        qdiags[ik * d + id] = Math.exp(q);
      }
      sumQs[ik] = s;
    }
    double[] xc = new double[d];
    double[] qxc = new double[d];
    double[] mainTerm = new double[k];
    double slse = 0;
    for (int ix = 0; ix < n; ix++) {
      for (int ik = 0; ik < k; ik++) {
        for (int id = 0; id < d; id++) {
          xc[id] = x[ix * d + id] - means[ik * d + id];
        }
        // Qtimesx: Q·xc with Q lower triangular, diagonal qdiags, strict lower part from icf.
        for (int id = 0; id < d; id++) {
          qxc[id] = qdiags[ik * d + id] * xc[id];
        }
        int l = ik * icfSize + d;
        for (int i = 0; i < d; i++) {
          for (int j = i + 1; j < d; j++) {
            qxc[j] += icf[l] * xc[i];
            l++;
          }
        }
        double sq = 0;
        for (int id = 0; id < d; id++) {
          sq += qxc[id] * qxc[id];
        }
        mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sq;
      }
      slse += logsumexp(mainTerm);
    }
    double err = constant(d, n) + slse - n * logsumexp(alphas);
    // log_wishart_prior
    double prior = 0;
    for (int ik = 0; ik < k; ik++) {
      double frobenius = 0;
      for (int id = 0; id < d; id++) {
        frobenius += qdiags[ik * d + id] * qdiags[ik * d + id];
      }
      for (int j = d; j < icfSize; j++) {
        frobenius += icf[ik * icfSize + j] * icf[ik * icfSize + j];
      }
      prior += 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];
    }
    return err + prior - k * wishartConstant(d, wishartGamma, wishartM);
  }

  /** log Σ exp(v[i]), shifted by the maximum as in ADBench. */
  @Differentiable
  public static double logsumexp(double[] v) {
    double mx = v[0];
    for (int i = 1; i < v.length; i++) {
      mx = Math.max(mx, v[i]);
    }
    double semx = 0;
    for (int i = 0; i < v.length; i++) {
      semx += Math.exp(v[i] - mx);
    }
    return Math.log(semx) + mx;
  }

  /** −n·d/2 · log 2π. */
  public static double constant(int d, int n) {
    return -n * d * 0.5 * Math.log(2 * Math.PI);
  }

  /** C of ADBench's log_wishart_prior: n p (log γ − ½ log 2) − log Γ_p(n/2), n = p + m + 1. */
  public static double wishartConstant(int p, double gamma, int m) {
    int n = p + m + 1;
    double lgd = 0.25 * p * (p - 1) * Math.log(Math.PI);
    for (int j = 1; j <= p; j++) {
      lgd += logGamma(0.5 * n + 0.5 * (1 - j));
    }
    return n * p * (Math.log(gamma) - 0.5 * Math.log(2)) - lgd;
  }

  /** log Γ(a) for a > 0 (Lanczos, g = 7, 9 terms; ≈ 1e-15 relative). */
  static double logGamma(double a) {
    double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7};
    if (a < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * a))) - logGamma(1 - a);
    }
    a -= 1;
    double s = c[0];
    double t = a + 7.5;
    for (int i = 1; i < 9; i++) {
      s += c[i] / (a + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (a + 0.5) * Math.log(t) - t + Math.log(s);
  }

  /**
   * The objective and its gradient by hand, in the structure of ADBench's manual derivative
   * ({@code gmm_objective_d}): one pass over the points; per point the component terms, their
   * softmax weights, and the adjoints of Q·(x − μ) pushed straight into the gradient of means and
   * icf; alphas and the prior in closed form at the end. Layout of {@code gradient}: alphas,
   * means, icf. Returns the objective.
   */
  public static double objectiveAndGradientByHand(double[] alphas, double[] means, double[] icf,
      double[] x, int d, int k, int n, double wishartGamma, int wishartM, double[] gradient) {
    int icfSize = d * (d + 1) / 2;
    int gMeans = k;
    int gIcf = k + k * d;
    java.util.Arrays.fill(gradient, 0, gIcf + k * icfSize, 0.0);
    double[] qdiags = new double[k * d];
    double[] sumQs = new double[k];
    for (int ik = 0; ik < k; ik++) {
      double s = 0;
      for (int id = 0; id < d; id++) {
        double q = icf[ik * icfSize + id];
        s += q;
        qdiags[ik * d + id] = Math.exp(q);
      }
      sumQs[ik] = s;
    }
    double[] xcs = new double[k * d];   // x − μ_k for every component
    double[] qxcs = new double[k * d];  // Q_k (x − μ_k)
    double[] mainTerm = new double[k];
    double[] tmp = new double[d];
    double slse = 0;
    for (int ix = 0; ix < n; ix++) {
      int xo = ix * d;
      double mx = Double.NEGATIVE_INFINITY;
      for (int ik = 0; ik < k; ik++) {
        int o = ik * d;
        for (int id = 0; id < d; id++) {
          xcs[o + id] = x[xo + id] - means[o + id];
          qxcs[o + id] = qdiags[o + id] * xcs[o + id];
        }
        int l = ik * icfSize + d;
        for (int i = 0; i < d; i++) {
          double xci = xcs[o + i];
          for (int j = i + 1; j < d; j++) {
            qxcs[o + j] += icf[l++] * xci;
          }
        }
        double sq = 0;
        for (int id = 0; id < d; id++) {
          sq += qxcs[o + id] * qxcs[o + id];
        }
        double mt = alphas[ik] + sumQs[ik] - 0.5 * sq;
        mainTerm[ik] = mt;
        mx = Math.max(mx, mt);
      }
      double semx = 0;
      for (int ik = 0; ik < k; ik++) {
        double e = Math.exp(mainTerm[ik] - mx);
        mainTerm[ik] = e;
        semx += e;
      }
      slse += Math.log(semx) + mx;
      double inv = 1 / semx;
      for (int ik = 0; ik < k; ik++) {
        double w = mainTerm[ik] * inv; // ∂ lse / ∂ mainTerm[ik]
        gradient[ik] += w;
        int o = ik * d;
        int gi = gIcf + ik * icfSize;
        // mainTerm = … − ½ |y|², y = Q xc: ∂/∂y = −w y; ∂/∂xc = Qᵀ(−w y); ∂/∂μ = −∂/∂xc.
        for (int id = 0; id < d; id++) {
          double ybar = -w * qxcs[o + id];
          tmp[id] = ybar * qdiags[o + id];
          gradient[gi + id] += w + ybar * qdiags[o + id] * xcs[o + id];
        }
        int l = d;
        for (int i = 0; i < d; i++) {
          double xci = xcs[o + i];
          double acc = tmp[i];
          for (int j = i + 1; j < d; j++) {
            double ybar = -w * qxcs[o + j];
            gradient[gi + l] += ybar * xci;
            acc += icf[ik * icfSize + l] * ybar;
            l++;
          }
          gradient[gMeans + o + i] -= acc;
        }
      }
    }
    // − n · logsumexp(alphas)
    double amx = alphas[0];
    for (int ik = 1; ik < k; ik++) {
      amx = Math.max(amx, alphas[ik]);
    }
    double asum = 0;
    for (int ik = 0; ik < k; ik++) {
      asum += Math.exp(alphas[ik] - amx);
    }
    double lseAlphas = Math.log(asum) + amx;
    for (int ik = 0; ik < k; ik++) {
      gradient[ik] -= n * Math.exp(alphas[ik] - amx) / asum;
    }
    // Wishart prior
    double g2 = wishartGamma * wishartGamma;
    double prior = 0;
    for (int ik = 0; ik < k; ik++) {
      double frobenius = 0;
      int gi = gIcf + ik * icfSize;
      for (int id = 0; id < d; id++) {
        double q = qdiags[ik * d + id];
        frobenius += q * q;
        gradient[gi + id] += g2 * q * q - wishartM;
      }
      for (int j = d; j < icfSize; j++) {
        double v = icf[ik * icfSize + j];
        frobenius += v * v;
        gradient[gi + j] += g2 * v;
      }
      prior += 0.5 * g2 * frobenius - wishartM * sumQs[ik];
    }
    double err = constant(d, n) + slse - n * lseAlphas;
    return err + prior - k * wishartConstant(d, wishartGamma, wishartM);
  }

  /** Deterministic inputs like ADBench's generator (uniform alphas/means/icf, normal-ish x). */
  static double[][] inputs(int d, int k, int n, long seed) {
    java.util.Random r = new java.util.Random(seed);
    int icfSize = d * (d + 1) / 2;
    double[] alphas = new double[k];
    double[] means = new double[k * d];
    double[] icf = new double[k * icfSize];
    double[] x = new double[n * d];
    for (int i = 0; i < alphas.length; i++) {
      alphas[i] = r.nextGaussian();
    }
    for (int i = 0; i < means.length; i++) {
      means[i] = r.nextDouble();
    }
    for (int i = 0; i < icf.length; i++) {
      icf[i] = r.nextDouble() * 0.5;
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian();
    }
    return new double[][] {alphas, means, icf, x};
  }
}
