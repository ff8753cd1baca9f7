package io.github.chainrule.processor.frontend;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import io.github.chainrule.processor.diag.Diagnostic;
import io.github.chainrule.processor.diag.DifferentiationError;
import io.github.chainrule.processor.diag.Message;
import io.github.chainrule.processor.ir.BinaryOp;
import io.github.chainrule.processor.ir.ClassRef;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.MathFunction;
import io.github.chainrule.processor.ir.SourcePos;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.UnaryOp;
import io.github.chainrule.processor.ir.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/**
 * The second stage: turns a fenced method body into IR, resolving names and computing types by
 * Java's rules (bodies are not attributed yet when processors run). Two shapes are normalised on
 * the way, so the transforms see fewer forms:
 * <ul>
 *   <li>a {@code double} conditional expression in a differentiated position becomes an
 *       {@code if} statement assigning a temporary (its branches may then hold statements);</li>
 *   <li>returns end the method: {@code if (c) return a; ...rest} becomes
 *       {@code if (c) result = a; else { ...rest }}, so every method has one final return.</li>
 * </ul>
 * The first user-facing problem stops the lowering with a {@link DifferentiationError}.
 */
final class Lowering {

  private final Positions positions;
  private final NameResolver resolver;
  private final Elements elements;
  private final Deque<Map<String, Variable>> scopes = new ArrayDeque<>();
  private Type returnType;
  private Variable result;
  /** The statement being lowered: statements hoisted out of its expressions share its position. */
  private SourcePos statementPos = SourcePos.NONE;

  Lowering(Positions positions, NameResolver resolver, Elements elements) {
    this.positions = positions;
    this.resolver = resolver;
    this.elements = elements;
  }

  IrMethod lower(String name, List<Variable> parameters, Type returnType, BlockTree body,
      SourcePos pos) {
    this.returnType = returnType;
    Map<String, Variable> parameterScope = new HashMap<>();
    parameters.forEach(p -> parameterScope.put(p.hint(), p));
    scopes.push(parameterScope);
    List<Stmt> out = new ArrayList<>();
    lowerReturning(body.getStatements(), out, true, body);
    return new IrMethod(name, parameters, returnType, out, pos);
  }

  private static DifferentiationError error(SourcePos pos, Message message, Object... args) {
    return new DifferentiationError(Diagnostic.at(pos, message, args));
  }

  // Statements.

  /**
   * Lowers a statement list that must end by returning. At the top level a plain return becomes
   * the method's final {@code Return}; an {@code if} with a return in it makes the method keep
   * its value in {@code result} and take the statements after the {@code if} into the branch
   * that does not return.
   */
  private void lowerReturning(List<? extends StatementTree> statements, List<Stmt> out,
      boolean topLevel, Tree owner) {
    for (int i = 0; i < statements.size(); i++) {
      StatementTree s = statements.get(i);
      List<? extends StatementTree> rest = statements.subList(i + 1, statements.size());
      if (s instanceof ReturnTree r) {
        SourcePos pos = positions.of(r);
        statementPos = pos;
        Expr value = lowerExpression(r.getExpression(), out, true);
        checkAssignable(returnType, value, "the return value of", "method", pos);
        out.add(topLevel && result == null
            ? new Stmt.Return(value, pos)
            : new Stmt.Assign(result, value, pos));
        return;
      }
      if (containsReturn(s) && (s instanceof IfTree || s instanceof BlockTree)) {
        boolean declareResult = topLevel && result == null;
        if (declareResult) {
          result = Variable.local("result", returnType);
          out.add(new Stmt.Declare(result, null, positions.of(s)));
        }
        if (s instanceof IfTree branch) {
          lowerReturningIf(branch, rest, out);
        } else {
          List<StatementTree> joined = new ArrayList<>(((BlockTree) s).getStatements());
          joined.addAll(rest);
          scopes.push(new HashMap<>());
          lowerReturning(joined, out, false, s);
          scopes.pop();
        }
        if (declareResult) {
          out.add(new Stmt.Return(new Expr.Read(result), SourcePos.NONE));
        }
        return;
      }
      lowerStatement(s, out);
    }
    throw error(positions.of(owner), Message.MISSING_RETURN);
  }

