package io.github.chainrule.processor;

import io.github.chainrule.processor.analysis.Activity;
import io.github.chainrule.processor.analysis.CarriedIncrements;
import io.github.chainrule.processor.analysis.DeadCode;
import io.github.chainrule.processor.analysis.FirstTouches;
import io.github.chainrule.processor.analysis.KnownZeros;
import io.github.chainrule.processor.analysis.MergedIncrements;
import io.github.chainrule.processor.analysis.PromotedElements;
import io.github.chainrule.processor.analysis.PullbackValues;
import io.github.chainrule.processor.codegen.Derivatives;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.LoweredMethod;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.Variable;
import io.github.chainrule.processor.transform.AdjointTransform;
import io.github.chainrule.processor.transform.HessianVectorProduct;
import io.github.chainrule.processor.transform.JacobianRows;
import io.github.chainrule.processor.transform.Rules;
import io.github.chainrule.processor.transform.TangentTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * The middle of the pipeline for one lowered method: analyse, transform into each mode, clean
 * up. Front end and code generation are the shell's; this class has no javac dependency, so the
 * IR tests drive it directly.
 */
public final class Pipeline {

  private Pipeline() {}

  public static Derivatives differentiate(LoweredMethod lowered) {
    IrMethod primal = lowered.method();
    Activity activity = Activity.analyse(primal, lowered.activeParameters(),
        Rules::carriesDerivative);
    String name = primal.name();
    IrMethod jvp = TangentTransform.jvp(primal, lowered.activeParameters(), activity,
        name + "Jvp");
    boolean vectorValued = primal.returnType() == Type.DOUBLE_ARRAY;
    Variable seed = vectorValued
        ? Variable.generated("cotangent", Type.DOUBLE_ARRAY)
        : Variable.generated("seed", Type.DOUBLE);
    Variable gradient = Variable.generated("gradient", Type.DOUBLE_ARRAY);
    IrMethod pullback = cleanUp(AdjointTransform.pullback(primal,
        lowered.activeParameters(), activity, name + "Pullback", seed, gradient));
    if (vectorValued) {
      // Second order of vector-valued methods is not part of the contract yet.
      return new Derivatives(lowered, cleanUp(jvp), PullbackValues.apply(pullback), null, null,
          JacobianRows.of(pullback, lowered.activeParameters()));
    }
    // Forward over reverse: the tangent of the pullback along (v, 0) is the Hessian times v; a
    // caller's Hessian differentiates its call of the pullback with this same entry.
    List<Variable> pullbackInputs = new ArrayList<>(lowered.activeParameters());
    pullbackInputs.add(seed);
    Activity secondOrder = Activity.analyse(pullback, pullbackInputs, List.of(gradient),
        Rules::carriesDerivative);
    IrMethod pullbackJvp = TangentTransform.jvp(pullback, pullbackInputs, List.of(gradient),
        secondOrder, name + "PullbackJvp");
    IrMethod hvp = HessianVectorProduct.of(pullback, lowered.activeParameters(), name + "Hvp");
    // The emitted pullback calls a callee once where its reverse follows the call at once; the
    // transforms above need the call itself (see PullbackValues).
    return new Derivatives(lowered, cleanUp(jvp), PullbackValues.apply(pullback),
        cleanUp(pullbackJvp), hvp, null);
  }

  /**
   * What every transform's output goes through: first increments become assignments, whatever
   * nothing reads goes, two increments of one element in a block become one, an increment of the
   * next iteration's element is carried in a local, a loop that reaches each element of a zeroed
   * gradient once assigns it, and an element a loop only adds to is accumulated in a local. That
   * one comes after the others, so it sees the increments as they leave them, merged ones
   * included; dead code goes once more after it, for the index it sets when a loop does not run,
   * which the code after the loop usually overwrites unread.
   */
  private static IrMethod cleanUp(IrMethod method) {
    return DeadCode.eliminate(PromotedElements.apply(FirstTouches.apply(
        CarriedIncrements.apply(MergedIncrements.apply(
            DeadCode.eliminate(KnownZeros.apply(method)))))));
  }
}
