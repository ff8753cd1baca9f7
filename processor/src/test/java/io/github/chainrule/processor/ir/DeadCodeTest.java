package io.github.chainrule.processor.ir;

import static com.google.common.truth.Truth.assertThat;
import static io.github.chainrule.processor.ir.Ir.binary;
import static io.github.chainrule.processor.ir.Ir.declare;
import static io.github.chainrule.processor.ir.Ir.ifThen;
import static io.github.chainrule.processor.ir.Ir.integer;
import static io.github.chainrule.processor.ir.Ir.method;
import static io.github.chainrule.processor.ir.Ir.num;
import static io.github.chainrule.processor.ir.Ir.over;
import static io.github.chainrule.processor.ir.Ir.read;
import static io.github.chainrule.processor.ir.Ir.ret;
import static io.github.chainrule.processor.ir.Ir.times;

import io.github.chainrule.processor.analysis.DeadCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dead-code elimination drops computations nothing reads, but keeps those that may throw
 * (integer division and remainder), so generated code fails where the original would.
 */
class DeadCodeTest {

  private final Variable x = Ir.param("x");
  private final Variable n = Ir.param("n", Type.INT);

  private static String eliminate(IrMethod method) {
    return IrPrinter.print(DeadCode.eliminate(method));
  }

  @Test
  void unusedValuesAreRemoved() {
    Variable unused = Ir.local("unused");
    Variable y = Ir.local("y");
    assertThat(eliminate(method("f", List.of(x, n),
        declare(unused, over(read(x), num(0.0))),
        declare(y, times(read(x), read(x))),
        ret(read(y))))).isEqualTo("""
        double f(double x, int n) {
          double y = x * x;
          return y;
        }
        """);
  }

  @Test
  void unusedIntegerDivisionIsKept() {
    Variable q = Ir.local("q", Type.INT);
    Variable r = Ir.local("r", Type.LONG);
    assertThat(eliminate(method("f", List.of(x, n),
        declare(q, over(integer(10), read(n))),
        declare(r, binary(BinaryOp.REM, new Expr.Literal(Type.LONG, "7L"), read(n))),
        ret(read(x))))).isEqualTo("""
        double f(double x, int n) {
          int q = 10 / n;
          long r = 7L % n;
          return x;
        }
        """);
  }

  @Test
  void anIntegerDivisionInsideADoubleExpressionIsKept() {
    Variable unused = Ir.local("unused");
    assertThat(eliminate(method("f", List.of(x, n),
        declare(unused, over(read(x), over(integer(10), read(n)))),
        ret(read(x))))).isEqualTo("""
        double f(double x, int n) {
          double unused = x / (10 / n);
          return x;
        }
        """);
  }

  @Test
  void anIfWithNothingLeftGoesUnlessItsConditionMayThrow() {
    Variable unused = Ir.local("unused");
    Variable also = Ir.local("also");
    assertThat(eliminate(method("f", List.of(x, n),
        declare(unused, num(0.0)),
        ifThen(binary(BinaryOp.GT, read(x), num(0.0)), Ir.assign(unused, read(x))),
        declare(also, num(0.0)),
        ifThen(binary(BinaryOp.GT, over(integer(10), read(n)), integer(1)),
            Ir.assign(also, read(x))),
        ret(read(x))))).isEqualTo("""
        double f(double x, int n) {
          if (10 / n > 1) {
          }
          return x;
        }
        """);
  }
}
