package io.github.chainrule.processor.ir;

import static com.google.common.truth.Truth.assertThat;
import static io.github.chainrule.processor.ir.Ir.assign;
import static io.github.chainrule.processor.ir.Ir.call;
import static io.github.chainrule.processor.ir.Ir.declare;
import static io.github.chainrule.processor.ir.Ir.integer;
import static io.github.chainrule.processor.ir.Ir.lowered;
import static io.github.chainrule.processor.ir.Ir.plus;
import static io.github.chainrule.processor.ir.Ir.read;
import static io.github.chainrule.processor.ir.Ir.ret;
import static io.github.chainrule.processor.ir.Ir.times;

import io.github.chainrule.processor.Pipeline;
import io.github.chainrule.processor.transform.JacobianRows;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rows of a wide Jacobian, cut from the pullback: the forward sweep once, ending with m and
 * the copies the rows put back; then per row what the reverse sweep overwrites and reads (put
 * back), what it only needs zero (allocated again), and the reverse sweep itself. A pullback with
 * tapes has no rows.
 */
class JacobianRowsTest {

  private final Variable x = Ir.param("x");
  private final Variable y = Ir.param("y");
  private final Variable s = Ir.local("s");
  private final Variable t = Ir.local("t");
  private final Variable out = Ir.local("out", Type.DOUBLE_ARRAY);

  private static IrMethod vectorValued(String name, List<Variable> parameters, Stmt... body) {
    return new IrMethod(name, parameters, Type.DOUBLE_ARRAY, List.of(body), SourcePos.NONE);
  }

  private Stmt store(int index, Expr value) {
    return new Stmt.ArrayStore(out, integer(index), value, SourcePos.NONE);
  }

  private JacobianRows rows(IrMethod f) {
    return Pipeline.differentiate(lowered(f, x, y)).jacobianRows();
  }

  @Test
  void aRestoredVariableIsPutBackAtTheStartOfEachRow() {
    JacobianRows rows = rows(vectorValued("f", List.of(x, y),
        declare(s, times(read(x), read(y))),
        declare(t, times(read(s), read(x))),
        assign(s, call(MathFunction.SIN, read(s))),
        declare(out, new Expr.NewArray(Type.DOUBLE_ARRAY, integer(2))),
        store(0, times(read(s), read(t))),
        store(1, read(t)),
        ret(read(out))));

    assertThat(IrPrinter.print(rows.forward())).isEqualTo("""
        double s = x * y;
        double t = s * x;
        double s_saved = s;
        s = Math.sin(s);
        double[] out = new double[2];
        out[0] = s * t;
        out[1] = t;
        int m = out.length;
        double s_afterForward = s;
        """);
    assertThat(IrPrinter.print(rows.row())).isEqualTo("""
        s = s_afterForward;
        double[] out_bar = new double[out.length];
        double x_bar = 0.0;
        double y_bar = 0.0;
        double s_bar = 0.0;
        double t_bar = 0.0;
        for (int k = 0; k < out.length; k++) {
          out_bar[k] = out_bar[k] + cotangent[k];
        }
        double t0 = out_bar[1];
        out_bar[1] = 0.0;
        t_bar = t0;
        double t1 = out_bar[0];
        out_bar[0] = 0.0;
        s_bar = t1 * t;
        t_bar = t_bar + s * t1;
        s = s_saved;
        double t2 = s_bar;
        s_bar = t2 * Math.cos(s);
        s_bar = s_bar + t_bar * x;
        x_bar = s * t_bar;
        x_bar = x_bar + s_bar * y;
        y_bar = x * s_bar;
        gradient[0] = x_bar;
        gradient[1] = y_bar;
        """);
    assertThat(rows.outputs().hint()).isEqualTo("m");
  }

  @Test
  void aLoopThatTapesHasNoRows() {
    Variable i = Ir.local("i", Type.INT);
    IrMethod f = vectorValued("f", List.of(x, y),
        declare(s, read(x)),
        new Stmt.For(i, true, integer(0), BinaryOp.LT, integer(3), 1,
            List.of(assign(s, plus(call(MathFunction.SIN, times(read(s), read(y))), read(s)))),
            null, SourcePos.NONE),
        declare(out, new Expr.NewArray(Type.DOUBLE_ARRAY, integer(1))),
        store(0, read(s)),
        ret(read(out)));

    assertThat(rows(f)).isNull();
  }

  @Test
  void aMethodReturningDoubleHasNoRows() {
    IrMethod f = Ir.method("f", List.of(x, y), ret(times(read(x), read(y))));

    assertThat(rows(f)).isNull();
  }
}
