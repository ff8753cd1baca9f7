package io.github.chainrule.processor;

import io.github.chainrule.processor.analysis.Activity;
import io.github.chainrule.processor.analysis.DeadCode;
import io.github.chainrule.processor.codegen.Derivatives;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.LoweredMethod;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.Variable;
import io.github.chainrule.processor.transform.AdjointTransform;
import io.github.chainrule.processor.transform.Rules;
import io.github.chainrule.processor.transform.TangentTransform;
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
    Variable gradient = Variable.generated("gradient", Type.DOUBLE_ARRAY);
    IrMethod valueAndGradient = DeadCode.eliminate(AdjointTransform.valueAndGradient(primal,
        lowered.activeParameters(), activity, name + "ValueAndGradient", gradient));
    // Forward over reverse: the tangent of the gradient along v is the Hessian times v.
    Activity secondOrder = Activity.analyse(valueAndGradient, lowered.activeParameters(),
        List.of(gradient), Rules::carriesDerivative);
    IrMethod hvp = TangentTransform.jvp(valueAndGradient, lowered.activeParameters(),
        List.of(gradient), secondOrder, name + "HvpInto");
    return new Derivatives(lowered, DeadCode.eliminate(jvp), valueAndGradient,
        DeadCode.eliminate(hvp));
  }
}
