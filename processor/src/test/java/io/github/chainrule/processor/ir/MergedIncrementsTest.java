package io.github.chainrule.processor.ir;

import static com.google.common.truth.Truth.assertThat;
import static io.github.chainrule.processor.ir.Ir.integer;
import static io.github.chainrule.processor.ir.Ir.method;
import static io.github.chainrule.processor.ir.Ir.minus;
import static io.github.chainrule.processor.ir.Ir.plus;
import static io.github.chainrule.processor.ir.Ir.read;
import static io.github.chainrule.processor.ir.Ir.ret;

import io.github.chainrule.processor.analysis.MergedIncrements;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two increments of one element merge into the later one, past statements that touch other
 * elements only; not past a read of the element or an assignment of what the increment reads.
 */
class MergedIncrementsTest {

  private final Variable g = Ir.param("g", Type.DOUBLE_ARRAY);
  private final Variable a = Ir.param("a");
  private final Variable b = Ir.param("b");
  private final Variable i = Ir.param("i", Type.INT);

  private Stmt increment(Expr index, Expr amount) {
    return new Stmt.ArrayStore(g, index, plus(new Expr.ArrayLoad(read(g), index), amount),
        SourcePos.NONE);
  }

  private static String apply(IrMethod method) {
    return IrPrinter.print(MergedIncrements.apply(method));
  }

  @Test
  void incrementsOfOneElementMergePastANeighbour() {
    assertThat(apply(method("f", List.of(g, a, b, i),
        increment(read(i), read(a)),
        increment(plus(read(i), integer(1)), read(b)),
        increment(read(i), read(b)),
        ret(read(a))))).isEqualTo("""
        double f(double[] g, double a, double b, int i) {
          g[i + 1] = g[i + 1] + b;
          g[i] = g[i] + a + b;
          return a;
        }
        """);
  }

  @Test
  void notPastAReadOfTheElementNorAnAssignmentOfTheAmount() {
    Variable t = Ir.local("t");
    assertThat(apply(method("f", List.of(g, a, b, i),
        increment(read(i), read(a)),
        Ir.declare(t, new Expr.ArrayLoad(read(g), read(i))),
        increment(read(i), read(t)),
        increment(read(i), read(a)),
        Ir.assign(a, minus(read(a), read(b))),
        increment(read(i), read(a)),
        ret(read(a))))).isEqualTo("""
        double f(double[] g, double a, double b, int i) {
          g[i] = g[i] + a;
          double t = g[i];
          g[i] = g[i] + t + a;
          a = a - b;
          g[i] = g[i] + a;
          return a;
        }
        """);
  }
}
