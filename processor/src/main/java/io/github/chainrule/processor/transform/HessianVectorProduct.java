package io.github.chainrule.processor.transform;

import io.github.chainrule.processor.analysis.Activity;
import io.github.chainrule.processor.analysis.CarriedIncrements;
import io.github.chainrule.processor.analysis.DeadCode;
import io.github.chainrule.processor.analysis.KnownZeros;
import io.github.chainrule.processor.analysis.MergedIncrements;
import io.github.chainrule.processor.ir.BinaryOp;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.Exprs;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.IrWalk;
import io.github.chainrule.processor.ir.SourcePos;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code fHvp(p..., v)}: forward mode over the pullback, specialised to what a
 * Hessian-vector product needs. The seed is the constant 1 (so its tangent, and every term it
 * multiplies, is a symbolic zero instead of a run-time one), the primal gradient is discarded (its
 * stores are dead; the scalar adjoints the tangents read stay), and the direction {@code v} is
 * read in place when it is the only active array.
 */
public final class HessianVectorProduct {

  private HessianVectorProduct() {}

  /**
   * @param pullback {@code g(p..., seed, gradient)} as {@link AdjointTransform#pullback} wrote it
   * @param activeInputs the active parameters among {@code p...}, in order
   */
  public static IrMethod of(IrMethod pullback, List<Variable> activeInputs, String name) {
    List<Variable> parameters = pullback.parameters();
    int n = parameters.size();
    Variable seed = parameters.get(n - 2);
    Variable gradient = parameters.get(n - 1);
    List<Variable> inputs = parameters.subList(0, n - 2);

    List<Stmt> seeded = new ArrayList<>();
    seeded.add(new Stmt.Declare(seed, Exprs.literal(1.0), SourcePos.NONE));
    seeded.addAll(pullback.body());
    List<Variable> seededParameters = new ArrayList<>(inputs);
    seededParameters.add(gradient);
    IrMethod fixedSeed = new IrMethod(name, seededParameters, pullback.returnType(), seeded,
        pullback.pos());
    Activity activity = Activity.analyse(fixedSeed, activeInputs, List.of(gradient),
        Rules::carriesDerivative);
    IrMethod tangent = CarriedIncrements.apply(MergedIncrements.apply(DeadCode.eliminate(
        KnownZeros.apply(
            TangentTransform.jvp(fixedSeed, activeInputs, List.of(gradient), activity, name)),
        Set.of(gradient))));

    Variable v = Variable.generated("v", Type.DOUBLE_ARRAY);
    List<Variable> tangentParameters = tangent.parameters();
    Variable product = tangentParameters.get(tangentParameters.size() - 1);
    List<Stmt> body = new ArrayList<>(unpack(v, tangentParameters, activeInputs));
    body.add(new Stmt.Declare(product, newArrayLike(v), SourcePos.NONE));
    if (reads(tangent.body(), gradient)) {
      // A callee's pullback still writes the primal gradient: give it a scratch array.
      body.add(new Stmt.Declare(gradient, newArrayLike(v), SourcePos.NONE));
    }
    body.addAll(StatementEdits.withoutZeroFill(tangent.body(), product));
    body.add(new Stmt.Return(Exprs.read(product), SourcePos.NONE));
    List<Variable> signature = new ArrayList<>(inputs);
    signature.add(v);
    return new IrMethod(name, signature, Type.DOUBLE_ARRAY, body, pullback.pos());
  }

  /**
   * Declares each active input's tangent from its slice of {@code v}: the array itself when it
   * is the only active input (the body never writes a tangent of an input), else a copy of the
   * slice, or one element for a scalar.
   */
  private static List<Stmt> unpack(Variable v, List<Variable> tangentParameters,
      List<Variable> activeInputs) {
    List<Stmt> out = new ArrayList<>();
    boolean single = activeInputs.size() == 1 && activeInputs.get(0).type().isArray();
    Expr offset = Expr.Literal.ofInt(0);
    for (int i = 0; i + 1 < tangentParameters.size(); i++) {
      Variable p = tangentParameters.get(i);
      if (!activeInputs.contains(p)) {
        continue;
      }
      Variable tangent = tangentParameters.get(i + 1);
      if (single) {
        out.add(new Stmt.Declare(tangent, Exprs.read(v), SourcePos.NONE));
      } else if (p.type().isArray()) {
        Expr length = new Expr.ArrayLength(Exprs.read(p));
        out.add(new Stmt.Declare(tangent, new Expr.NewArray(Type.DOUBLE_ARRAY, length),
            SourcePos.NONE));
        Variable k = Variable.generated("k", Type.INT);
        Expr element = new Expr.ArrayLoad(Exprs.read(v),
            plus(offset, Exprs.read(k)));
        out.add(new Stmt.For(k, true, Expr.Literal.ofInt(0), BinaryOp.LT, length, 1,
            List.of(new Stmt.ArrayStore(tangent, Exprs.read(k), element, SourcePos.NONE)), null,
            SourcePos.NONE));
        offset = plus(offset, length);
      } else {
        out.add(new Stmt.Declare(tangent, new Expr.ArrayLoad(Exprs.read(v), offset),
            SourcePos.NONE));
        offset = plus(offset, Expr.Literal.ofInt(1));
      }
    }
    return out;
  }

  private static Expr plus(Expr offset, Expr e) {
    return offset instanceof Expr.Literal l && l.text().equals("0") ? e
        : Exprs.binary(BinaryOp.ADD, offset, e);
  }

  private static Expr newArrayLike(Variable v) {
    return new Expr.NewArray(Type.DOUBLE_ARRAY, new Expr.ArrayLength(Exprs.read(v)));
  }

  private static boolean reads(List<Stmt> body, Variable variable) {
    Set<Variable> read = new HashSet<>();
    body.forEach(s -> IrWalk.reads(s, read::add));
    return read.contains(variable);
  }
}
