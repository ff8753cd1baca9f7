package io.github.chainrule.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SimpleTreeVisitor;
import io.github.chainrule.processor.diag.Diagnostics;
import io.github.chainrule.processor.diag.Message;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The first stage: a syntactic whitelist over a method body. Each construct Chainrule can
 * differentiate has a visit method that checks its children; everything else falls through to
 * {@link #defaultAction}, which reports an error on that tree. Fail closed: a construct nobody
 * thought of is an error on its own line, never copied through.
 */
final class Fence extends SimpleTreeVisitor<Void, Void> {

  private static final Set<Tree.Kind> BINARY = EnumSet.of(
      Tree.Kind.PLUS, Tree.Kind.MINUS, Tree.Kind.MULTIPLY, Tree.Kind.DIVIDE, Tree.Kind.REMAINDER,
      Tree.Kind.LESS_THAN, Tree.Kind.LESS_THAN_EQUAL, Tree.Kind.GREATER_THAN,
      Tree.Kind.GREATER_THAN_EQUAL, Tree.Kind.EQUAL_TO, Tree.Kind.NOT_EQUAL_TO,
      Tree.Kind.CONDITIONAL_AND, Tree.Kind.CONDITIONAL_OR, Tree.Kind.AND, Tree.Kind.OR,
      Tree.Kind.XOR, Tree.Kind.LEFT_SHIFT, Tree.Kind.RIGHT_SHIFT, Tree.Kind.UNSIGNED_RIGHT_SHIFT);

  private static final Set<Tree.Kind> COMPOUND_ASSIGNMENT = EnumSet.of(
      Tree.Kind.PLUS_ASSIGNMENT, Tree.Kind.MINUS_ASSIGNMENT, Tree.Kind.MULTIPLY_ASSIGNMENT,
      Tree.Kind.DIVIDE_ASSIGNMENT, Tree.Kind.REMAINDER_ASSIGNMENT, Tree.Kind.AND_ASSIGNMENT,
      Tree.Kind.OR_ASSIGNMENT, Tree.Kind.XOR_ASSIGNMENT, Tree.Kind.LEFT_SHIFT_ASSIGNMENT,
      Tree.Kind.RIGHT_SHIFT_ASSIGNMENT, Tree.Kind.UNSIGNED_RIGHT_SHIFT_ASSIGNMENT);

  private static final Set<Tree.Kind> INCREMENT = EnumSet.of(
      Tree.Kind.PREFIX_INCREMENT, Tree.Kind.POSTFIX_INCREMENT, Tree.Kind.PREFIX_DECREMENT,
      Tree.Kind.POSTFIX_DECREMENT);

  /** What to say instead of a generic hint, for the constructs users write most. */
  private static final Map<Tree.Kind, String> NAMES_AND_HINTS = Map.ofEntries(
      Map.entry(Tree.Kind.SWITCH, "a switch statement|use if/else"),
      Map.entry(Tree.Kind.SWITCH_EXPRESSION, "a switch expression|use the ?: operator"),
      Map.entry(Tree.Kind.TRY, "a try statement|move exception handling out of the differentiable"
          + " method"),
      Map.entry(Tree.Kind.THROW, "throw|validate arguments before calling the differentiable"
          + " method"),
      Map.entry(Tree.Kind.SYNCHRONIZED, "a synchronized block|differentiable methods are pure"
          + " functions of their arguments; remove it"),
      Map.entry(Tree.Kind.LAMBDA_EXPRESSION, "a lambda expression|write the computation inline"),
      Map.entry(Tree.Kind.MEMBER_REFERENCE, "a method reference|write the computation inline"),
      Map.entry(Tree.Kind.NEW_CLASS, "object creation|only primitive values can be"
          + " differentiated"),
      Map.entry(Tree.Kind.ASSERT, "assert|check the arguments before the call"),
      Map.entry(Tree.Kind.CLASS, "a local class|declare the class outside the method"),
      Map.entry(Tree.Kind.INSTANCE_OF, "instanceof|only primitive values can be differentiated"),
      Map.entry(Tree.Kind.STRING_LITERAL, "a string literal|only numbers can be differentiated"));

  private final Positions positions;
  private final Diagnostics diagnostics;

  Fence(Positions positions, Diagnostics diagnostics) {
    this.positions = positions;
    this.diagnostics = diagnostics;
  }

  void check(BlockTree body) {
    body.accept(this, null);
  }

  @Override
  protected Void defaultAction(Tree tree, Void unused) {
    String nameAndHint = NAMES_AND_HINTS.getOrDefault(tree.getKind(),
        describe(tree) + "|rewrite it with the constructs listed in the README");
    String[] parts = nameAndHint.split("\\|", 2);
    Message message = tree instanceof StatementTree
        ? Message.UNSUPPORTED_STATEMENT
        : Message.UNSUPPORTED_EXPRESSION;
    diagnostics.error(positions.of(tree), message, parts[0], parts[1]);
    return null;
  }

  private static String describe(Tree tree) {
    return tree.getKind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  private void scan(Tree tree) {
    if (tree != null) {
      tree.accept(this, null);
    }
  }

  // Statements.

  @Override
  public Void visitBlock(BlockTree tree, Void unused) {
    if (tree.isStatic()) {
      return defaultAction(tree, null);
    }
    tree.getStatements().forEach(this::scan);
    return null;
  }

  @Override
  public Void visitVariable(VariableTree tree, Void unused) {
    if (!tree.getModifiers().getAnnotations().isEmpty()) {
      diagnostics.error(positions.of(tree.getModifiers()), Message.UNSUPPORTED_STATEMENT,
          "an annotation on a local variable", "remove it");
    }
    scan(tree.getInitializer());
    return null;
  }

  @Override
  public Void visitExpressionStatement(ExpressionStatementTree tree, Void unused) {
    ExpressionTree e = tree.getExpression();
    if (e instanceof AssignmentTree a) {
      scanAssignmentTarget(a.getVariable());
      scan(a.getExpression());
    } else if (e instanceof CompoundAssignmentTree c && COMPOUND_ASSIGNMENT.contains(c.getKind())) {
      scanAssignmentTarget(c.getVariable());
      scan(c.getExpression());
    } else if (e instanceof UnaryTree u && INCREMENT.contains(u.getKind())) {
      scanAssignmentTarget(u.getExpression());
    } else if (e instanceof MethodInvocationTree) {
      diagnostics.error(positions.of(tree), Message.UNSUPPORTED_STATEMENT,
          "a call whose result is discarded", "a differentiable method computes a value;"
              + " assign the result to a local");
    } else {
      defaultAction(tree, null);
    }
    return null;
  }

  private void scanAssignmentTarget(ExpressionTree target) {
    while (target instanceof ParenthesizedTree p) {
      target = p.getExpression();
    }
    if (target instanceof ArrayAccessTree access) {
      scan(access.getIndex());
    } else if (!(target instanceof IdentifierTree)) {
      scan(target);
    }
  }

  @Override
  public Void visitReturn(ReturnTree tree, Void unused) {
    scan(tree.getExpression());
    return null;
  }

  @Override
  public Void visitIf(IfTree tree, Void unused) {
    scan(tree.getCondition());
    scan(tree.getThenStatement());
    scan(tree.getElseStatement());
    return null;
  }

  @Override
  public Void visitEmptyStatement(EmptyStatementTree tree, Void unused) {
    return null;
  }

  @Override
  public Void visitForLoop(ForLoopTree tree, Void unused) {
    for (StatementTree init : tree.getInitializer()) {
      // The loop variable may carry @Checkpoint; the lowering checks which annotation it is.
      if (init instanceof VariableTree v) {
        scan(v.getInitializer());
      } else {
        scan(init);
      }
    }
    scan(tree.getCondition());
    tree.getUpdate().forEach(this::scan);
    scan(tree.getStatement());
    return null;
  }

  @Override
  public Void visitEnhancedForLoop(EnhancedForLoopTree tree, Void unused) {
    scan(tree.getVariable());
    scan(tree.getExpression());
    scan(tree.getStatement());
    return null;
  }

  @Override
  public Void visitWhileLoop(WhileLoopTree tree, Void unused) {
    scan(tree.getCondition());
    scan(tree.getStatement());
    return null;
  }

  @Override
  public Void visitDoWhileLoop(DoWhileLoopTree tree, Void unused) {
    scan(tree.getStatement());
    scan(tree.getCondition());
    return null;
  }

  @Override
  public Void visitLabeledStatement(LabeledStatementTree tree, Void unused) {
    scan(tree.getStatement());
    return null;
  }

  @Override
  public Void visitBreak(BreakTree tree, Void unused) {
    return null;
  }

  @Override
  public Void visitContinue(ContinueTree tree, Void unused) {
    return null;
  }

  @Override
  public Void visitArrayAccess(ArrayAccessTree tree, Void unused) {
    scan(tree.getExpression());
    scan(tree.getIndex());
    return null;
  }

  @Override
  public Void visitNewArray(NewArrayTree tree, Void unused) {
    if (tree.getDimensions().size() > 1) {
      return defaultAction(tree, null);
    }
    tree.getDimensions().forEach(this::scan);
    if (tree.getInitializers() != null) {
      tree.getInitializers().forEach(this::scan);
    }
    return null;
  }

  // Expressions.

  @Override
  public Void visitParenthesized(ParenthesizedTree tree, Void unused) {
    scan(tree.getExpression());
    return null;
  }

  @Override
  public Void visitBinary(BinaryTree tree, Void unused) {
    if (!BINARY.contains(tree.getKind())) {
      return defaultAction(tree, null);
    }
    scan(tree.getLeftOperand());
    scan(tree.getRightOperand());
    return null;
  }

  @Override
  public Void visitUnary(UnaryTree tree, Void unused) {
    if (INCREMENT.contains(tree.getKind())) {
      diagnostics.error(positions.of(tree), Message.UNSUPPORTED_EXPRESSION,
          "++ or -- inside an expression", "write the increment as its own statement");
      return null;
    }
    scan(tree.getExpression());
    return null;
  }

  @Override
  public Void visitConditionalExpression(ConditionalExpressionTree tree, Void unused) {
    scan(tree.getCondition());
    scan(tree.getTrueExpression());
    scan(tree.getFalseExpression());
    return null;
  }

  @Override
  public Void visitLiteral(LiteralTree tree, Void unused) {
    return tree.getKind() == Tree.Kind.STRING_LITERAL ? defaultAction(tree, null) : null;
  }

  @Override
  public Void visitIdentifier(IdentifierTree tree, Void unused) {
    return null;
  }

  @Override
  public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
    // The qualifier is a class or package name, resolved (or rejected) by the lowering.
    return null;
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
    if (!tree.getTypeArguments().isEmpty()) {
      return defaultAction(tree, null);
    }
    ExpressionTree select = tree.getMethodSelect();
    if (!(select instanceof IdentifierTree) && !(select instanceof MemberSelectTree)) {
      return defaultAction(tree, null);
    }
    tree.getArguments().forEach(this::scan);
    return null;
  }

  @Override
  public Void visitTypeCast(TypeCastTree tree, Void unused) {
    scan(tree.getExpression());
    return null;
  }
}
