package io.github.chainrule.processor.ir;

/**
 * A variable of the IR. Variables are compared by identity, not by name: two source locals called
 * {@code t} in sibling blocks are two variables, and generated variables (tangents, adjoints,
 * temporaries) carry only a naming hint. The code generator's naming class turns hints into
 * distinct Java identifiers, so no generated name can clash with a user's.
 */
public final class Variable {

  /** Why a variable exists; decides how its Java name is derived. */
  public enum Role {
    /** A parameter of the user's method: keeps its name. */
    PARAMETER,
    /** A local of the user's method: keeps its name unless two locals share it. */
    LOCAL,
    /** A temporary introduced by a pass: named t0, t1, ... */
    TEMP,
    /** The tangent of another variable: {@code x_dot}. */
    TANGENT,
    /** The adjoint of another variable: {@code x_bar}. */
    ADJOINT,
    /** A fixed name chosen by the generator (the {@code gradient} output, a seed). */
    GENERATED
  }

  private final String hint;
  private final Type type;
  private final Role role;
  private final Variable primal;

  private Variable(String hint, Type type, Role role, Variable primal) {
    this.hint = hint;
    this.type = type;
    this.role = role;
    this.primal = primal;
  }

  public static Variable parameter(String name, Type type) {
    return new Variable(name, type, Role.PARAMETER, null);
  }

  public static Variable local(String name, Type type) {
    return new Variable(name, type, Role.LOCAL, null);
  }

  public static Variable temp(Type type) {
    return new Variable("t", type, Role.TEMP, null);
  }

  public static Variable generated(String name, Type type) {
    return new Variable(name, type, Role.GENERATED, null);
  }

  public static Variable tangentOf(Variable primal) {
    return new Variable(primal.hint + "_dot", primal.type, Role.TANGENT, primal);
  }

  public static Variable adjointOf(Variable primal) {
    return new Variable(primal.hint + "_bar", primal.type, Role.ADJOINT, primal);
  }

  /** The preferred name: the source name, or a derived one for generated variables. */
  public String hint() {
    return hint;
  }

  public Type type() {
    return type;
  }

  public Role role() {
    return role;
  }

  /** For a tangent or adjoint, the variable it belongs to; otherwise null. */
  public Variable primal() {
    return primal;
  }

  @Override
  public String toString() {
    return hint;
  }
}
