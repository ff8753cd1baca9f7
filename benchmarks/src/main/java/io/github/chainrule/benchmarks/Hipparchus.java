package io.github.chainrule.benchmarks;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The comparison problems written once over Hipparchus' {@link CalculusFieldElement}, so that
 * forward-mode {@link Gradient} and {@link DerivativeStructure} (order 1) compute the full
 * gradient in one overloaded evaluation; and central finite differences.
 */
public final class Hipparchus {

  private Hipparchus() {}

  static <T extends CalculusFieldElement<T>> T poly(T x) {
    T x2 = x.multiply(x);
    return x2.multiply(x2).add(x2.multiply(3)).add(x.multiply(2));
  }

  static <T extends CalculusFieldElement<T>> T rosenbrock(T[] x) {
    T s = x[0].newInstance(0);
    for (int i = 0; i < x.length - 1; i++) {
      T t = x[i + 1].subtract(x[i].multiply(x[i]));
      T u = x[i].negate().add(1);
      s = s.add(t.multiply(t).multiply(100)).add(u.multiply(u));
    }
    return s;
  }

  static <T extends CalculusFieldElement<T>> T logistic(T[] w, double[] x, int[] y) {
    int d = w.length;
    int rows = y.length;
    T s = w[0].newInstance(0);
    for (int r = 0; r < rows; r++) {
      T z = w[0].newInstance(0);
      for (int j = 0; j < d; j++) {
        z = z.add(w[j].multiply(x[r * d + j]));
      }
      T m = z.multiply(2 * y[r] - 1);
      s = s.add(m.negate().exp().add(1).log());
    }
    return s.divide(rows);
  }

  static <T extends CalculusFieldElement<T>> T mlp(T[] w, double[] x, double[] y, int in,
      int hidden) {
    int rows = y.length;
    int b1 = hidden * in;
    int w2 = b1 + hidden;
    int b2 = w2 + hidden;
    T s = w[0].newInstance(0);
    for (int r = 0; r < rows; r++) {
      T out = w[b2];
      for (int j = 0; j < hidden; j++) {
        T z = w[b1 + j];
        for (int i = 0; i < in; i++) {
          z = z.add(w[j * in + i].multiply(x[r * in + i]));
        }
        out = out.add(w[w2 + j].multiply(z.tanh()));
      }
      T e = out.subtract(y[r]);
      s = s.add(e.multiply(e));
    }
    return s.multiply(0.5 / rows);
  }

  static Gradient[] gradientVariables(double[] x) {
    Gradient[] g = new Gradient[x.length];
    for (int i = 0; i < x.length; i++) {
      g[i] = Gradient.variable(x.length, i, x[i]);
    }
    return g;
  }

  static DerivativeStructure[] dsVariables(DSFactory factory, double[] x) {
    DerivativeStructure[] g = new DerivativeStructure[x.length];
    for (int i = 0; i < x.length; i++) {
      g[i] = factory.variable(i, x[i]);
    }
    return g;
  }

  /** Copies the first derivatives of a DerivativeStructure of order 1 into {@code gradient}. */
  static double gradientOf(DerivativeStructure ds, double[] gradient) {
    double[] all = ds.getAllDerivatives(); // value, then ∂/∂x_i in index order (order 1)
    System.arraycopy(all, 1, gradient, 0, gradient.length);
    return all[0];
  }

  static double gradientOf(Gradient g, double[] gradient) {
    System.arraycopy(g.getGradient(), 0, gradient, 0, gradient.length);
    return g.getValue();
  }

  /** A function of the active vector only. */
  interface F {
    double at(double[] x);
  }

  /** Central differences with h = 1e-6·max(1, |x_i|); x is restored. Returns f(x). */
  static double centralDifferences(F f, double[] x, double[] gradient) {
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      double h = 1e-6 * Math.max(1, Math.abs(xi));
      x[i] = xi + h;
      double up = f.at(x);
      x[i] = xi - h;
      double down = f.at(x);
      x[i] = xi;
      gradient[i] = (up - down) / (2 * h);
    }
    return f.at(x);
  }
}
