package io.github.chainrule.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A method with derivatives that IR can call: a user's {@code @Differentiable} method, or one of
 * the entry points generated for it. Every entry point {@code E} has a forward-mode entry
 * {@code EJvp} in the generated class, taking each active parameter followed by its tangent and
 * each output array followed by the array receiving its tangent; that is what makes calls
 * compose under the transforms, to any order:
 * <ul>
 *   <li>{@code g(p...)}, the user's method, and its tangent {@code gJvp(p, p_dot, ...)};</li>
 *   <li>{@code gPullback(p..., seed, bars)}, which overwrites {@code bars} with
 *       {@code seed · ∇g} (flattened), and its tangent {@code gPullbackJvp}.</li>
 * </ul>
 *
 * @param source the class declaring the user's method
 * @param gradient the generated class holding the entry points
 * @param method the Java name of this entry point
 * @param userMethod whether this is the user's own method (in {@code source})
 * @param parameters the parameter types, in order
 * @param active which parameters carry derivatives into the result
 * @param outputs which parameters are arrays the entry writes results into
 * @param returnType the result type, or null for void
 * @param partials for a {@code @CustomDerivative} method called from its own generated code:
 *     the user's methods computing ∂/∂pᵢ, one per active parameter; otherwise empty
 */
public record CallTarget(ClassRef source, ClassRef gradient, String method, boolean userMethod,
    List<Type> parameters, List<Boolean> active, List<Boolean> outputs, Type returnType,
    List<CallTarget> partials) {

  public CallTarget {
    parameters = List.copyOf(parameters);
    active = List.copyOf(active);
    outputs = List.copyOf(outputs);
    partials = List.copyOf(partials);
  }

  public CallTarget(ClassRef source, ClassRef gradient, String method, boolean userMethod,
      List<Type> parameters, List<Boolean> active, List<Boolean> outputs, Type returnType) {
    this(source, gradient, method, userMethod, parameters, active, outputs, returnType, List.of());
  }

  /**
   * Whether this call is differentiated by the user's partial-derivative methods (only inside
   * the generated code of a {@code @CustomDerivative} method itself: callers use its entries).
   */
  public boolean hasCustomPartials() {
    return !partials.isEmpty();
  }

  /** The class whose method this is. */
  public ClassRef owner() {
    return userMethod ? source : gradient;
  }

  public boolean isActive(int parameter) {
    return active.get(parameter);
  }

  public boolean isOutput(int parameter) {
    return outputs.get(parameter);
  }

  /**
   * The forward-mode entry of this one: each active parameter followed by its tangent, each
   * output followed by its tangent array; returns the tangent of the result (void stays void).
   */
  public CallTarget tangent() {
    List<Type> types = new ArrayList<>();
    List<Boolean> isActive = new ArrayList<>();
    List<Boolean> isOutput = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      types.add(parameters.get(i));
      isActive.add(active.get(i));
      isOutput.add(outputs.get(i));
      if (active.get(i) || outputs.get(i)) {
        types.add(parameters.get(i));
        isActive.add(false);
        isOutput.add(outputs.get(i));
      }
    }
    return new CallTarget(source, gradient, method + "Jvp", false, types, isActive, isOutput,
        returnType);
  }

  /**
   * The reverse-mode entry of a user's method: its parameters, then {@code double seed} and the
   * {@code double[]} receiving the seeded gradient.
   */
  public CallTarget pullback() {
    if (!userMethod) {
      throw new IllegalStateException("only a user's method has a pullback: " + method);
    }
    List<Type> types = new ArrayList<>(parameters);
    List<Boolean> isActive = new ArrayList<>(active);
    List<Boolean> isOutput = new ArrayList<>();
    parameters.forEach(p -> isOutput.add(false));
    types.add(Type.DOUBLE);
    isActive.add(true);
    isOutput.add(false);
    types.add(Type.DOUBLE_ARRAY);
    isActive.add(false);
    isOutput.add(true);
    return new CallTarget(source, gradient, method + "Pullback", false, types, isActive,
        isOutput, returnType);
  }
}
