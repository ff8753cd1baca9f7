package io.github.chainrule.processor.ir;

import static com.google.common.truth.Truth.assertThat;
import static io.github.chainrule.processor.ir.Ir.integer;
import static io.github.chainrule.processor.ir.Ir.method;
import static io.github.chainrule.processor.ir.Ir.minus;
import static io.github.chainrule.processor.ir.Ir.num;
import static io.github.chainrule.processor.ir.Ir.plus;
import static io.github.chainrule.processor.ir.Ir.read;
import static io.github.chainrule.processor.ir.Ir.ret;

import io.github.chainrule.processor.analysis.FirstTouches;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A zeroed gradient filled by a loop that touches one element per iteration: the loop assigns,
 * and the zeroing moves behind it, covering only what the loop did not reach. Anything that could
 * make an element the loop reaches non-zero first, or an element outside the zeroed part, keeps
 * the code as it was.
 */
class FirstTouchesTest {

  private final Variable x = Ir.param("x", Type.DOUBLE_ARRAY);
  private final Variable g = Ir.param("g", Type.DOUBLE_ARRAY);
  private final Variable c = Ir.local("c");
  private final Variable i = Ir.local("i", Type.INT);
  private final Variable k = Ir.local("k", Type.INT);

  private static String apply(IrMethod method) {
    return IrPrinter.print(FirstTouches.apply(method));
  }

  private Expr length() {
    return new Expr.ArrayLength(read(x));
  }

  private Expr element(Variable index) {
    return new Expr.ArrayLoad(read(g), read(index));
  }

  private Stmt zeroFill() {
    return new Stmt.For(k, true, integer(0), BinaryOp.LT, length(), 1,
        List.of(new Stmt.ArrayStore(g, read(k), num(0.0), SourcePos.NONE)), null,
        SourcePos.NONE);
  }

  private Stmt loop(Expr to, Stmt... body) {
    return new Stmt.For(i, false, integer(0), BinaryOp.LT, to, 1, List.of(body), null,
        SourcePos.NONE);
  }

  private Stmt incrementAtI(Expr amount) {
    return new Stmt.ArrayStore(g, read(i), minus(plus(element(i), read(c)), amount),
        SourcePos.NONE);
  }

  @Test
  void theLoopAssignsAndTheZeroingCoversWhatItDidNotReach() {
    Expr xi = new Expr.ArrayLoad(read(x), read(i));
    assertThat(apply(method("f", List.of(x, g),
        Ir.declare(c, num(1.0)),
        Ir.declare(i, integer(0)),
        zeroFill(),
        loop(minus(length(), integer(1)), incrementAtI(xi)),
        ret(num(0.0))))).isEqualTo("""
        double f(double[] x, double[] g) {
          double c = 1.0;
          int i = 0;
          for (i = 0; i < x.length - 1; i++) {
            g[i] = c - x[i];
          }
          for (int k = i; k < x.length; k++) {
            g[k] = 0.0;
          }
          return 0.0;
        }
        """);
  }

  @Test
  void aLoopThatMayReachPastTheZeroedPartIsLeftAlone() {
    String before = IrPrinter.print(method("f", List.of(x, g),
        Ir.declare(c, num(1.0)),
        Ir.declare(i, integer(0)),
        zeroFill(),
        loop(plus(length(), integer(1)), incrementAtI(num(2.0))),
        ret(num(0.0))));
    assertThat(apply(method("f", List.of(x, g),
        Ir.declare(c, num(1.0)),
        Ir.declare(i, integer(0)),
        zeroFill(),
        loop(plus(length(), integer(1)), incrementAtI(num(2.0))),
        ret(num(0.0))))).isEqualTo(before);
  }

  @Test
  void aLoopThatTouchesTheNextElementIsLeftAlone() {
    Expr next = plus(read(i), integer(1));
    Stmt nextIncrement = new Stmt.ArrayStore(g, next,
        plus(new Expr.ArrayLoad(read(g), next), read(c)), SourcePos.NONE);
    IrMethod m = method("f", List.of(x, g),
        Ir.declare(c, num(1.0)),
        Ir.declare(i, integer(0)),
        zeroFill(),
        loop(minus(length(), integer(1)), incrementAtI(num(2.0)), nextIncrement),
        ret(num(0.0)));
    assertThat(apply(m)).isEqualTo(IrPrinter.print(m));
  }

  @Test
  void aStatementBetweenThatReadsTheArrayKeepsTheZeroing() {
    IrMethod m = method("f", List.of(x, g),
        Ir.declare(i, integer(0)),
        zeroFill(),
        Ir.declare(c, new Expr.ArrayLoad(read(g), integer(0))),
        loop(length(), incrementAtI(num(2.0))),
        ret(num(0.0)));
    assertThat(apply(m)).isEqualTo(IrPrinter.print(m));
  }

  @Test
  void aLoopWhoseFirstTouchIsABranchIsLeftAlone() {
    Stmt branch = Ir.ifThen(new Expr.Binary(BinaryOp.GT, read(c), num(0.0)),
        incrementAtI(num(2.0)));
    IrMethod m = method("f", List.of(x, g),
        Ir.declare(c, num(1.0)),
        Ir.declare(i, integer(0)),
        zeroFill(),
        loop(length(), branch, incrementAtI(num(3.0))),
        ret(num(0.0)));
    assertThat(apply(m)).isEqualTo(IrPrinter.print(m));
  }
}
