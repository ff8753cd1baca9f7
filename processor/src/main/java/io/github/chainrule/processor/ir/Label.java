package io.github.chainrule.processor.ir;

/**
 * The identity of a loop for {@code break} and {@code continue}, compared by identity; the name
 * is the source label, if any, for messages.
 */
public final class Label {

  private final String name;

  public Label(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return name == null ? "<loop>" : name;
  }
}
