package io.github.chainrule.processor.codegen;

import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.LoweredMethod;

/**
 * The generated methods of one {@code @Differentiable} method, as the transforms produced them:
 * forward mode ({@code fJvp}) and reverse mode ({@code fValueAndGradient}, whose last parameter
 * is the gradient output).
 */
public record Derivatives(LoweredMethod source, IrMethod jvp, IrMethod valueAndGradient) {

  public String name() {
    return source.method().name();
  }
}
