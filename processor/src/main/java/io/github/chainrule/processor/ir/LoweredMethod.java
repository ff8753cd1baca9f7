package io.github.chainrule.processor.ir;

import java.util.List;

/**
 * A user's {@code @Differentiable} method after lowering: its IR, which parameters are active
 * (those in {@code wrt}, in declaration order), and what the generated methods must copy from it.
 */
public record LoweredMethod(
    IrMethod method, List<Variable> activeParameters, Access access, String javadocLink) {

  /** The access of the user's method, which each generated method copies. */
  public enum Access {
    PUBLIC("public"),
    PROTECTED("protected"),
    PACKAGE("");

    private final String keyword;

    Access(String keyword) {
      this.keyword = keyword;
    }

    public String keyword() {
      return keyword;
    }
  }

  public LoweredMethod {
    activeParameters = List.copyOf(activeParameters);
  }

  public boolean isActive(Variable parameter) {
    return activeParameters.contains(parameter);
  }
}
