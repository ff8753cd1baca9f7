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
    IrMethod valueAndGradient = AdjointTransform.valueAndGradient(primal,
        lowered.activeParameters(), activity, name + "ValueAndGradient",
        Variable.generated("gradient", Type.DOUBLE_ARRAY));
    return new Derivatives(lowered, DeadCode.eliminate(jvp), DeadCode.eliminate(valueAndGradient));
  }
}
