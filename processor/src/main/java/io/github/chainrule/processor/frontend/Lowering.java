package io.github.chainrule.processor.frontend;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
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
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import io.github.chainrule.processor.diag.Diagnostic;
import io.github.chainrule.processor.diag.DifferentiationError;
import io.github.chainrule.processor.diag.Message;
import io.github.chainrule.processor.ir.BinaryOp;
import io.github.chainrule.processor.ir.CallTarget;
import io.github.chainrule.processor.ir.ClassRef;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.IrWalk;
import io.github.chainrule.processor.ir.Label;
import io.github.chainrule.processor.ir.MathFunction;
import io.github.chainrule.processor.ir.SourcePos;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.UnaryOp;
import io.github.chainrule.processor.ir.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/**
 * The second stage: turns a fenced method body into IR, resolving names and computing types by
 * Java's rules (bodies are not attributed yet when processors run). A {@code double} conditional
 * expression in a differentiated position becomes an {@code if} statement assigning a temporary,
 * so each branch may hold statements of its own. Loops keep their {@code break}, {@code continue}
 * and {@code return} statements here; {@link Structurizer} removes them afterwards. The first
 * user-facing problem stops the lowering with a {@link DifferentiationError}.
 */
final class Lowering {

  private final Positions positions;
  private final NameResolver resolver;
  private final Elements elements;
  private final Deque<Map<String, Variable>> scopes = new ArrayDeque<>();
  /** The enclosing loops, innermost first, with their source labels. */
  private final Deque<LoopScope> loops = new ArrayDeque<>();
  private Type returnType;
  /** The statement being lowered: statements hoisted out of its expressions share its position. */
  private SourcePos statementPos = SourcePos.NONE;

