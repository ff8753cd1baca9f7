package io.github.chainrule.processor.codegen;

import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.LoweredMethod;

/**
 * The generated methods of one {@code @Differentiable} method, as the transforms produced them:
 * forward mode ({@code fJvp}), reverse mode ({@code fValueAndGradient}, whose last parameter is
 * the gradient output) and forward over reverse ({@code hvpInto}: the inputs each followed by
 * their tangent, then the gradient and the array receiving its tangent, the Hessian-vector
 * product).
 */
public record Derivatives(LoweredMethod source, IrMethod jvp, IrMethod valueAndGradient,
    IrMethod hvpInto) {

  public String name() {
    return source.method().name();
  }
}
