package io.github.chainrule.processor.ir;

import java.util.List;

/**
 * A method in IR form: the lowered user method, or a generated one (a transform's output). The
 * body is structured: nested statement lists, with one {@code Return} as its last statement when
 * the method returns a value.
 */
public record IrMethod(
    String name, List<Variable> parameters, Type returnType, List<Stmt> body, SourcePos pos) {

  public IrMethod {
    parameters = List.copyOf(parameters);
    body = List.copyOf(body);
  }

  /** The same method with another body: what each clean-up pass returns. */
  public IrMethod withBody(List<Stmt> newBody) {
    return new IrMethod(name, parameters, returnType, newBody, pos);
  }
}