  private void lowerReturningIf(IfTree tree, List<? extends StatementTree> rest, List<Stmt> out) {
    Expr condition = lowerCondition(tree.getCondition());
    List<Stmt> whenTrue = new ArrayList<>();
    lowerReturningBranch(tree.getThenStatement(), rest, whenTrue, tree);
    List<Stmt> whenFalse = new ArrayList<>();
    lowerReturningBranch(tree.getElseStatement(), rest, whenFalse, tree);
    out.add(new Stmt.If(condition, whenTrue, whenFalse, positions.of(tree)));
  }

  private void lowerReturningBranch(StatementTree branch, List<? extends StatementTree> rest,
      List<Stmt> out, Tree owner) {
    List<StatementTree> statements = new ArrayList<>();
    if (branch instanceof BlockTree block) {
      statements.addAll(block.getStatements());
    } else if (branch != null) {
      statements.add(branch);
    }
    if (branch == null || !alwaysReturns(branch)) {
      statements.addAll(rest);
    }
    scopes.push(new HashMap<>());
    lowerReturning(statements, out, false, branch == null ? owner : branch);
    scopes.pop();
  }

  private static boolean alwaysReturns(StatementTree s) {
    if (s instanceof ReturnTree) {
      return true;
    }
    if (s instanceof BlockTree b) {
      List<? extends StatementTree> list = b.getStatements();
      return !list.isEmpty() && alwaysReturns(list.get(list.size() - 1));
    }
    if (s instanceof IfTree i) {
      return i.getElseStatement() != null
          && alwaysReturns(i.getThenStatement())
          && alwaysReturns(i.getElseStatement());
    }
    return false;
  }

  private static boolean containsReturn(Tree tree) {
    Boolean found = tree.accept(new TreeScanner<Boolean, Void>() {
      @Override
      public Boolean visitReturn(ReturnTree node, Void unused) {
        return true;
      }

      @Override
      public Boolean reduce(Boolean a, Boolean b) {
        return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
      }
    }, null);
    return Boolean.TRUE.equals(found);
  }

  private void lowerStatement(StatementTree s, List<Stmt> out) {
    SourcePos pos = positions.of(s);
    statementPos = pos;
    if (s instanceof VariableTree v) {
      lowerDeclaration(v, out);
    } else if (s instanceof ExpressionStatementTree e) {
      lowerExpressionStatement(e.getExpression(), out, pos);
    } else if (s instanceof IfTree i) {
      Expr condition = lowerCondition(i.getCondition());
      out.add(new Stmt.If(condition, lowerNested(i.getThenStatement()),
          lowerNested(i.getElseStatement()), pos));
    } else if (s instanceof BlockTree b) {
      scopes.push(new HashMap<>());
      b.getStatements().forEach(inner -> lowerStatement(inner, out));
      scopes.pop();
    } else if (s instanceof ReturnTree) {
      throw error(pos, Message.RETURN_NOT_LAST);
    } else if (!(s instanceof EmptyStatementTree)) {
      throw new IllegalStateException("the fence let through " + s.getKind());
    }
  }

  private List<Stmt> lowerNested(StatementTree s) {
    List<Stmt> out = new ArrayList<>();
    if (s != null) {
      scopes.push(new HashMap<>());
      lowerStatement(s, out);
      scopes.pop();
    }
    return out;
  }

