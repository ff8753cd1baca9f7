package io.github.chainrule.processor.ir;

import static com.google.common.truth.Truth.assertThat;
import static io.github.chainrule.processor.ir.Ir.assign;
import static io.github.chainrule.processor.ir.Ir.method;
import static io.github.chainrule.processor.ir.Ir.num;
import static io.github.chainrule.processor.ir.Ir.plus;
import static io.github.chainrule.processor.ir.Ir.read;
import static io.github.chainrule.processor.ir.Ir.ret;

import io.github.chainrule.processor.analysis.PullbackValues;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A call followed at once by its pullback on the same arguments becomes the pullback alone, its
 * value used in the call's place; any difference in what the two would see keeps both.
 */
class PullbackValuesTest {

  private static final ClassRef MODEL = new ClassRef("p", "Model");
  private static final CallTarget G = new CallTarget(MODEL, MODEL.gradientClass(), "g", true,
      List.of(Type.DOUBLE_ARRAY), List.of(true), List.of(false), Type.DOUBLE);

  private final Variable v = Ir.param("v", Type.DOUBLE_ARRAY);
  private final Variable s = Ir.local("s");
  private final Variable sBar = Ir.local("s_bar");
  private final Variable bars = Ir.local("bars", Type.DOUBLE_ARRAY);

  private static String apply(IrMethod method) {
    return IrPrinter.print(PullbackValues.apply(method));
  }

  private Expr.Call call() {
    return new Expr.Call(G, List.of(read(v)), SourcePos.NONE);
  }

  private Stmt pullback(Expr seed) {
    return new Stmt.Effect(new Expr.Call(G.pullback(), List.of(read(v), seed, read(bars)),
        SourcePos.NONE), SourcePos.NONE);
  }

  private IrMethod withBody(Stmt... statements) {
    List<Stmt> body = new java.util.ArrayList<>(List.of(
        Ir.declare(s, num(0.0)),
        Ir.declare(sBar, num(1.0)),
        Ir.declare(bars, new Expr.NewArray(Type.DOUBLE_ARRAY, new Expr.ArrayLength(read(v))))));
    body.addAll(List.of(statements));
    body.add(ret(read(s)));
    return method("f", List.of(v), body.toArray(Stmt[]::new));
  }

  @Test
  void theCallTakesThePullbacksValue() {
    String out = apply(withBody(assign(s, plus(read(s), call())), pullback(read(sBar))));
    assertThat(out).contains("s = s + p.ModelGradient.gPullback(v, s_bar, bars);");
    assertThat(out).doesNotContain("p.Model.g(v)");
  }

  @Test
  void aSeedReadingTheAssignedVariableKeepsBoth() {
    IrMethod m = withBody(assign(s, plus(read(s), call())), pullback(read(s)));
    assertThat(apply(m)).isEqualTo(IrPrinter.print(m));
  }

  @Test
  void aCallInABranchOfAConditionalKeepsBoth() {
    Expr choice = new Expr.Conditional(new Expr.Binary(BinaryOp.GT, read(sBar), num(0.0)),
        call(), num(0.0));
    IrMethod m = withBody(assign(s, choice), pullback(read(sBar)));
    assertThat(apply(m)).isEqualTo(IrPrinter.print(m));
  }

  @Test
  void aStatementInBetweenKeepsBoth() {
    IrMethod m = withBody(assign(s, plus(read(s), call())), assign(sBar, num(2.0)),
        pullback(read(sBar)));
    assertThat(apply(m)).isEqualTo(IrPrinter.print(m));
  }
}
