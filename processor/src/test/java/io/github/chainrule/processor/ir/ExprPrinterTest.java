package io.github.chainrule.processor.ir;

import static com.google.common.truth.Truth.assertThat;
import static io.github.chainrule.processor.ir.Ir.binary;
import static io.github.chainrule.processor.ir.Ir.call;
import static io.github.chainrule.processor.ir.Ir.cast;
import static io.github.chainrule.processor.ir.Ir.cond;
import static io.github.chainrule.processor.ir.Ir.integer;
import static io.github.chainrule.processor.ir.Ir.minus;
import static io.github.chainrule.processor.ir.Ir.neg;
import static io.github.chainrule.processor.ir.Ir.not;
import static io.github.chainrule.processor.ir.Ir.num;
import static io.github.chainrule.processor.ir.Ir.over;
import static io.github.chainrule.processor.ir.Ir.plus;
import static io.github.chainrule.processor.ir.Ir.times;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expressions print as Java with the fewest parentheses that keep their meaning (and their
 * floating-point evaluation order).
 */
class ExprPrinterTest {

  private static final Expr A = Ir.read(Ir.param("a"));
  private static final Expr B = Ir.read(Ir.param("b"));
  private static final Expr C = Ir.read(Ir.param("c"));
  private static final Expr P = Ir.read(Ir.param("p", Type.BOOLEAN));
  private static final Expr Q = Ir.read(Ir.param("q", Type.BOOLEAN));
  private static final Expr N = Ir.read(Ir.param("n", Type.INT));

  private static String print(Expr e) {
    return IrPrinter.print(e);
  }

  @Test
  void leftAssociativeOperatorsNeedParenthesesOnTheRightOnly() {
    assertThat(print(minus(minus(A, B), C))).isEqualTo("a - b - c");
    assertThat(print(minus(A, minus(B, C)))).isEqualTo("a - (b - c)");
    assertThat(print(plus(A, plus(B, C)))).isEqualTo("a + (b + c)");
  }

  @Test
  void multiplicationAndDivisionKeepTheirGrouping() {
    assertThat(print(times(over(A, B), C))).isEqualTo("a / b * c");
    assertThat(print(over(A, times(B, C)))).isEqualTo("a / (b * c)");
    assertThat(print(times(A, over(B, C)))).isEqualTo("a * (b / c)");
  }

  @Test
  void tighterOperatorsNeedNoParentheses() {
    assertThat(print(plus(A, times(B, C)))).isEqualTo("a + b * c");
    assertThat(print(times(plus(A, B), C))).isEqualTo("(a + b) * c");
    assertThat(print(binary(BinaryOp.LT, plus(A, B), C))).isEqualTo("a + b < c");
    assertThat(print(binary(BinaryOp.AND, binary(BinaryOp.LT, A, B), P)))
        .isEqualTo("a < b && p");
    assertThat(print(binary(BinaryOp.AND, binary(BinaryOp.OR, P, Q), P)))
        .isEqualTo("(p || q) && p");
  }

  @Test
  void negationNeverPrintsAsDecrement() {
    assertThat(print(neg(neg(A)))).isEqualTo("-(-a)");
    assertThat(print(neg(num(-1.0)))).isEqualTo("-(-1.0)");
    assertThat(print(minus(A, neg(B)))).isEqualTo("a - -b");
  }

  @Test
  void negationOfACompoundOperand() {
    assertThat(print(neg(plus(A, B)))).isEqualTo("-(a + b)");
    assertThat(print(neg(times(A, B)))).isEqualTo("-(a * b)");
    assertThat(print(times(neg(A), B))).isEqualTo("-a * b");
    assertThat(print(not(binary(BinaryOp.LT, A, B)))).isEqualTo("!(a < b)");
  }

  @Test
  void conditionalsNest() {
    assertThat(print(cond(P, cond(Q, A, B), C))).isEqualTo("p ? (q ? a : b) : c");
    assertThat(print(cond(P, A, cond(Q, B, C)))).isEqualTo("p ? a : q ? b : c");
    assertThat(print(cond(cond(P, Q, P), A, B))).isEqualTo("(p ? q : p) ? a : b");
  }

  @Test
  void conditionalsAsOperands() {
    assertThat(print(plus(cond(P, A, B), C))).isEqualTo("(p ? a : b) + c");
    assertThat(print(times(C, cond(P, A, B)))).isEqualTo("c * (p ? a : b)");
    assertThat(print(call(MathFunction.SIN, cond(P, A, B)))).isEqualTo("Math.sin(p ? a : b)");
  }

  @Test
  void casts() {
    assertThat(print(cast(Type.INT, plus(A, B)))).isEqualTo("(int) (a + b)");
    assertThat(print(times(cast(Type.DOUBLE, N), A))).isEqualTo("(double) n * a");
    assertThat(print(cast(Type.LONG, neg(A)))).isEqualTo("(long) -a");
    assertThat(print(neg(cast(Type.INT, A)))).isEqualTo("-((int) a)");
  }

  @Test
  void callsAndFields() {
    assertThat(print(times(call(MathFunction.POW, plus(A, B), integer(2)), C)))
        .isEqualTo("Math.pow(a + b, 2) * c");
    assertThat(print(new Expr.MathCall(MathFunction.EXP, true, List.of(A))))
        .isEqualTo("StrictMath.exp(a)");
    assertThat(print(times(new Expr.StaticField(new ClassRef("p", "Model.Inner"), "K",
        Type.DOUBLE), A))).isEqualTo("p.Model.Inner.K * a");
    assertThat(print(times(new Expr.StaticField(new ClassRef("java.lang", "Math"), "PI",
        Type.DOUBLE), A))).isEqualTo("Math.PI * a");
  }
}
