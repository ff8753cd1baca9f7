package io.github.chainrule.processor.ir;

import static com.google.common.truth.Truth.assertThat;
import static io.github.chainrule.processor.ir.Ir.assign;
import static io.github.chainrule.processor.ir.Ir.call;
import static io.github.chainrule.processor.ir.Ir.cast;
import static io.github.chainrule.processor.ir.Ir.declare;
import static io.github.chainrule.processor.ir.Ir.ifThen;
import static io.github.chainrule.processor.ir.Ir.lowered;
import static io.github.chainrule.processor.ir.Ir.method;
import static io.github.chainrule.processor.ir.Ir.num;
import static io.github.chainrule.processor.ir.Ir.plus;
import static io.github.chainrule.processor.ir.Ir.read;
import static io.github.chainrule.processor.ir.Ir.ret;
import static io.github.chainrule.processor.ir.Ir.times;

import io.github.chainrule.processor.Pipeline;
import io.github.chainrule.processor.analysis.Activity;
import io.github.chainrule.processor.transform.Rules;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Activity: a variable gets a derivative only when it is varied (depends on an active input) and
 * useful (the result depends on it). Checked on the analysis and on the forward-mode method the
 * pipeline writes, where inactive values get no derivative code at all.
 */
class ActivityTest {

  private final Variable x = Ir.param("x");

  private static Activity activity(IrMethod method, Variable... inputs) {
    return Activity.analyse(method, List.of(inputs), Rules::carriesDerivative);
  }

  private static String jvp(IrMethod method, Variable... inputs) {
    return IrPrinter.print(Pipeline.differentiate(lowered(method, inputs)).jvp());
  }

  @Test
  void anInputDependentLocalThatTheResultDoesNotUseIsInactive() {
    Variable unused = Ir.local("unused");
    Variable y = Ir.local("y");
    IrMethod f = method("f", List.of(x),
        declare(unused, times(read(x), num(2.0))),
        declare(y, times(read(x), read(x))),
        ret(read(y)));

    assertThat(activity(f, x).activeVariables()).containsExactly(x, y);
    assertThat(jvp(f, x)).isEqualTo("""
        double fJvp(double x, double x_dot) {
          double y_dot = 2.0 * (x_dot * x);
          return y_dot;
        }
        """);
  }

  @Test
  void aConstantLocalIsInactiveThoughTheResultUsesIt() {
    Variable scale = Ir.local("scale");
    Variable y = Ir.local("y");
    IrMethod f = method("f", List.of(x),
        declare(scale, num(3.0)),
        declare(y, times(read(scale), read(x))),
        ret(read(y)));

    assertThat(activity(f, x).isActive(scale)).isFalse();
    assertThat(activity(f, x).isActive(y)).isTrue();
    assertThat(jvp(f, x)).isEqualTo("""
        double fJvp(double x, double x_dot) {
          double scale = 3.0;
          double y_dot = scale * x_dot;
          return y_dot;
        }
        """);
  }

  @Test
  void aZeroDerivativeFunctionCutsActivity() {
    Variable k = Ir.local("k");
    Variable y = Ir.local("y");
    IrMethod f = method("f", List.of(x),
        declare(k, call(MathFunction.FLOOR, read(x))),
        declare(y, times(read(k), read(x))),
        ret(read(y)));

    assertThat(activity(f, x).activeVariables()).containsExactly(x, y);
    assertThat(jvp(f, x)).isEqualTo("""
        double fJvp(double x, double x_dot) {
          double k = Math.floor(x);
          double y_dot = k * x_dot;
          return y_dot;
        }
        """);
  }

  @Test
  void aResultThatDependsOnlyThroughCutsHasAZeroTangent() {
    Variable n = Ir.local("n", Type.INT);
    IrMethod f = method("f", List.of(x),
        declare(n, cast(Type.INT, read(x))),
        ret(plus(call(MathFunction.SIGNUM, read(x)), cast(Type.DOUBLE, read(n)))));

    assertThat(activity(f, x).activeVariables()).isEmpty();
    assertThat(jvp(f, x)).isEqualTo("""
        double fJvp(double x, double x_dot) {
          return 0.0;
        }
        """);
  }

  @Test
  void inactiveInputsGetNeitherTangentNorAdjoint() {
    Variable y = Ir.param("y");
    IrMethod f = method("f", List.of(x, y), ret(times(read(x), read(y))));

    assertThat(activity(f, x).activeVariables()).containsExactly(x);
    assertThat(jvp(f, x)).isEqualTo("""
        double fJvp(double x, double x_dot, double y) {
          return x_dot * y;
        }
        """);
    assertThat(IrPrinter.print(Pipeline.differentiate(lowered(f, x)).pullback()))
        .isEqualTo("""
            double fPullback(double x, double y, double seed, double[] gradient) {
              double value = x * y;
              double x_bar = 0.0;
              x_bar = seed * y;
              gradient[0] = x_bar;
              return value;
            }
            """);
  }

  @Test
  void aVariableAssignedAnActiveValueInOneBranchIsActive() {
    Variable p = Ir.param("p", Type.BOOLEAN);
    Variable y = Ir.local("y");
    IrMethod f = method("f", List.of(x, p),
        declare(y, num(1.0)),
        ifThen(read(p), assign(y, times(read(x), read(y)))),
        ret(read(y)));

    assertThat(activity(f, x).activeVariables()).containsExactly(x, y);
    assertThat(jvp(f, x)).isEqualTo("""
        double fJvp(double x, double x_dot, boolean p) {
          double y_dot = 0.0;
          double y = 1.0;
          if (p) {
            y_dot = x_dot * y + x * y_dot;
          }
          return y_dot;
        }
        """);
  }
}
