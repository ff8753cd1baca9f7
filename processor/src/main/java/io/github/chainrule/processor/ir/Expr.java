package io.github.chainrule.processor.ir;

import java.util.List;

/**
 * An IR expression. Expressions are pure: they read variables and compute a value, never assign.
 * Every node knows its type, computed by Java's rules when it is built.
 */
public sealed interface Expr
    permits Expr.Literal,
        Expr.Read,
        Expr.StaticField,
        Expr.Unary,
        Expr.Binary,
        Expr.Conditional,
        Expr.Cast,
        Expr.MathCall,
        Expr.ArrayLoad,
        Expr.ArrayLength,
        Expr.NewArray,
        Expr.ArrayClone,
        Expr.StaticCall,
        Expr.Call,
        Expr.NewTape,
        Expr.NewRevolve,
        Expr.Invoke,
        Expr.Pop {

  Type type();

  /** Whether the expression is a leaf that is cheap to repeat: a variable, a literal, a constant. */
  default boolean isAtom() {
    return this instanceof Read || this instanceof Literal || this instanceof StaticField;
  }

  /** A literal, kept as its Java source text ({@code 1e-9}, {@code 0x1F}, {@code 2.0}). */
  record Literal(Type type, String text) implements Expr {

    public static Literal ofDouble(double value) {
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("not a finite literal: " + value);
      }
      return new Literal(Type.DOUBLE, Double.toString(value));
    }

    public static Literal ofBoolean(boolean value) {
      return new Literal(Type.BOOLEAN, Boolean.toString(value));
    }

    public static Literal ofInt(int value) {
      return new Literal(Type.INT, Integer.toString(value));
    }

    /** Whether this literal denotes exactly the given double (1, 1.0, 1e0 all denote 1). */
    public boolean denotes(double value) {
      try {
        String digits = text.replace("_", "");
        if (type == Type.DOUBLE) {
          return !digits.startsWith("0x") && !digits.startsWith("0X")
              && Double.parseDouble(digits) == value;
        }
        if (type == Type.INT) {
          return Integer.decode(digits) == value;
        }
        return false;
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }

  /** The current value of a variable. */
  record Read(Variable variable) implements Expr {
    @Override
    public Type type() {
      return variable.type();
    }
  }

  /** A static final field of some class, e.g. {@code Math.PI} or {@code Model.SCALE}. */
  record StaticField(ClassRef owner, String name, Type type) implements Expr {}

  record Unary(UnaryOp op, Expr operand) implements Expr {
    @Override
    public Type type() {
      return op == UnaryOp.NOT ? Type.BOOLEAN : operand.type();
    }
  }

  record Binary(BinaryOp op, Expr left, Expr right) implements Expr {
    @Override
    public Type type() {
      if (op.isComparison() || op.isLogical()) {
        return Type.BOOLEAN;
      }
      if (op.isShift()) {
        return left.type();
      }
      if (op.isBitwise() && left.type() == Type.BOOLEAN) {
        return Type.BOOLEAN;
      }
      return Type.promote(left.type(), right.type());
    }
  }

  /** {@code condition ? whenTrue : whenFalse}. */
  record Conditional(Expr condition, Expr whenTrue, Expr whenFalse) implements Expr {
    @Override
    public Type type() {
      return whenTrue.type() == whenFalse.type()
          ? whenTrue.type()
          : Type.promote(whenTrue.type(), whenFalse.type());
    }
  }

  /** A primitive cast, {@code (int) x}. */
  record Cast(Type type, Expr operand) implements Expr {}

  /** A call of {@code Math.f} (or {@code StrictMath.f} when {@code strict}). */
  record MathCall(MathFunction function, boolean strict, List<Expr> arguments) implements Expr {
    public MathCall {
      arguments = List.copyOf(arguments);
    }

    @Override
    public Type type() {
      if (function.hasIntegerOverloads()) {
        Type t = arguments.get(0).type();
        for (Expr a : arguments) {
          t = Type.promote(t, a.type());
        }
        return t;
      }
      return Type.DOUBLE;
    }
  }

  /** {@code array[index]}. */
  record ArrayLoad(Expr array, Expr index) implements Expr {
    @Override
    public Type type() {
      return array.type().element();
    }
  }

  /** {@code array.length}. */
  record ArrayLength(Expr array) implements Expr {
    @Override
    public Type type() {
      return Type.INT;
    }
  }

  /** {@code new double[length]} or {@code new int[length]}: zero-filled. */
  record NewArray(Type type, Expr length) implements Expr {}

  /** {@code array.clone()}. */
  record ArrayClone(Expr array) implements Expr {
    @Override
    public Type type() {
      return array.type();
    }
  }

  /**
   * The value last pushed on a tape, removed from it: {@code tape.pop()}, or
   * {@code tape.popBoolean()} for a boolean on an int tape.
   */
  record Pop(Variable tape, Type type) implements Expr {}

  /**
   * A call of a static method that has no derivative (a user's integer helper, {@code
   * Math.round}), allowed only where its arguments carry no derivative: it is kept as written.
   */
  record StaticCall(ClassRef owner, String name, List<Expr> arguments, Type type, SourcePos pos)
      implements Expr {
    public StaticCall {
      arguments = List.copyOf(arguments);
    }
  }

  /**
   * {@code DoubleTape.acquire()} or {@code IntTape.acquire()}: a tape for this call alone
   * (reused from the thread's last call when possible).
   */
  record NewTape(Type type) implements Expr {}

  /** A call of a method with derivatives (see {@link CallTarget}). */
  record Call(CallTarget target, List<Expr> arguments, SourcePos pos) implements Expr {
    public Call {
      arguments = List.copyOf(arguments);
    }

    @Override
    public Type type() {
      return target.returnType();
    }
  }

  /** {@code new Revolve(steps, snapshots)}: the checkpointing schedule of one loop execution. */
  record NewRevolve(Expr steps, Expr snapshots) implements Expr {
    @Override
    public Type type() {
      return Type.REVOLVE;
    }
  }

  /** An argument-free query of a runtime object, e.g. {@code revolve.capo()}. */
  record Invoke(Variable receiver, String method, Type type) implements Expr {}
}
