package io.github.chainrule.processor.behaviour;

import static io.github.chainrule.processor.behaviour.Numeric.assertAllModes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generated class names for nested classes ({@code Outer_Inner_DeeperGradient}) and the access of
 * generated methods, which must be that of the original method.
 */
class NestingAndAccessTest {

  @Test
  void topLevelClassOfANestingChain() {
    for (double x : new double[] {-1.0, 0.0, 2.5}) {
      assertAllModes("Outer.outer", v -> Outer.outer(v[0]),
          (v, d) -> OuterGradient.outerJvp(v[0], d[0]), v -> OuterGradient.outerGradient(v[0]),
          (v, g) -> OuterGradient.outerValueAndGradient(v[0], g), v -> new double[] {3.0},
          new double[] {x});
    }
  }

  @Test
  void staticNestedClassGetsOuterUnderscoreInner() {
    for (double x : new double[] {-1.0, 0.0, 0.7}) {
      assertAllModes("Outer.Inner.inner", v -> Outer.Inner.inner(v[0]),
          (v, d) -> Outer_InnerGradient.innerJvp(v[0], d[0]),
          v -> Outer_InnerGradient.innerGradient(v[0]),
          (v, g) -> Outer_InnerGradient.innerValueAndGradient(v[0], g),
          v -> new double[] {3 * Math.exp(3 * v[0])}, new double[] {x});
    }
  }

  @Test
  void deeperNestingJoinsEveryName() {
    for (double[] p : new double[][] {{1.0, 2.0}, {-3.0, 0.5}, {0.0, -4.0}}) {
      assertAllModes("Outer.Inner.Deeper.deeper", v -> Outer.Inner.Deeper.deeper(v[0], v[1]),
          (v, d) -> Outer_Inner_DeeperGradient.deeperJvp(v[0], d[0], v[1], d[1]),
          v -> Outer_Inner_DeeperGradient.deeperGradient(v[0], v[1]),
          (v, g) -> Outer_Inner_DeeperGradient.deeperValueAndGradient(v[0], v[1], g),
          v -> new double[] {1 / v[1], -v[0] / (v[1] * v[1])}, p);
    }
  }

  @Test
  void generatedClassesOfNestedSourcesArePublicFinalTopLevel() {
    for (Class<?> c : List.of(OuterGradient.class, Outer_InnerGradient.class,
        Outer_Inner_DeeperGradient.class)) {
      assertEquals(null, c.getEnclosingClass(), c + " is top level");
      assertEquals("io.github.chainrule.processor.behaviour", c.getPackageName());
      assertTrue(Modifier.isPublic(c.getModifiers()) && Modifier.isFinal(c.getModifiers()),
          c + " is public final");
    }
  }

  private static final int ACCESS = Modifier.PUBLIC | Modifier.PROTECTED | Modifier.PRIVATE;

  @Test
  void generatedMethodsHaveTheAccessOfTheOriginal() throws Exception {
    for (String name : List.of("open", "packagePrivate", "guarded")) {
      Method original = Access.class.getDeclaredMethod(name, double.class);
      int expected = original.getModifiers() & ACCESS;
      List<Method> generated = Arrays.stream(AccessGradient.class.getDeclaredMethods())
          .filter(m -> m.getName().startsWith(name))
          .toList();
      List<String> names = generated.stream().map(Method::getName).sorted().toList();
      assertEquals(List.of(name + "Gradient", name + "Hessian", name + "Hvp", name + "Jvp",
          name + "Pullback", name + "PullbackJvp", name + "ValueAndGradient"), names);
      for (Method m : generated) {
        assertEquals(Modifier.toString(expected), Modifier.toString(m.getModifiers() & ACCESS),
            m + " must have the access of " + original);
        assertTrue(Modifier.isStatic(m.getModifiers()), m + " is static");
      }
    }
    // The three levels really differ, so the check above compares something.
    assertTrue(Modifier.isPublic(AccessGradient.class.getDeclaredMethod("openJvp", double.class,
        double.class).getModifiers()));
    assertTrue(Modifier.isProtected(AccessGradient.class.getDeclaredMethod("guardedGradient",
        double.class).getModifiers()));
    assertEquals(0, AccessGradient.class.getDeclaredMethod("packagePrivateValueAndGradient",
        double.class, double[].class).getModifiers() & ACCESS);
  }

  @Test
  void derivativesOfTheAccessFixtures() {
    for (double x : new double[] {-2.0, 0.5}) {
      assertAllModes("open", v -> Access.open(v[0]), (v, d) -> AccessGradient.openJvp(v[0], d[0]),
          v -> AccessGradient.openGradient(v[0]),
          (v, g) -> AccessGradient.openValueAndGradient(v[0], g), v -> new double[] {2 * v[0]},
          new double[] {x});
      assertAllModes("packagePrivate", v -> Access.packagePrivate(v[0]),
          (v, d) -> AccessGradient.packagePrivateJvp(v[0], d[0]),
          v -> AccessGradient.packagePrivateGradient(v[0]),
          (v, g) -> AccessGradient.packagePrivateValueAndGradient(v[0], g),
          v -> new double[] {3 * v[0] * v[0]}, new double[] {x});
      assertAllModes("guarded", v -> Access.guarded(v[0]),
          (v, d) -> AccessGradient.guardedJvp(v[0], d[0]),
          v -> AccessGradient.guardedGradient(v[0]),
          (v, g) -> AccessGradient.guardedValueAndGradient(v[0], g), v -> new double[] {-1},
          new double[] {x});
    }
  }
}
