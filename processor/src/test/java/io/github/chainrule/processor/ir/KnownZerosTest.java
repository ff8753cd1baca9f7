package io.github.chainrule.processor.ir;

import static com.google.common.truth.Truth.assertThat;
import static io.github.chainrule.processor.ir.Ir.assign;
import static io.github.chainrule.processor.ir.Ir.declare;
import static io.github.chainrule.processor.ir.Ir.ifThen;
import static io.github.chainrule.processor.ir.Ir.method;
import static io.github.chainrule.processor.ir.Ir.minus;
import static io.github.chainrule.processor.ir.Ir.num;
import static io.github.chainrule.processor.ir.Ir.plus;
import static io.github.chainrule.processor.ir.Ir.read;
import static io.github.chainrule.processor.ir.Ir.ret;

import io.github.chainrule.processor.analysis.KnownZeros;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An increment of a variable known to hold 0 becomes an assignment; where a branch or a loop
 * leaves the variable unknown, the increment stays.
 */
class KnownZerosTest {

  private final Variable x = Ir.param("x");
  private final Variable s = Ir.local("s");

  private static String apply(IrMethod method) {
    return IrPrinter.print(KnownZeros.apply(method));
  }

  @Test
  void theFirstIncrementAfterAZeroIsAnAssignment() {
    assertThat(apply(method("f", List.of(x),
        declare(s, num(0.0)),
        assign(s, minus(read(s), read(x))),
        assign(s, plus(read(s), read(x))),
        ret(read(s))))).isEqualTo("""
        double f(double x) {
          double s = 0.0;
          s = -x;
          s = s + x;
          return s;
        }
        """);
  }

  @Test
  void afterABranchThatMayAddTheVariableIsNotKnownZero() {
    assertThat(apply(method("f", List.of(x),
        declare(s, num(0.0)),
        ifThen(new Expr.Binary(BinaryOp.GT, read(x), num(0.0)),
            assign(s, plus(read(s), read(x)))),
        assign(s, plus(read(s), read(x))),
        ret(read(s))))).isEqualTo("""
        double f(double x) {
          double s = 0.0;
          if (x > 0.0) {
            s = x;
          }
          s = s + x;
          return s;
        }
        """);
  }

  @Test
  void aLoopThatResetsTheVariableKeepsItKnownZeroAtItsHead() {
    Variable i = Ir.local("i", Type.INT);
    Variable total = Ir.local("total");
    Stmt loop = new Stmt.For(i, true, Ir.integer(0), BinaryOp.LT, Ir.integer(3), 1, List.of(
        assign(s, plus(read(s), read(x))),
        assign(total, plus(read(total), read(s))),
        assign(s, num(0.0))), null, SourcePos.NONE);
    assertThat(apply(method("f", List.of(x),
        declare(s, num(0.0)),
        declare(total, num(0.0)),
        loop,
        ret(read(total))))).isEqualTo("""
        double f(double x) {
          double s = 0.0;
          double total = 0.0;
          for (int i = 0; i < 3; i++) {
            s = x;
            total = total + s;
            s = 0.0;
          }
          return total;
        }
        """);
  }
}
