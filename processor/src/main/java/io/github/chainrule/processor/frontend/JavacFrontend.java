package io.github.chainrule.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.github.chainrule.processor.diag.Diagnostic;
import io.github.chainrule.processor.diag.Diagnostics;
import io.github.chainrule.processor.diag.DifferentiationError;
import io.github.chainrule.processor.diag.Message;
import io.github.chainrule.processor.ir.CallTarget;
import io.github.chainrule.processor.ir.ClassRef;
import io.github.chainrule.processor.ir.Expr;
import io.github.chainrule.processor.ir.IrMethod;
import io.github.chainrule.processor.ir.SourcePos;
import io.github.chainrule.processor.ir.Stmt;
import io.github.chainrule.processor.ir.Type;
import io.github.chainrule.processor.ir.Variable;
import java.util.ArrayList;
import java.util.List;
import io.github.chainrule.processor.ir.LoweredMethod;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;

/**
 * The front end's entry point: reads a {@code @Differentiable} method's declaration and body
 * through javac's tree API, runs the fence and the lowering, and places diagnostics on the exact
 * tree they are about. The only class that touches {@link ProcessingEnvironment}, because
 * {@link Trees#instance} needs it.
 */
public final class JavacFrontend {

  private final ProcessingEnvironment env;
  private final Trees trees;
  private final Map<CompilationUnitTree, Positions> positions = new HashMap<>();

  private JavacFrontend(ProcessingEnvironment env, Trees trees) {
    this.env = env;
    this.trees = trees;
  }

  /**
   * The front end, or empty when the compiler is not javac or the environment is wrapped (as
   * Gradle's incremental processing does) so that method bodies cannot be read.
   */
  public static Optional<JavacFrontend> create(ProcessingEnvironment env) {
    try {
      return Optional.of(new JavacFrontend(env, Trees.instance(env)));
    } catch (IllegalArgumentException | LinkageError e) {
      return Optional.empty();
    }
  }

  /**
   * Checks, fences and lowers a method; empty (with the problems in {@code diagnostics}) when it
   * cannot be differentiated.
   */
  public Optional<LoweredMethod> read(ExecutableElement method, Diagnostics diagnostics) {
    Optional<MethodContract.Checked> contract = MethodContract.check(method, diagnostics);
    if (MethodContract.isCustom(method)) {
      return contract.flatMap(checked -> custom(method, checked, diagnostics));
    }
    TreePath path = trees.getPath(method);
    if (path == null || !(path.getLeaf() instanceof MethodTree tree)) {
      if (!diagnostics.hasErrors()) {
        diagnostics.errorOnMethod(Message.NO_BODY, method.getSimpleName());
      }
      return Optional.empty();
    }
    if (tree.getBody() == null) {
      if (!diagnostics.hasErrors()) {
        diagnostics.errorOnMethod(Message.NO_BODY, method.getSimpleName());
      }
      return Optional.empty();
    }
    Positions unitPositions = positionsOf(path.getCompilationUnit());
    // The body is fenced even when the declaration is wrong: the user sees every problem at once.
    new Fence(unitPositions, diagnostics).check(tree.getBody());
    if (contract.isEmpty() || diagnostics.hasErrors()) {
      return Optional.empty();
    }
    MethodContract.Checked checked = contract.get();
    NameResolver resolver = new NameResolver(env.getElementUtils(), path.getCompilationUnit(),
        (TypeElement) method.getEnclosingElement());
    try {
      IrMethod ir = new Lowering(unitPositions, resolver, env.getElementUtils())
          .lower(method.getSimpleName().toString(), checked.parameters(), checked.returnType(),
              tree.getBody(), unitPositions.of(tree));
      return Optional.of(new LoweredMethod(ir, checked.active(), checked.access(),
          checked.javadocLink()));
    } catch (DifferentiationError e) {
      diagnostics.add(e.diagnostic());
      return Optional.empty();
    }
  }

  /**
   * A {@code @CustomDerivative} method is not read: its IR is one call of itself, differentiated
   * by the user's partial-derivative methods.
   */
  private Optional<LoweredMethod> custom(ExecutableElement method,
      MethodContract.Checked checked, Diagnostics diagnostics) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    ClassRef ownerRef = classRef(owner);
    return MethodContract.customPartials(method, ownerRef, checked, diagnostics).map(partials -> {
      List<Type> types = new ArrayList<>();
      List<Boolean> active = new ArrayList<>();
      List<Boolean> outputs = new ArrayList<>();
      List<Expr> arguments = new ArrayList<>();
      for (Variable p : checked.parameters()) {
        types.add(p.type());
        active.add(checked.active().contains(p));
        outputs.add(false);
        arguments.add(new Expr.Read(p));
      }
      CallTarget self = new CallTarget(ownerRef, ownerRef.gradientClass(),
          method.getSimpleName().toString(), true, types, active, outputs, Type.DOUBLE, partials);
      Expr.Call call = new Expr.Call(self, arguments, SourcePos.NONE);
      IrMethod ir = new IrMethod(method.getSimpleName().toString(), checked.parameters(),
          Type.DOUBLE, List.of(new Stmt.Return(call, SourcePos.NONE)), SourcePos.NONE);
      return new LoweredMethod(ir, checked.active(), checked.access(), checked.javadocLink());
    });
  }

  private ClassRef classRef(TypeElement type) {
    List<String> names = new ArrayList<>();
    for (javax.lang.model.element.Element e = type; e instanceof TypeElement t;
        e = t.getEnclosingElement()) {
      names.add(0, t.getSimpleName().toString());
    }
    return new ClassRef(env.getElementUtils().getPackageOf(type).getQualifiedName().toString(),
        String.join(".", names));
  }

  /** Prints a diagnostic: on its tree when it has a position, else on the method. */
  public void report(ExecutableElement method, Diagnostic diagnostic) {
    TreePath path = trees.getPath(method);
    if (diagnostic.pos().isKnown() && path != null) {
      Tree tree = positionsOf(path.getCompilationUnit()).treeAt(diagnostic.pos());
      if (tree != null) {
        trees.printMessage(Kind.ERROR, diagnostic.text(), tree, path.getCompilationUnit());
        return;
      }
    }
    env.getMessager().printMessage(Kind.ERROR, diagnostic.text(), method);
  }

  private Positions positionsOf(CompilationUnitTree unit) {
    return positions.computeIfAbsent(unit, u -> new Positions(u, trees));
  }
}