  private void lowerDeclaration(VariableTree tree, List<Stmt> out) {
    SourcePos pos = positions.of(tree);
    String name = tree.getName().toString();
    Expr init = tree.getInitializer() == null
        ? null
        : lowerExpression(tree.getInitializer(), out, true);
    Type type;
    Tree typeTree = tree.getType();
    boolean inferred = typeTree == null
        || (typeTree instanceof IdentifierTree id && id.getName().contentEquals("var"));
    if (inferred) {
      if (init == null) {
        throw error(pos, Message.UNSUPPORTED_LOCAL_TYPE, name, "var");
      }
      type = init.type();
    } else {
      type = primitiveType(typeTree)
          .filter(t -> t != Type.DOUBLE_ARRAY && t != Type.INT_ARRAY)
          .orElseThrow(() -> error(positions.of(typeTree), Message.UNSUPPORTED_LOCAL_TYPE, name,
              positions.text(typeTree)));
    }
    if (init != null) {
      checkAssignable(type, init, "local", name, pos);
    }
    Variable variable = Variable.local(name, type);
    scopes.peek().put(name, variable);
    out.add(new Stmt.Declare(variable, init, pos));
  }

  private void lowerExpressionStatement(ExpressionTree e, List<Stmt> out, SourcePos pos) {
    if (e instanceof AssignmentTree a) {
      Variable target = assignmentTarget(a.getVariable());
      Expr value = lowerExpression(a.getExpression(), out, true);
      checkAssignable(target.type(), value, "variable", target.hint(), pos);
      out.add(new Stmt.Assign(target, value, pos));
    } else if (e instanceof CompoundAssignmentTree c) {
      Variable target = assignmentTarget(c.getVariable());
      Expr operand = lowerExpression(c.getExpression(), out, true);
      BinaryOp op = compoundOperator(c.getKind());
      Expr value = binary(op, new Expr.Read(target), operand, positions.of(c));
      // Java's compound assignment casts back to the variable's type: k += 0.5 is (int) (k + 0.5).
      out.add(new Stmt.Assign(target, castTo(target.type(), value), pos));
    } else if (e instanceof UnaryTree u) {
      Variable target = assignmentTarget(u.getExpression());
      BinaryOp op = u.getKind() == Tree.Kind.PREFIX_INCREMENT
          || u.getKind() == Tree.Kind.POSTFIX_INCREMENT ? BinaryOp.ADD : BinaryOp.SUB;
      if (!target.type().isNumeric()) {
        throw error(pos, Message.UNSUPPORTED_OPERATOR, op.symbol() + op.symbol(),
            target.type().javaName(), "use it on numbers only");
      }
      Expr value = new Expr.Binary(op, new Expr.Read(target), Expr.Literal.ofInt(1));
      out.add(new Stmt.Assign(target, castTo(target.type(), value), pos));
    } else {
      throw new IllegalStateException("the fence let through " + e.getKind());
    }
  }

  private static Expr castTo(Type type, Expr value) {
    return value.type() == type ? value : new Expr.Cast(type, value);
  }

  private Variable assignmentTarget(ExpressionTree target) {
    SourcePos pos = positions.of(target);
    if (target instanceof IdentifierTree id) {
      Variable v = lookup(id.getName().toString());
      if (v != null) {
        return v;
      }
    }
    throw error(pos, Message.ASSIGN_TO_CONSTANT, positions.text(target));
  }

  private void checkAssignable(Type target, Expr value, String what, String name, SourcePos pos) {
    if (!target.acceptsWithoutCast(value.type())) {
      throw error(pos, Message.TYPE_MISMATCH, value.type().javaName(), what, name);
    }
  }

  private static BinaryOp compoundOperator(Tree.Kind kind) {
    switch (kind) {
      case PLUS_ASSIGNMENT: return BinaryOp.ADD;
      case MINUS_ASSIGNMENT: return BinaryOp.SUB;
      case MULTIPLY_ASSIGNMENT: return BinaryOp.MUL;
      case DIVIDE_ASSIGNMENT: return BinaryOp.DIV;
      case REMAINDER_ASSIGNMENT: return BinaryOp.REM;
      case AND_ASSIGNMENT: return BinaryOp.BIT_AND;
      case OR_ASSIGNMENT: return BinaryOp.BIT_OR;
      case XOR_ASSIGNMENT: return BinaryOp.BIT_XOR;
      case LEFT_SHIFT_ASSIGNMENT: return BinaryOp.SHL;
      case RIGHT_SHIFT_ASSIGNMENT: return BinaryOp.SHR;
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT: return BinaryOp.USHR;
      default: throw new IllegalStateException("not a compound assignment: " + kind);
    }
  }

