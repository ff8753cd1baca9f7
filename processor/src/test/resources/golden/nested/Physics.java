package golden;

import io.github.chainrule.Differentiable;

/** A static nested class: its derivatives go to Physics_SpringGradient. */
public final class Physics {

  private Physics() {}

  public static final class Spring {

    static final double STIFFNESS = 4.0;

    private Spring() {}

    @Differentiable
    public static double energy(double x, double v) {
      double kinetic = 0.5 * v * v;
      double potential = STIFFNESS * (1 - Math.cos(x));
      return kinetic + potential;
    }
  }
}
