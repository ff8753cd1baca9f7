package io.github.chainrule.processor.behaviour;

/**
 * A dual number v + d·ε, the test's own forward-mode oracle: the feature tests re-run a fixture's
 * computation on duals, step by step, to get the expected derivative independently of the
 * processor. Only textbook derivatives live here.
 */
record Dual(double v, double d) {

  static Dual constant(double v) {
    return new Dual(v, 0);
  }

  static Dual variable(double v) {
    return new Dual(v, 1);
  }

  /** The variable with the given seed: 1 if it is the one being differentiated, else 0. */
  static Dual seeded(double v, boolean seed) {
    return new Dual(v, seed ? 1 : 0);
  }

  Dual plus(Dual o) {
    return new Dual(v + o.v, d + o.d);
  }

  Dual plus(double c) {
    return new Dual(v + c, d);
  }

  Dual minus(Dual o) {
    return new Dual(v - o.v, d - o.d);
  }

  Dual times(Dual o) {
    return new Dual(v * o.v, d * o.v + v * o.d);
  }

  Dual times(double c) {
    return new Dual(v * c, d * c);
  }

  Dual over(Dual o) {
    return new Dual(v / o.v, (d * o.v - v * o.d) / (o.v * o.v));
  }

  Dual negate() {
    return new Dual(-v, -d);
  }

  Dual sin() {
    return new Dual(Math.sin(v), Math.cos(v) * d);
  }

  Dual cos() {
    return new Dual(Math.cos(v), -Math.sin(v) * d);
  }

  Dual exp() {
    return new Dual(Math.exp(v), Math.exp(v) * d);
  }

  Dual log() {
    return new Dual(Math.log(v), d / v);
  }

  Dual sqrt() {
    return new Dual(Math.sqrt(v), d / (2 * Math.sqrt(v)));
  }

  Dual tanh() {
    double c = Math.cosh(v);
    return new Dual(Math.tanh(v), d / (c * c));
  }

  Dual atan() {
    return new Dual(Math.atan(v), d / (1 + v * v));
  }

  Dual max(Dual o) {
    return v >= o.v ? this : o;
  }

  Dual min(Dual o) {
    return v <= o.v ? this : o;
  }

  Dual abs() {
    return v < 0 ? negate() : this;
  }

  Dual square() {
    return times(this);
  }
}