  // Expressions.

  private Expr lowerCondition(ExpressionTree tree) {
    Expr condition = lowerExpression(tree, null, false);
    if (condition.type() != Type.BOOLEAN) {
      throw error(positions.of(tree), Message.TYPE_MISMATCH, condition.type().javaName(),
          "a", "condition");
    }
    return condition;
  }

  /**
   * Lowers an expression. {@code differentiated} is true where the value may carry a
   * derivative; then {@code out} receives the statements of hoisted conditionals. Conditions,
   * comparison operands and integer casts are never differentiated and keep their conditionals.
   */
  private Expr lowerExpression(ExpressionTree tree, List<Stmt> out, boolean differentiated) {
    SourcePos pos = positions.of(tree);
    if (tree instanceof ParenthesizedTree p) {
      return lowerExpression(p.getExpression(), out, differentiated);
    }
    if (tree instanceof LiteralTree l) {
      return literal(l, pos);
    }
    if (tree instanceof IdentifierTree id) {
      return identifier(id, pos);
    }
    if (tree instanceof MemberSelectTree select) {
      return memberSelect(select, pos);
    }
    if (tree instanceof BinaryTree b) {
      BinaryOp op = binaryOperator(b.getKind());
      boolean operandsDifferentiated = differentiated && !op.isComparison() && !op.isLogical();
      Expr left = lowerExpression(b.getLeftOperand(), out, operandsDifferentiated);
      Expr right = lowerExpression(b.getRightOperand(), out, operandsDifferentiated);
      return binary(op, left, right, pos);
    }
    if (tree instanceof UnaryTree u) {
      return unary(u, out, differentiated, pos);
    }
    if (tree instanceof ConditionalExpressionTree c) {
      return conditional(c, out, differentiated, pos);
    }
    if (tree instanceof TypeCastTree c) {
      return cast(c, out, differentiated, pos);
    }
    if (tree instanceof MethodInvocationTree call) {
      return mathCall(call, out, differentiated, pos);
    }
    throw new IllegalStateException("the fence let through " + tree.getKind());
  }

  private Expr literal(LiteralTree tree, SourcePos pos) {
    String text = positions.text(tree);
    switch (tree.getKind()) {
      case INT_LITERAL: return new Expr.Literal(Type.INT, text);
      case LONG_LITERAL: return new Expr.Literal(Type.LONG, text);
      case DOUBLE_LITERAL: return new Expr.Literal(Type.DOUBLE, text);
      case BOOLEAN_LITERAL: return new Expr.Literal(Type.BOOLEAN, text);
      case FLOAT_LITERAL: throw error(pos, Message.UNSUPPORTED_LITERAL, "float", text);
      case CHAR_LITERAL: throw error(pos, Message.UNSUPPORTED_LITERAL, "char", text);
      case NULL_LITERAL: throw error(pos, Message.UNSUPPORTED_LITERAL, "null", text);
      default: throw error(pos, Message.UNSUPPORTED_LITERAL, "string", text);
    }
  }

  private Expr identifier(IdentifierTree tree, SourcePos pos) {
    String name = tree.getName().toString();
    Variable v = lookup(name);
    if (v != null) {
      return new Expr.Read(v);
    }
    VariableElement field = resolver.resolveSimpleField(name)
        .orElseThrow(() -> error(pos, Message.UNKNOWN_NAME, name));
    return constant(field, pos);
  }

