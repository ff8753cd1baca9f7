package io.github.chainrule.processor.codegen;

import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.LoweredMethod;
import io.github.chainrule.processor.transform.JacobianRows;

/**
 * The generated methods of one {@code @Differentiable} method, as the transforms produced them:
 * forward mode ({@code fJvp}); reverse mode ({@code fPullback(p..., seed, gradient)}); and
 * forward over reverse ({@code fPullbackJvp}: the active inputs and the seed each followed by
 * their tangent, then the gradient and the array receiving its tangent; null for a method
 * returning {@code double[]}, which has no second order yet); and {@code fHvp}, forward over
 * reverse specialised to a Hessian-vector product (null with {@code fPullbackJvp}); and for a
 * method returning {@code double[]}, the rows of {@code fJacobian} from one forward sweep (null
 * when its reverse sweep cannot run twice, or for a method returning {@code double}). The other
 * public methods are written around these.
 */
public record Derivatives(LoweredMethod source, IrMethod jvp, IrMethod pullback,
    IrMethod pullbackJvp, IrMethod hvp, JacobianRows jacobianRows) {

  public String name() {
    return source.method().name();
  }

  /** Whether the method returns {@code double[]}: Jacobian products instead of a gradient. */
  public boolean isVectorValued() {
    return pullbackJvp == null;
  }
}
