package io.github.chainrule.processor.ir;

import java.util.List;

/**
 * An IR statement. Each carries the source position it was lowered from, so the generated code
 * can say which source line a block comes from and diagnostics can point at it.
 */
public sealed interface Stmt
    permits Stmt.Declare,
        Stmt.Assign,
        Stmt.ArrayStore,
        Stmt.If,
        Stmt.While,
        Stmt.For,
        Stmt.Jump,
        Stmt.Push,
        Stmt.Effect,
        Stmt.LengthCheck,
        Stmt.Release,
        Stmt.Return {

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

  /**
   * {@code while (condition) { body update }}, where a {@code continue} skips the rest of the body
   * but not the update (the update of a general {@code for} loop, the condition of a
   * {@code do}-{@code while}). The lowering folds the update into the body and removes the jumps;
   * the label identifies the loop for {@link Jump}s until then and means nothing afterwards.
   */
  record While(Expr condition, List<Stmt> body, List<Stmt> update, Label label, SourcePos pos)
      implements Stmt {
    public While {
      body = List.copyOf(body);
      update = List.copyOf(update);
    }

    /** A loop with no update and no label, as the transforms write them. */
    public static While of(Expr condition, List<Stmt> body, SourcePos pos) {
      return new While(condition, body, List.of(), null, pos);
    }
  }

  /**
   * A counted loop: {@code for (int i = from; i < to; i++)} (or with {@code <=}, and downwards
   * with {@code > >=} and {@code i--}). The body never assigns the index, and the bound's
   * variables are not assigned in the body (an array the bound reads only through its length may
   * have elements stored), so the sequence of indices is known from {@code from}
   * and the index's value after the loop; reverse mode replays it backwards without a tape. When
   * {@code declaresIndex} is false the index is declared elsewhere and keeps its value after the
   * loop. {@code label} serves the {@link Jump}s of the raw lowering only. {@code snapshots} is
   * the {@code @Checkpoint} budget, or 0 when reverse mode tapes the loop as usual.
   */
  record For(Variable index, boolean declaresIndex, Expr from, BinaryOp comparison, Expr to,
      int step, List<Stmt> body, Label label, int snapshots, SourcePos pos) implements Stmt {
    public For {
      body = List.copyOf(body);
      if (step != 1 && step != -1) {
        throw new IllegalArgumentException("step must be 1 or -1");
      }
    }

    /** A loop without checkpointing. */
    public For(Variable index, boolean declaresIndex, Expr from, BinaryOp comparison, Expr to,
        int step, List<Stmt> body, Label label, SourcePos pos) {
      this(index, declaresIndex, from, comparison, to, step, body, label, 0, pos);
    }

    /** The same loop with another body (and no label: labels serve the lowering only). */
    public For withBody(List<Stmt> newBody) {
      return new For(index, declaresIndex, from, comparison, to, step, newBody, null, snapshots,
          pos);
    }

    /** Whether reverse mode checkpoints this loop ({@code @Checkpoint(snapshots = N)}). */
    public boolean isCheckpointed() {
      return snapshots > 0;
    }
  }

  /**
   * {@code break} or {@code continue} of a labelled loop, before the lowering turns them into
   * flags. Never reaches the transforms.
   */
  record Jump(Kind kind, Label target, SourcePos pos) implements Stmt {
    public enum Kind { BREAK, CONTINUE }
  }

  /** {@code tape.push(value)}: saves a value for the reverse sweep. */
  record Push(Variable tape, Expr value, SourcePos pos) implements Stmt {}

  /** A call made for what it writes into its output arrays: {@code gPullback(x, seed, bars);}. */
  record Effect(Expr.Call call, SourcePos pos) implements Stmt {}

  /**
   * {@code if (array.length != expected) throw new IllegalArgumentException(...)} naming the
   * parameter: for an argument whose length is only known once the method has run.
   */
  record LengthCheck(Variable array, Expr expected, SourcePos pos) implements Stmt {}

  /** {@code tape.release();}: the method is done with its tape; the thread may reuse it. */
  record Release(Variable tape, SourcePos pos) implements Stmt {}

  /** {@code return value;}; after lowering, always the last statement of a method body. */
  record Return(Expr value, SourcePos pos) implements Stmt {}
}