  private Expr memberSelect(MemberSelectTree tree, SourcePos pos) {
    String member = tree.getIdentifier().toString();
    Optional<TypeElement> owner = lookupQualifierAsVariable(tree.getExpression())
        ? Optional.empty()
        : resolver.resolveClass(tree.getExpression());
    VariableElement field = owner.flatMap(o -> resolver.field(o, member))
        .orElseThrow(() -> error(pos, Message.UNKNOWN_NAME, positions.text(tree)));
    return constant(field, pos);
  }

  private boolean lookupQualifierAsVariable(ExpressionTree qualifier) {
    return qualifier instanceof IdentifierTree id && lookup(id.getName().toString()) != null;
  }

  /** A static final field: read by name where the generated class can, else inlined. */
  private Expr constant(VariableElement field, SourcePos pos) {
    String name = field.getEnclosingElement().getSimpleName() + "." + field.getSimpleName();
    if (!field.getModifiers().contains(Modifier.STATIC)
        || !field.getModifiers().contains(Modifier.FINAL)) {
      throw error(pos, Message.FIELD_NOT_CONSTANT, name);
    }
    Type type = primitiveType(field.asType().getKind())
        .orElseThrow(() -> error(pos, Message.FIELD_TYPE, name, field.asType()));
    if (resolver.isReadableFromGeneratedClass(field)) {
      return new Expr.StaticField(classRef((TypeElement) field.getEnclosingElement()),
          field.getSimpleName().toString(), type);
    }
    Object value = field.getConstantValue();
    if (value == null) {
      throw error(pos, Message.FIELD_NOT_ACCESSIBLE, name);
    }
    return inlinedConstant(value, type);
  }

