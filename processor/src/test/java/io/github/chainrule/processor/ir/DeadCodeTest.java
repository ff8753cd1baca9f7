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

  private final Variable a = Ir.param("a", Type.DOUBLE_ARRAY);
  private final Variable i = Ir.local("i", Type.INT);

  /** {@code for (i = 0; i < a.length - 1; i++) body}, the index declared before the loop. */
  private Stmt countedLoop(Stmt... body) {
    return new Stmt.For(i, false, integer(0), BinaryOp.LT,
        Ir.minus(new Expr.ArrayLength(read(a)), integer(1)), 1, List.of(body), null,
        SourcePos.NONE);
  }

  private Expr element(Expr index) {
    return new Expr.ArrayLoad(read(a), index);
  }

  @Test
  void readsTheLoopBoundsKeepInsideTheArrayCannotThrowSoTheyGo() {
    // a[i] and a[i + 1] with i < a.length - 1 stay in bounds; the loop then only counts, and the
    // index's final value replaces it.
    Variable t = Ir.local("t");
    assertThat(eliminate(method("f", List.of(a),
        declare(i, integer(0)),
        declare(t, num(0.0)),
        countedLoop(Ir.assign(t, times(element(read(i)),
            element(Ir.plus(read(i), integer(1)))))),
        ret(new Expr.Cast(Type.DOUBLE, read(i)))))).isEqualTo("""
        double f(double[] a) {
          int i = 0;
          i = 0 < a.length - 1 ? a.length - 1 : 0;
          return (double) i;
        }
        """);
  }

  @Test
  void aReadTheBoundsDoNotCoverStays() {
    // a[i + 2] may be past the end when i < a.length - 1.
    Variable t = Ir.local("t");
    assertThat(eliminate(method("f", List.of(a),
        declare(i, integer(0)),
        declare(t, num(0.0)),
        countedLoop(Ir.assign(t, element(Ir.plus(read(i), integer(2))))),
        ret(num(1.0))))).isEqualTo("""
        double f(double[] a) {
          int i = 0;
          double t = 0.0;
          for (i = 0; i < a.length - 1; i++) {
            t = a[i + 2];
          }
          return 1.0;
        }
        """);
  }

  @Test
  void storesIntoADiscardedArrayAreDead() {
    Variable g = Ir.param("g", Type.DOUBLE_ARRAY);
    IrMethod f = method("f", List.of(x, g),
        new Stmt.ArrayStore(g, integer(0), times(read(x), read(x)), SourcePos.NONE),
        ret(read(x)));
    assertThat(IrPrinter.print(DeadCode.eliminate(f, java.util.Set.of(g)))).isEqualTo("""
        double f(double x, double[] g) {
          return x;
        }
        """);
  }
}