  private record LoopScope(Label label, String name) {}

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
    List<Stmt> raw = new ArrayList<>();
    body.getStatements().forEach(s -> lowerStatement(s, raw));
    List<Stmt> structured = new Structurizer(returnType, positions.of(body)).method(raw);
    return new IrMethod(name, parameters, returnType, structured, pos);
  }

  private static DifferentiationError error(SourcePos pos, Message message, Object... args) {
    return new DifferentiationError(Diagnostic.at(pos, message, args));
  }

  // Statements.

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
    } else if (s instanceof ReturnTree r) {
      if (r.getExpression() == null) {
        throw error(pos, Message.UNSUPPORTED_STATEMENT, "return without a value",
            "return the method's " + returnType.javaName() + " result");
      }
      if (returnType == Type.DOUBLE_ARRAY) {
        Expr value = lowerExpression(r.getExpression(), out, true);
        if (!(value instanceof Expr.Read read) || read.variable().role() == Variable.Role.PARAMETER
            || value.type() != Type.DOUBLE_ARRAY) {
          throw error(pos, Message.ARRAY_BINDING, "returned", "return a local double[] of the"
              + " method, e.g. double[] out = new double[m]; ... return out;");
        }
        out.add(new Stmt.Return(value, pos));
        return;
      }
      Expr value = lowerExpression(r.getExpression(), out, true);
      checkAssignable(returnType, value, "the method's " + returnType.javaName() + " result", pos);
      out.add(new Stmt.Return(value, pos));
    } else if (s instanceof LabeledStatementTree l) {
      lowerLoop(l.getStatement(), l.getLabel().toString(), out);
    } else if (s instanceof ForLoopTree || s instanceof EnhancedForLoopTree
        || s instanceof WhileLoopTree || s instanceof DoWhileLoopTree) {
      lowerLoop(s, null, out);
    } else if (s instanceof BreakTree b) {
      out.add(new Stmt.Jump(Stmt.Jump.Kind.BREAK, jumpTarget(b.getLabel(), pos), pos));
    } else if (s instanceof ContinueTree c) {
      out.add(new Stmt.Jump(Stmt.Jump.Kind.CONTINUE, jumpTarget(c.getLabel(), pos), pos));
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

  private Label jumpTarget(javax.lang.model.element.Name label, SourcePos pos) {
    for (LoopScope loop : loops) {
      if (label == null || label.contentEquals(String.valueOf(loop.name()))) {
        return loop.label();
      }
    }
    throw error(pos, Message.UNSUPPORTED_STATEMENT,
        label == null ? "break or continue outside a loop" : "a jump to label " + label,
        "only loops can be the target of break and continue");
  }

  // Loops.

  private void lowerLoop(StatementTree tree, String labelName, List<Stmt> out) {
    SourcePos pos = positions.of(tree);
    if (!(tree instanceof ForLoopTree || tree instanceof EnhancedForLoopTree
        || tree instanceof WhileLoopTree || tree instanceof DoWhileLoopTree)) {
      throw error(pos, Message.UNSUPPORTED_STATEMENT, "a labelled " + describe(tree),
          "only loops can carry a label");
    }
    Label label = new Label(labelName);
    scopes.push(new HashMap<>());
    loops.push(new LoopScope(label, labelName));
    try {
      if (tree instanceof ForLoopTree f) {
        lowerFor(f, label, pos, out);
      } else if (tree instanceof EnhancedForLoopTree f) {
        lowerEnhancedFor(f, label, pos, out);
      } else if (tree instanceof WhileLoopTree w) {
        Expr condition = lowerCondition(w.getCondition());
        out.add(new Stmt.While(condition, lowerNested(w.getStatement()), List.of(), label, pos));
      } else {
        DoWhileLoopTree d = (DoWhileLoopTree) tree;
        // do { body } while (c)  ==  more = true; while (more) { body; more = c; }
        Variable more = Variable.generated("more", Type.BOOLEAN);
        out.add(new Stmt.Declare(more, Expr.Literal.ofBoolean(true), pos));
        List<Stmt> body = lowerNested(d.getStatement());
        Expr condition = lowerCondition(d.getCondition());
        out.add(new Stmt.While(new Expr.Read(more), body,
            List.of(new Stmt.Assign(more, condition, positions.of(d.getCondition()))), label,
            pos));
      }
    } finally {
      loops.pop();
      scopes.pop();
    }
  }

  /**
   * {@code for (int i = a; i < b; i++)} with a body that never assigns {@code i} (nor the
   * variables of {@code b}) is a counted loop; any other {@code for} is a {@code while} loop.
   */
  private void lowerFor(ForLoopTree tree, Label label, SourcePos pos, List<Stmt> out) {
    int snapshots = checkpointSnapshots(tree);
    if (snapshots > 0 && loops.size() > 1) {
      throw error(pos, Message.CHECKPOINT, "loops cannot be nested in other loops");
    }
    List<Stmt> init = new ArrayList<>();
    for (StatementTree s : tree.getInitializer()) {
      lowerStatement(s, init);
    }
    statementPos = pos;
    Expr condition = tree.getCondition() == null
        ? Expr.Literal.ofBoolean(true)
        : lowerCondition(tree.getCondition());
    List<Stmt> update = new ArrayList<>();
    for (ExpressionStatementTree u : tree.getUpdate()) {
      lowerExpressionStatement(u.getExpression(), update, positions.of(u));
    }
    List<Stmt> body = lowerNested(tree.getStatement());
    if (snapshots > 0) {
      Stmt.For loop = countedLoop(init, condition, update, body, label, pos)
          .map(l -> (Stmt.For) l.get(0))
          .filter(l -> l.step() == 1)
          .orElseThrow(() -> error(pos, Message.CHECKPOINT, "needs a counted loop"));
      checkRunsEveryStep(body, label, pos);
      out.add(new Stmt.For(loop.index(), loop.declaresIndex(), loop.from(), loop.comparison(),
          loop.to(), loop.step(), loop.body(), label, snapshots, pos));
      return;
    }
    out.addAll(countedLoop(init, condition, update, body, label, pos)
        .orElseGet(() -> {
          List<Stmt> general = new ArrayList<>(init);
          general.add(new Stmt.While(condition, body, update, label, pos));
          return general;
        }));
  }

  private static Optional<List<Stmt>> countedLoop(List<Stmt> init, Expr condition,
      List<Stmt> update, List<Stmt> body, Label label, SourcePos pos) {
    if (init.size() != 1 || !(init.get(0) instanceof Stmt.Declare d) || d.init() == null
        || d.variable().type() != Type.INT || update.size() != 1
        || !(condition instanceof Expr.Binary cmp)
        || !(cmp.left() instanceof Expr.Read r) || r.variable() != d.variable()
        || cmp.right().type() != Type.INT) {
      return Optional.empty();
    }
    Variable index = d.variable();
    int step = stepOf(update.get(0), index);
    boolean upward = cmp.op() == BinaryOp.LT || cmp.op() == BinaryOp.LE;
    boolean downward = cmp.op() == BinaryOp.GT || cmp.op() == BinaryOp.GE;
    if (!(upward && step == 1) && !(downward && step == -1)) {
      return Optional.empty();
    }
    Set<Variable> assignedInBody = IrWalk.assigned(body);
    if (assignedInBody.contains(index) || boundVaries(cmp.right(), body)) {
      return Optional.empty();
    }
    return Optional.of(List.of(new Stmt.For(index, true, d.init(), cmp.op(), cmp.right(), step,
        body, label, pos)));
  }

  /**
   * Whether the body may change the bound's value: it assigns a variable the bound reads, or
   * stores into an array whose elements the bound reads. Element stores leave an array's length
   * alone, so {@code i < out.length} stays a counted loop over a body writing {@code out[i]}.
   */
  private static boolean boundVaries(Expr bound, List<Stmt> body) {
    Set<Variable> readsThroughElements = new HashSet<>();
    Set<Variable> readsAtAll = new HashSet<>();
    collectBoundReads(bound, readsThroughElements, readsAtAll);
    Set<Variable> reassigned = IrWalk.reassigned(body);
    Set<Variable> assigned = IrWalk.assigned(body);
    return readsAtAll.stream().anyMatch(reassigned::contains)
        || readsThroughElements.stream().anyMatch(assigned::contains);
  }

  /**
   * Every variable {@code e} reads into {@code all}; those it reads other than as the array of
   * an {@code a.length} into {@code elements} too.
   */
  private static void collectBoundReads(Expr e, Set<Variable> elements, Set<Variable> all) {
    if (e instanceof Expr.ArrayLength length && length.array() instanceof Expr.Read r) {
      all.add(r.variable());
      return;
    }
    if (e instanceof Expr.Read r) {
      all.add(r.variable());
      elements.add(r.variable());
      return;
    }
    for (Expr child : IrWalk.children(e)) {
      collectBoundReads(child, elements, all);
    }
  }

  /**
   * The {@code snapshots} of a {@code @Checkpoint} on the loop variable, or 0 without one. Any
   * other annotation there is an error.
   */
  private int checkpointSnapshots(ForLoopTree tree) {
    int snapshots = 0;
    for (StatementTree init : tree.getInitializer()) {
      if (!(init instanceof VariableTree v)) {
        continue;
      }
      for (AnnotationTree annotation : v.getModifiers().getAnnotations()) {
        SourcePos pos = positions.of(annotation);
        boolean checkpoint = resolver.resolveClass((ExpressionTree) annotation.getAnnotationType())
            .map(t -> t.getQualifiedName().contentEquals("io.github.chainrule.Checkpoint"))
            .orElse(false);
        if (!checkpoint) {
          throw error(pos, Message.UNSUPPORTED_STATEMENT, "an annotation on a local variable",
              "remove it (only @Checkpoint, on a for loop's variable, is understood)");
        }
        snapshots = -1;
        for (ExpressionTree argument : annotation.getArguments()) {
          ExpressionTree value = argument instanceof AssignmentTree a
              ? a.getExpression() : argument;
          Expr lowered = lowerExpression(value, null, false);
          Object constant = constantValue(lowered);
          if (!(constant instanceof Integer n) || n < 1) {
            throw error(positions.of(value), Message.CHECKPOINT,
                "snapshots must be an int constant of at least 1, not " + positions.text(value));
          }
          snapshots = n;
        }
        if (snapshots < 1) {
          throw error(pos, Message.CHECKPOINT, "needs snapshots = N");
        }
      }
    }
    return snapshots;
  }

  private Object constantValue(Expr e) {
    if (e instanceof Expr.Literal l && l.type() == Type.INT) {
      try {
        return Integer.decode(l.text().replace("_", ""));
      } catch (NumberFormatException ex) {
        return null;
      }
    }
    if (e instanceof Expr.StaticField f && f.type() == Type.INT) {
      TypeElement owner = elements.getTypeElement(f.owner().canonicalName());
      return owner == null ? null : resolver.field(owner, f.name())
          .map(VariableElement::getConstantValue).orElse(null);
    }
    return null;
  }

  /** A checkpointed loop's steps all run to their end: no break, no return, no outer jump. */
  private void checkRunsEveryStep(List<Stmt> body, Label label, SourcePos pos) {
    IrWalk.forEachStatement(body, s -> {
      boolean leaves = s instanceof Stmt.Return
          || (s instanceof Stmt.Jump j
              && (j.kind() == Stmt.Jump.Kind.BREAK || j.target() != label));
      if (leaves) {
        throw error(s.pos(), Message.CHECKPOINT, "loops must run every step to its end");
      }
      if (s instanceof Stmt.For f && f.isCheckpointed()) {
        throw error(s.pos(), Message.CHECKPOINT, "loops cannot be nested in each other");
      }
    });
  }

  /** +1 for {@code i++}, {@code i += 1}; −1 for {@code i--}, {@code i -= 1}; else 0. */
  private static int stepOf(Stmt update, Variable index) {
    if (update instanceof Stmt.Assign a && a.variable() == index
        && a.value() instanceof Expr.Binary b && b.left() instanceof Expr.Read r
        && r.variable() == index && b.right() instanceof Expr.Literal l && l.denotes(1.0)) {
      return b.op() == BinaryOp.ADD ? 1 : b.op() == BinaryOp.SUB ? -1 : 0;
    }
    return 0;
  }

  /** {@code for (double v : a) body}  ==  {@code for (int k = 0; k < a.length; k++) { v = a[k]; body }}. */
  private void lowerEnhancedFor(EnhancedForLoopTree tree, Label label, SourcePos pos,
      List<Stmt> out) {
    Expr array = lowerExpression(tree.getExpression(), out, true);
    if (!(array instanceof Expr.Read || array instanceof Expr.StaticField)
        || !array.type().isArray()) {
      throw error(positions.of(tree.getExpression()), Message.UNSUPPORTED_STATEMENT,
          "an enhanced for loop over " + positions.text(tree.getExpression()),
          "loop over an array variable");
    }
    VariableTree element = tree.getVariable();
    Type elementType = declaredType(element, array.type().element());
    if (!elementType.acceptsWithoutCast(array.type().element())) {
      throw error(positions.of(element), Message.TYPE_MISMATCH,
          array.type().element().javaName(), "loop variable " + element.getName());
    }
    Variable index = Variable.generated("k", Type.INT);
    Variable value = Variable.local(element.getName().toString(), elementType);
    scopes.peek().put(value.hint(), value);
    List<Stmt> body = new ArrayList<>();
    body.add(new Stmt.Declare(value, new Expr.ArrayLoad(array, new Expr.Read(index)),
        positions.of(element)));
    body.addAll(lowerNested(tree.getStatement()));
    out.add(new Stmt.For(index, true, Expr.Literal.ofInt(0), BinaryOp.LT,
        new Expr.ArrayLength(array), 1, body, label, pos));
  }

  private static String describe(Tree tree) {
    return tree.getKind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  // Declarations and assignments.

  private Type declaredType(VariableTree tree, Type inferred) {
    Tree typeTree = tree.getType();
    boolean isVar = typeTree == null
        || (typeTree instanceof IdentifierTree id && id.getName().contentEquals("var"));
    if (isVar) {
      if (inferred == null) {
        throw error(positions.of(tree), Message.UNSUPPORTED_LOCAL_TYPE, tree.getName(), "var");
      }
      return inferred;
    }
    return localType(typeTree)
        .orElseThrow(() -> error(positions.of(typeTree), Message.UNSUPPORTED_LOCAL_TYPE,
            tree.getName(), positions.text(typeTree)));
  }

  private void lowerDeclaration(VariableTree tree, List<Stmt> out) {
    SourcePos pos = positions.of(tree);
    String name = tree.getName().toString();
    ExpressionTree initTree = tree.getInitializer();
    Tree typeTree = tree.getType();
    boolean isVar = typeTree == null
        || (typeTree instanceof IdentifierTree id && id.getName().contentEquals("var"));
    Type declared = isVar ? null : declaredType(tree, null);
    if (declared != null && declared.isArray() || initTree instanceof NewArrayTree
        || isClone(initTree)) {
      lowerArrayDeclaration(tree, declared, out, pos);
      return;
    }
    Expr init = initTree == null ? null : lowerExpression(initTree, out, true);
    Type type = declaredType(tree, init == null ? null : init.type());
    if (type.isArray()) {
      lowerArrayDeclaration(tree, type, out, pos);
      return;
    }
    if (init != null) {
      checkAssignable(type, init, "local " + name + " of type " + type.javaName(), pos);
    }
    Variable variable = Variable.local(name, type);
    scopes.peek().put(name, variable);
    out.add(new Stmt.Declare(variable, init, pos));
  }

  /**
   * A local array is bound once, at its declaration, to an array of its own: {@code new
   * double[n]}, an initialiser, or {@code other.clone()}. It is never re-bound or aliased, so an
   * element store touches exactly one array.
   */
  private void lowerArrayDeclaration(VariableTree tree, Type declared, List<Stmt> out,
      SourcePos pos) {
    String name = tree.getName().toString();
    ExpressionTree initTree = tree.getInitializer();
    String fix = "initialise it with new double[n], an initialiser {...} or other.clone()";
    if (initTree == null) {
      throw error(pos, Message.ARRAY_BINDING, name, fix);
    }
    Expr init;
    List<Expr> elements = List.of();
    if (initTree instanceof NewArrayTree n) {
      Type type = declared != null ? declared : arrayTypeOf(n.getType(), pos);
      if (n.getDimensions().size() == 1 && n.getInitializers() == null) {
        Expr length = lowerExpression(n.getDimensions().get(0), out, false);
        if (length.type() != Type.INT) {
          throw error(positions.of(n.getDimensions().get(0)), Message.TYPE_MISMATCH,
              length.type().javaName(), "the int length of array " + name);
        }
        init = new Expr.NewArray(type, length);
      } else if (n.getDimensions().isEmpty() && n.getInitializers() != null) {
        elements = new ArrayList<>();
        for (ExpressionTree e : n.getInitializers()) {
          Expr element = lowerExpression(e, out, true);
          checkAssignable(type.element(), element, "an element of " + name, positions.of(e));
          elements.add(element);
        }
        init = new Expr.NewArray(type, Expr.Literal.ofInt(elements.size()));
      } else {
        throw error(pos, Message.UNSUPPORTED_LOCAL_TYPE, name, "a multi-dimensional array");
      }
      declared = type;
    } else if (isClone(initTree)
        && lookup(cloneSource(initTree)).type().isArray()) {
      Variable original = lookup(cloneSource(initTree));
      init = new Expr.ArrayClone(new Expr.Read(original));
      if (declared == null) {
        declared = original.type();
      }
      if (declared != original.type()) {
        throw error(pos, Message.TYPE_MISMATCH, original.type().javaName(),
            "local " + name + " of type " + declared.javaName());
      }
    } else {
      throw error(positions.of(initTree), Message.ARRAY_BINDING, name, fix);
    }
    Variable variable = Variable.local(name, declared);
    scopes.peek().put(name, variable);
    out.add(new Stmt.Declare(variable, init, pos));
    for (int i = 0; i < elements.size(); i++) {
      out.add(new Stmt.ArrayStore(variable, Expr.Literal.ofInt(i), elements.get(i), pos));
    }
  }

  private static String cloneSource(ExpressionTree clone) {
    MemberSelectTree select = (MemberSelectTree) ((MethodInvocationTree) clone).getMethodSelect();
    return ((IdentifierTree) select.getExpression()).getName().toString();
  }

  private boolean isClone(ExpressionTree tree) {
    return tree instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && call.getMethodSelect() instanceof MemberSelectTree select
        && select.getIdentifier().contentEquals("clone")
        && select.getExpression() instanceof IdentifierTree source
        && lookup(source.getName().toString()) != null;
  }

  private Type arrayTypeOf(Tree elementType, SourcePos pos) {
    Optional<Type> element = primitiveType(elementType)
        .filter(t -> t == Type.DOUBLE || t == Type.INT);
    return element.map(Type::arrayOf).orElseThrow(() -> error(pos,
        Message.UNSUPPORTED_LOCAL_TYPE, "array", positions.text(elementType) + "[]"));
  }

  private static ExpressionTree unparenthesised(ExpressionTree tree) {
    while (tree instanceof ParenthesizedTree p) {
      tree = p.getExpression();
    }
    return tree;
  }

  private void lowerExpressionStatement(ExpressionTree e, List<Stmt> out, SourcePos pos) {
    ExpressionTree target;
    Expr value;
    if (e instanceof AssignmentTree a) {
      target = a.getVariable();
      value = lowerExpression(a.getExpression(), out, true);
    } else if (e instanceof CompoundAssignmentTree c) {
      target = c.getVariable();
      Expr operand = lowerExpression(c.getExpression(), out, true);
      value = binary(compoundOperator(c.getKind()), readTarget(target, out), operand,
          positions.of(c));
    } else if (e instanceof UnaryTree u) {
      target = u.getExpression();
      BinaryOp op = u.getKind() == Tree.Kind.PREFIX_INCREMENT
          || u.getKind() == Tree.Kind.POSTFIX_INCREMENT ? BinaryOp.ADD : BinaryOp.SUB;
      Expr current = readTarget(target, out);
      if (!current.type().isNumeric()) {
        throw error(pos, Message.UNSUPPORTED_OPERATOR, op.symbol() + op.symbol(),
            current.type().javaName(), "use it on numbers only");
      }
      value = new Expr.Binary(op, current, Expr.Literal.ofInt(1));
    } else {
      throw new IllegalStateException("the fence let through " + e.getKind());
    }
    boolean compound = !(e instanceof AssignmentTree);
    target = unparenthesised(target);
    if (target instanceof ArrayAccessTree access) {
      Variable array = writableArray(access.getExpression());
      Expr index = lowerIndex(access.getIndex(), out);
      Type element = array.type().element();
      if (compound) {
        value = castTo(element, value);
      }
      checkAssignable(element, value, "an element of " + array.hint(), pos);
      out.add(new Stmt.ArrayStore(array, index, value, pos));
      return;
    }
    Variable variable = assignmentTarget(target);
    if (variable.type().isArray()) {
      throw error(pos, Message.ARRAY_BINDING, variable.hint(),
          "declare a new local array instead of re-binding this one");
    }
    if (compound) {
      // Java's compound assignment casts back: k += 0.5 is k = (int) (k + 0.5).
      value = castTo(variable.type(), value);
    }
    checkAssignable(variable.type(), value,
        variable.hint() + " of type " + variable.type().javaName() + " without a cast", pos);
    out.add(new Stmt.Assign(variable, value, pos));
  }

  /** The current value of an assignment target (for compound assignment and ++/--). */
  private Expr readTarget(ExpressionTree target, List<Stmt> out) {
    target = unparenthesised(target);
    if (target instanceof ArrayAccessTree access) {
      Variable array = writableArray(access.getExpression());
      return new Expr.ArrayLoad(new Expr.Read(array), lowerIndex(access.getIndex(), out));
    }
    return new Expr.Read(assignmentTarget(target));
  }

  private Variable writableArray(ExpressionTree arrayTree) {
    SourcePos pos = positions.of(arrayTree);
    if (arrayTree instanceof IdentifierTree id) {
      Variable v = lookup(id.getName().toString());
      if (v != null && v.type().isArray()) {
        if (v.role() == Variable.Role.PARAMETER) {
          throw error(pos, Message.PARAMETER_ARRAY_WRITE, v.hint(), v.hint());
        }
        return v;
      }
    }
    throw error(pos, Message.ASSIGN_TO_CONSTANT, positions.text(arrayTree));
  }

  private Expr lowerIndex(ExpressionTree tree, List<Stmt> out) {
    Expr index = lowerExpression(tree, out, false);
    if (index.type() != Type.INT) {
      throw error(positions.of(tree), Message.TYPE_MISMATCH, index.type().javaName(),
          "an array index (an int)");
    }
    return index;
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

  private void checkAssignable(Type target, Expr value, String usedAs, SourcePos pos) {
    if (!target.acceptsWithoutCast(value.type())) {
      throw error(pos, Message.TYPE_MISMATCH, value.type().javaName(), usedAs);
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
          "a condition (a boolean)");
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
      return call(call, out, differentiated, pos);
    }
    if (tree instanceof ArrayAccessTree access) {
      Expr array = lowerExpression(access.getExpression(), out, differentiated);
      if (!(array instanceof Expr.Read || array instanceof Expr.StaticField)
          || !array.type().isArray()) {
        throw error(pos, Message.UNSUPPORTED_EXPRESSION,
            "indexing " + positions.text(access.getExpression()), "index an array variable");
      }
      return new Expr.ArrayLoad(array, lowerIndex(access.getIndex(), out));
    }
    if (tree instanceof NewArrayTree) {
      throw error(pos, Message.ARRAY_BINDING, "a new array", "create arrays only to initialise"
          + " a local array variable: double[] a = new double[n];");
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
    if (lookupQualifierAsVariable(tree.getExpression())) {
      Variable v = lookup(((IdentifierTree) tree.getExpression()).getName().toString());
      if (v.type().isArray() && member.equals("length")) {
        return new Expr.ArrayLength(new Expr.Read(v));
      }
      throw error(pos, Message.UNKNOWN_NAME, positions.text(tree));
    }
    Optional<TypeElement> owner = lookupQualifierAsVariable(tree.getExpression())
        ? Optional.empty()
        : resolver.resolveClass(tree.getExpression());
    if (owner.isEmpty() && member.equals("length")) {
      // TABLE.length, for a constant table.
      Expr table = lowerExpression(tree.getExpression(), null, false);
      if (table instanceof Expr.StaticField f && f.type().isArray()) {
        return new Expr.ArrayLength(table);
      }
    }
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
    Type type = returnType(field.asType())
        .orElseThrow(() -> error(pos, Message.FIELD_TYPE, name, field.asType()));
    if (type.isArray()) {
      // A constant table: read by name, never written, never differentiated.
      if (!resolver.isReadableFromGeneratedClass(field)) {
        throw error(pos, Message.FIELD_NOT_ACCESSIBLE, name);
      }
      return new Expr.StaticField(classRef((TypeElement) field.getEnclosingElement()),
          field.getSimpleName().toString(), type);
    }
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
      throw error(pos, Message.TYPE_MISMATCH, b.javaName(),
          "the other branch of a conditional whose first branch is " + a.javaName());
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

  private Expr call(MethodInvocationTree call, List<Stmt> out, boolean differentiated,
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
      owner = resolver.staticMethodOwner(methodName);
    }
    String shown = positions.text(select) + "(...)";
    if (owner.isEmpty()) {
      throw error(pos, Message.UNKNOWN_METHOD, shown);
    }
    List<Expr> arguments = new ArrayList<>();
    for (ExpressionTree argument : call.getArguments()) {
      arguments.add(lowerExpression(argument, out, differentiated));
    }
    Optional<MathFunction> function = isMath(owner.get())
        ? MathFunction.byJavaName(methodName, arguments.size())
        : Optional.empty();
    if (function.isPresent()) {
      for (int i = 0; i < arguments.size(); i++) {
        if (!arguments.get(i).type().isNumeric()) {
          throw error(positions.of(call.getArguments().get(i)), Message.MATH_ARGUMENT_TYPE,
              owner.get().getSimpleName() + "." + methodName, arguments.get(i).type().javaName());
        }
      }
      boolean strict = owner.get().getSimpleName().contentEquals("StrictMath");
      return new Expr.MathCall(function.get(), strict, arguments);
    }
    // Any other static method is kept as written; it may only see values without derivatives,
    // which the transforms check once activity is known.
    ExecutableElement method = resolver.staticMethod(owner.get(), methodName,
            arguments.stream().map(Expr::type).collect(Collectors.toList()))
        .orElseThrow(() -> error(pos, Message.UNKNOWN_METHOD, shown));
    Optional<CallTarget> differentiable =
        MethodContract.callTarget(method, classRef(owner.get()));
    if (differentiable.isEmpty() && MethodContract.isDifferentiable(method)
        && MethodContract.returnsDouble(method)) {
      throw error(pos, resolver.isReadableFromGeneratedClass(method)
          ? Message.UNREADABLE_CALLEE : Message.METHOD_NOT_ACCESSIBLE, shown);
    }
    if (differentiable.isPresent()) {
      if (!resolver.isReadableFromGeneratedClass(method)) {
        throw error(pos, Message.METHOD_NOT_ACCESSIBLE, shown);
      }
      return new Expr.Call(differentiable.get(), arguments, pos);
    }
    Type type = returnType(method.getReturnType())
        .orElseThrow(() -> error(pos, Message.UNKNOWN_METHOD, shown));
    if (!resolver.isReadableFromGeneratedClass(method)) {
      throw error(pos, Message.METHOD_NOT_ACCESSIBLE, shown);
    }
    return new Expr.StaticCall(classRef(owner.get()), methodName, arguments, type, pos);
  }

  private static Optional<Type> returnType(javax.lang.model.type.TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      String text = type.toString();
      return text.equals("double[]") ? Optional.of(Type.DOUBLE_ARRAY)
          : text.equals("int[]") ? Optional.of(Type.INT_ARRAY) : Optional.empty();
    }
    return primitiveType(type.getKind());
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

  /** The type of a local variable declaration: a primitive or a one-dimensional array of one. */
  static Optional<Type> localType(Tree typeTree) {
    if (typeTree instanceof ArrayTypeTree array) {
      return primitiveType(array.getType())
          .filter(t -> t == Type.DOUBLE || t == Type.INT)
          .map(Type::arrayOf);
    }
    return primitiveType(typeTree);
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