  private static Expr inlinedConstant(Object value, Type type) {
    if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      String field = d.isNaN() ? "NaN" : d > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY";
      return new Expr.StaticField(new ClassRef("java.lang", "Double"), field, Type.DOUBLE);
    }
    if (value instanceof Double d) {
      return new Expr.Literal(Type.DOUBLE, Double.toString(d));
    }
    if (value instanceof Long l) {
      return new Expr.Literal(Type.LONG, l + "L");
    }
    return new Expr.Literal(type, value.toString());
  }

  private ClassRef classRef(TypeElement type) {
    List<String> names = new ArrayList<>();
    for (Element e = type; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      names.add(0, t.getSimpleName().toString());
    }
    return new ClassRef(elements.getPackageOf(type).getQualifiedName().toString(),
        String.join(".", names));
  }

  private Expr binary(BinaryOp op, Expr left, Expr right, SourcePos pos) {
    Type l = left.type();
    Type r = right.type();
    boolean ok;
    String hint;
    if (op.isArithmetic()) {
      ok = l.isNumeric() && r.isNumeric()
          && !(op == BinaryOp.REM && Type.promote(l, r) == Type.DOUBLE);
      hint = op == BinaryOp.REM ? "% is supported on int and long; for doubles use"
          + " x - y * Math.floor(x / y)" : "use it on numbers";
    } else if (op.isComparison()) {
      ok = (l.isNumeric() && r.isNumeric())
          || (l == Type.BOOLEAN && r == Type.BOOLEAN && (op == BinaryOp.EQ || op == BinaryOp.NE));
      hint = "compare numbers";
    } else if (op.isLogical()) {
      ok = l == Type.BOOLEAN && r == Type.BOOLEAN;
      hint = "use it on booleans";
    } else if (op.isBitwise()) {
      ok = (l.isIntegral() && r.isIntegral()) || (l == Type.BOOLEAN && r == Type.BOOLEAN);
      hint = "use it on int, long or boolean";
    } else {
      ok = l.isIntegral() && r.isIntegral();
      hint = "shift int or long values";
    }
    if (!ok) {
      String types = l == r ? l.javaName() : l.javaName() + " and " + r.javaName();
      throw error(pos, Message.UNSUPPORTED_OPERATOR, op.symbol(), types, hint);
    }
    return new Expr.Binary(op, left, right);
  }

  private static BinaryOp binaryOperator(Tree.Kind kind) {
    switch (kind) {
      case PLUS: return BinaryOp.ADD;
      case MINUS: return BinaryOp.SUB;
      case MULTIPLY: return BinaryOp.MUL;
      case DIVIDE: return BinaryOp.DIV;
      case REMAINDER: return BinaryOp.REM;
      case LESS_THAN: return BinaryOp.LT;
      case LESS_THAN_EQUAL: return BinaryOp.LE;
      case GREATER_THAN: return BinaryOp.GT;
      case GREATER_THAN_EQUAL: return BinaryOp.GE;
      case EQUAL_TO: return BinaryOp.EQ;
      case NOT_EQUAL_TO: return BinaryOp.NE;
      case CONDITIONAL_AND: return BinaryOp.AND;
      case CONDITIONAL_OR: return BinaryOp.OR;
      case AND: return BinaryOp.BIT_AND;
      case OR: return BinaryOp.BIT_OR;
      case XOR: return BinaryOp.BIT_XOR;
      case LEFT_SHIFT: return BinaryOp.SHL;
      case RIGHT_SHIFT: return BinaryOp.SHR;
      case UNSIGNED_RIGHT_SHIFT: return BinaryOp.USHR;
      default: throw new IllegalStateException("the fence let through " + kind);
    }
  }

  private Expr unary(UnaryTree tree, List<Stmt> out, boolean differentiated, SourcePos pos) {
    Expr operand = lowerExpression(tree.getExpression(), out,
        differentiated && tree.getKind() != Tree.Kind.LOGICAL_COMPLEMENT);
    Type t = operand.type();
    switch (tree.getKind()) {
      case UNARY_PLUS:
        if (t.isNumeric()) {
          return operand;
        }
        break;
      case UNARY_MINUS:
        if (t.isNumeric()) {
          return new Expr.Unary(UnaryOp.NEG, operand);
        }
        break;
      case LOGICAL_COMPLEMENT:
        if (t == Type.BOOLEAN) {
          return new Expr.Unary(UnaryOp.NOT, operand);
        }
        break;
      case BITWISE_COMPLEMENT:
        if (t.isIntegral()) {
          return new Expr.Unary(UnaryOp.BIT_NOT, operand);
        }
        break;
      default:
        throw new IllegalStateException("the fence let through " + tree.getKind());
    }
    throw error(pos, Message.UNSUPPORTED_OPERATOR, positions.text(tree).substring(0, 1),
        t.javaName(), "check the operand's type");
  }

  private Expr conditional(ConditionalExpressionTree tree, List<Stmt> out, boolean differentiated,
      SourcePos pos) {
    Expr condition = lowerCondition(tree.getCondition());
    if (!differentiated) {
      Expr whenTrue = lowerExpression(tree.getTrueExpression(), null, false);
      Expr whenFalse = lowerExpression(tree.getFalseExpression(), null, false);
      return checkedConditional(condition, whenTrue, whenFalse, pos);
    }
    List<Stmt> trueOut = new ArrayList<>();
    Expr whenTrue = lowerExpression(tree.getTrueExpression(), trueOut, true);
    List<Stmt> falseOut = new ArrayList<>();
    Expr whenFalse = lowerExpression(tree.getFalseExpression(), falseOut, true);
    Expr joined = checkedConditional(condition, whenTrue, whenFalse, pos);
    if (joined.type() != Type.DOUBLE) {
      // Not a derivative carrier: keep it an expression, lowered without hoisting.
      return conditional(tree, null, false, pos);
    }
    // Each branch may need statements of its own (derivative temporaries, nested conditionals)
    // that must run only when the branch is taken: an if statement keeps that order.
    Variable value = Variable.temp(Type.DOUBLE);
    out.add(new Stmt.Declare(value, null, statementPos));
    trueOut.add(new Stmt.Assign(value, whenTrue, statementPos));
    falseOut.add(new Stmt.Assign(value, whenFalse, statementPos));
    out.add(new Stmt.If(condition, trueOut, falseOut, statementPos));
    return new Expr.Read(value);
  }

  private Expr checkedConditional(Expr condition, Expr whenTrue, Expr whenFalse, SourcePos pos) {
    Type a = whenTrue.type();
    Type b = whenFalse.type();
    if (a != b && !(a.isNumeric() && b.isNumeric())) {
      throw error(pos, Message.TYPE_MISMATCH, b.javaName(), "a conditional of type", a.javaName());
    }
    return new Expr.Conditional(condition, whenTrue, whenFalse);
  }

  private Expr cast(TypeCastTree tree, List<Stmt> out, boolean differentiated, SourcePos pos) {
    Type target = primitiveType(tree.getType())
        .filter(Type::isNumeric)
        .orElseThrow(() -> error(pos, Message.UNSUPPORTED_EXPRESSION,
            "a cast to " + positions.text(tree.getType()), "cast to double, int or long"));
    // A cast to an integer type cuts the derivative: its operand is never differentiated.
    Expr operand = lowerExpression(tree.getExpression(), out,
        differentiated && target == Type.DOUBLE);
    if (!operand.type().isNumeric()) {
      throw error(pos, Message.UNSUPPORTED_EXPRESSION, "a cast from " + operand.type().javaName(),
          "cast numbers only");
    }
    return operand.type() == target ? operand : new Expr.Cast(target, operand);
  }

  private Expr mathCall(MethodInvocationTree call, List<Stmt> out, boolean differentiated,
      SourcePos pos) {
    ExpressionTree select = call.getMethodSelect();
    String methodName;
    Optional<TypeElement> owner;
    if (select instanceof MemberSelectTree member) {
      methodName = member.getIdentifier().toString();
      owner = lookupQualifierAsVariable(member.getExpression())
          ? Optional.empty()
          : resolver.resolveClass(member.getExpression());
    } else {
      methodName = ((IdentifierTree) select).getName().toString();
      owner = resolver.staticallyImportedOwners(methodName).stream().filter(this::isMath)
          .findFirst();
    }
    String shown = positions.text(select) + "(...)";
    if (owner.isEmpty() || !isMath(owner.get())) {
      throw error(pos, Message.UNKNOWN_METHOD, shown);
    }
    boolean strict = owner.get().getSimpleName().contentEquals("StrictMath");
    MathFunction function = MathFunction.byJavaName(methodName, call.getArguments().size())
        .orElseThrow(() -> error(pos, Message.UNSUPPORTED_MATH_FUNCTION,
            owner.get().getSimpleName() + "." + methodName,
            Arrays.stream(MathFunction.values()).map(MathFunction::javaName)
                .collect(Collectors.joining(", "))));
    List<Expr> arguments = new ArrayList<>();
    for (ExpressionTree argument : call.getArguments()) {
      Expr a = lowerExpression(argument, out, differentiated);
      if (!a.type().isNumeric()) {
        throw error(positions.of(argument), Message.MATH_ARGUMENT_TYPE,
            owner.get().getSimpleName() + "." + methodName, a.type().javaName());
      }
      arguments.add(a);
    }
    return new Expr.MathCall(function, strict, arguments);
  }

  private boolean isMath(TypeElement type) {
    String name = type.getQualifiedName().toString();
    return name.equals("java.lang.Math") || name.equals("java.lang.StrictMath");
  }

  // Types and scopes.

  private Variable lookup(String name) {
    for (Map<String, Variable> scope : scopes) {
      Variable v = scope.get(name);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  static Optional<Type> primitiveType(Tree typeTree) {
    if (typeTree instanceof PrimitiveTypeTree p) {
      return primitiveType(p.getPrimitiveTypeKind());
    }
    return Optional.empty();
  }

  static Optional<Type> primitiveType(TypeKind kind) {
    switch (kind) {
      case DOUBLE: return Optional.of(Type.DOUBLE);
      case INT: return Optional.of(Type.INT);
      case LONG: return Optional.of(Type.LONG);
      case BOOLEAN: return Optional.of(Type.BOOLEAN);
      default: return Optional.empty();
    }
  }
}
