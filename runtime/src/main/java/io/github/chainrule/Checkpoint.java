package io.github.chainrule;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks for binomial checkpointing of a counted {@code for} loop inside a {@link Differentiable}
 * method: {@code for (@Checkpoint(snapshots = 20) int t = 0; t < steps; t++)}. Reverse mode then
 * keeps at most {@link #snapshots()} copies of the loop's live state and recomputes the rest,
 * instead of taping every iteration.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.LOCAL_VARIABLE)
public @interface Checkpoint {

  /** The largest number of snapshots of the loop state held at once; at least 1. */
  int snapshots();
}
