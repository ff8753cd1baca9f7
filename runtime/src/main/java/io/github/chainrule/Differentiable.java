package io.github.chainrule;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static numeric method whose derivatives the Chainrule processor generates at compile
 * time, into a sibling class named after the enclosing class with the suffix {@code Gradient}.
 *
 * <p>For {@code static double f(double x, double y)} in {@code p.Model} the processor writes
 * {@code p.ModelGradient} with {@code fJvp} (forward mode), {@code fGradient} and
 * {@code fValueAndGradient} (reverse mode). See the project README for the full contract.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Differentiable {

  /**
   * The names of the parameters to differentiate with respect to, in any order. Empty (the
   * default) means every parameter of type {@code double} or {@code double[]}.
   */
  String[] wrt() default {};
}
