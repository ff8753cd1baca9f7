package io.github.chainrule.processor.ir;

import java.util.List;

/**
 * An IR statement. Each carries the source position it was lowered from, so the generated code
 * can say which source line a block comes from and diagnostics can point at it.
 */
public sealed interface Stmt
    permits Stmt.Declare, Stmt.Assign, Stmt.ArrayStore, Stmt.If, Stmt.Return {

  SourcePos pos();

  /** {@code T v = init;} or, with a null init, {@code T v;}. */
  record Declare(Variable variable, Expr init, SourcePos pos) implements Stmt {}

  /** {@code v = value;} (compound assignments are lowered to this). */
  record Assign(Variable variable, Expr value, SourcePos pos) implements Stmt {}

  /** {@code array[index] = value;}. */
  record ArrayStore(Variable array, Expr index, Expr value, SourcePos pos) implements Stmt {}

  /** {@code if (condition) { whenTrue } else { whenFalse }}; either list may be empty. */
  record If(Expr condition, List<Stmt> whenTrue, List<Stmt> whenFalse, SourcePos pos)
      implements Stmt {
    public If {
      whenTrue = List.copyOf(whenTrue);
      whenFalse = List.copyOf(whenFalse);
    }
  }

  /** {@code return value;}; always the last statement of a method body. */
  record Return(Expr value, SourcePos pos) implements Stmt {}
}
