package io.github.chainrule;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the derivative of a static method whose body Chainrule should not or cannot read — a
 * library special function, or a function with a numerically better hand-written derivative —
 * as its partial derivatives, one method per {@code double} parameter:
 *
 * <pre>{@code
 * @CustomDerivative(partials = "erfPrime")
 * public static double erf(double x) { return Erf.erf(x); }           // never read
 *
 * @Differentiable
 * public static double erfPrime(double x) { return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x); }
 * }</pre>
 *
 * <p>Each partial method lives in the same class, is {@code static} and not {@code private}, takes
 * exactly the parameters of the annotated method and returns {@code double}: ∂f/∂pᵢ at those
 * arguments, in the order of the {@code double} parameters. Partials are themselves
 * {@code @Differentiable} (or {@code @CustomDerivative}), so second derivatives work too. The
 * annotated method gets the same generated class and methods as a {@code @Differentiable} one,
 * and other differentiable methods may call it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CustomDerivative {

  /** The names of the partial-derivative methods, one per {@code double} parameter, in order. */
  String[] partials();
}
