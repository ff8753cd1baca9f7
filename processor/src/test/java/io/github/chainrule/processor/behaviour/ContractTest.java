package io.github.chainrule.processor.behaviour;

import static io.github.chainrule.processor.behaviour.Numeric.assertAllModes;
import static io.github.chainrule.processor.behaviour.Numeric.assertArrayExact;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The calling contract of the generated methods (API.md, "The generated class" and "Semantics"):
 * parameter layout, fValueAndGradient's value and output array, the exceptions, and the shape of
 * the generated class.
 */
class ContractTest {

  /** ∇ of x·y·n + sin(z)·y + exp(x·z) with respect to (x, y, z). */
  static double[] threeActiveGradient(double x, int n, double y, double z) {
    double e = Math.exp(x * z);
    return new double[] {y * n + z * e, x * n + Math.sin(z), y * Math.cos(z) + x * e};
  }

  @Test
  void inactiveIntAppearsOnceBetweenInterleavedTangents() {
    int n = 3;
    double x = 0.5;
    double y = -1.25;
    double z = 0.75;
    double[] expected = threeActiveGradient(x, n, y, z);
    double[] at = {x, y, z};
    // (x, dx, n, y, dy, z, dz)
    assertArrayExact("unit tangents", at, expected, new double[] {
        ContractGradient.threeActiveJvp(x, 1, n, y, 0, z, 0),
        ContractGradient.threeActiveJvp(x, 0, n, y, 1, z, 0),
        ContractGradient.threeActiveJvp(x, 0, n, y, 0, z, 1)});
    assertArrayExact("fGradient", at, expected, ContractGradient.threeActiveGradient(x, n, y, z));
    for (int m : new int[] {-2, 0, 5}) {
      assertAllModes("threeActive n=" + m, v -> Contract.threeActive(v[0], m, v[1], v[2]),
          (v, d) -> ContractGradient.threeActiveJvp(v[0], d[0], m, v[1], d[1], v[2], d[2]),
          v -> ContractGradient.threeActiveGradient(v[0], m, v[1], v[2]),
          (v, g) -> ContractGradient.threeActiveValueAndGradient(v[0], m, v[1], v[2], g),
          v -> threeActiveGradient(v[0], m, v[1], v[2]), at);
    }
  }

  @Test
  void valueAndGradientReturnsFsValueBitForBit() {
    java.util.Random random = new java.util.Random(11);
    for (int i = 0; i < 200; i++) {
      double x = 4 * random.nextDouble() - 2;
      double y = 4 * random.nextDouble() - 2;
      double z = 4 * random.nextDouble() - 2;
      int n = random.nextInt(11) - 5;
      double value = ContractGradient.threeActiveValueAndGradient(x, n, y, z, new double[3]);
      assertEquals(Double.doubleToRawLongBits(Contract.threeActive(x, n, y, z)),
          Double.doubleToRawLongBits(value), "value at " + Arrays.toString(new double[] {x, y, z}));
      assertEquals(Double.doubleToRawLongBits(Contract.single(x)),
          Double.doubleToRawLongBits(ContractGradient.singleValueAndGradient(x, new double[1])));
    }
  }

  @Test
  void valueAndGradientOverwritesRatherThanAccumulates() {
    double[] expected = ContractGradient.threeActiveGradient(0.5, 2, 1.5, -0.5);
    double[] g = {Double.NaN, 1e300, -7.0};
    ContractGradient.threeActiveValueAndGradient(0.5, 2, 1.5, -0.5, g);
    assertArrayEquals(expected, g, "garbage in the array must be overwritten");
    ContractGradient.threeActiveValueAndGradient(0.5, 2, 1.5, -0.5, g);
    assertArrayEquals(expected, g, "a second call into the same array gives the same gradient");
  }

  @Test
  void longerGradientArrayKeepsEntriesPastN() {
    double[] expected = ContractGradient.threeActiveGradient(-0.25, 1, 2.0, 1.0);
    double[] sentinels = {Double.NaN, -0.0, Double.MAX_VALUE, 42.0};
    double[] g = new double[3 + sentinels.length];
    Arrays.fill(g, 0, 3, 99.0);
    System.arraycopy(sentinels, 0, g, 3, sentinels.length);
    double value = ContractGradient.threeActiveValueAndGradient(-0.25, 1, 2.0, 1.0, g);
    assertEquals(Contract.threeActive(-0.25, 1, 2.0, 1.0), value);
    assertArrayEquals(expected, Arrays.copyOf(g, 3));
    for (int i = 0; i < sentinels.length; i++) {
      assertEquals(Double.doubleToRawLongBits(sentinels[i]), Double.doubleToRawLongBits(g[3 + i]),
          "entry " + (3 + i) + " past n must be left alone");
    }
  }

  @Test
  void nullGradientThrowsNullPointerExceptionNamingIt() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> ContractGradient.threeActiveValueAndGradient(1, 1, 1, 1, null));
    assertTrue(e.getMessage() != null && e.getMessage().contains("gradient"), e.getMessage());
    NullPointerException single = assertThrows(NullPointerException.class,
        () -> ContractGradient.singleValueAndGradient(1, null));
    assertTrue(single.getMessage() != null && single.getMessage().contains("gradient"),
        single.getMessage());
  }

  @Test
  void shortGradientThrowsIllegalArgumentExceptionNamingIt() {
    for (int length = 0; length < 3; length++) {
      double[] g = new double[length];
      Arrays.fill(g, 5.0);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ContractGradient.threeActiveValueAndGradient(1, 1, 1, 1, g),
          "length " + length);
      assertTrue(e.getMessage() != null && e.getMessage().contains("gradient"), e.getMessage());
      double[] untouched = new double[length];
      Arrays.fill(untouched, 5.0);
      assertArrayEquals(untouched, g, "a rejected array is not written");
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ContractGradient.singleValueAndGradient(1, new double[0]));
    assertTrue(e.getMessage() != null && e.getMessage().contains("gradient"), e.getMessage());
  }

  @Test
  void gradientReturnsAFreshArrayOfLengthN() {
    double[] first = ContractGradient.threeActiveGradient(0.1, 4, 0.2, 0.3);
    double[] second = ContractGradient.threeActiveGradient(0.1, 4, 0.2, 0.3);
    assertEquals(3, first.length);
    assertNotSame(first, second);
    first[0] = Double.NaN;
    assertArrayEquals(second, ContractGradient.threeActiveGradient(0.1, 4, 0.2, 0.3));
    assertEquals(1, ContractGradient.singleGradient(0.5).length);
  }

  /** Concurrent calls never interfere: every thread gets the sequential answer. */
  @Test
  void concurrentCallsAgreeWithSequentialOnes() throws Exception {
    int points = 2000;
    double[][] expected = new double[points][];
    double[] values = new double[points];
    for (int i = 0; i < points; i++) {
      double[] g = new double[3];
      values[i] = ContractGradient.threeActiveValueAndGradient(i * 1e-3, i % 7, -i * 2e-3, 1, g);
      expected[i] = g;
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        futures.add(pool.submit(() -> IntStream.range(0, points).forEach(k -> {
          int i = (k * 7 + offset * 13) % points;
          double[] g = new double[3];
          double v = ContractGradient.threeActiveValueAndGradient(i * 1e-3, i % 7, -i * 2e-3, 1, g);
          if (v != values[i] || !Arrays.equals(g, expected[i])) {
            throw new AssertionError("thread " + offset + " differs at point " + i);
          }
        })));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void generatedClassIsPublicFinalWithOnlyAPrivateConstructor() {
    Class<?> c = ContractGradient.class;
    assertTrue(Modifier.isPublic(c.getModifiers()), "public");
    assertTrue(Modifier.isFinal(c.getModifiers()), "final");
    Constructor<?>[] constructors = c.getDeclaredConstructors();
    assertEquals(1, constructors.length, Arrays.toString(constructors));
    assertTrue(Modifier.isPrivate(constructors[0].getModifiers()), "private constructor");
    assertEquals(0, constructors[0].getParameterCount());
    for (Method m : c.getDeclaredMethods()) {
      if (!m.isSynthetic()) {
        assertTrue(Modifier.isStatic(m.getModifiers()), m + " is static");
      }
    }
  }

  @Test
  void generatedMethodSignaturesFollowTheContract() throws Exception {
    Class<?> c = ContractGradient.class;
    Method jvp = c.getDeclaredMethod("threeActiveJvp", double.class, double.class, int.class,
        double.class, double.class, double.class, double.class);
    assertEquals(double.class, jvp.getReturnType());
    Method gradient = c.getDeclaredMethod("threeActiveGradient", double.class, int.class,
        double.class, double.class);
    assertEquals(double[].class, gradient.getReturnType());
    Method vag = c.getDeclaredMethod("threeActiveValueAndGradient", double.class, int.class,
        double.class, double.class, double[].class);
    assertEquals(double.class, vag.getReturnType());
  }

  /** @Generated has source retention, so it is checked in the generated source file. */
  @Test
  void generatedSourceCarriesGeneratedWithoutTimestamp() throws IOException {
    Path source = Path.of("target", "generated-test-sources", "test-annotations", "io", "github",
        "chainrule", "processor", "behaviour", "ContractGradient.java");
    assumeTrue(Files.isRegularFile(source), "generated source not found from " + Path.of("")
        .toAbsolutePath());
    String text = Files.readString(source);
    assertTrue(text.contains("@Generated(\"io.github.chainrule.processor.ChainruleProcessor\")"),
        "@Generated naming the processor");
    assertTrue(text.contains("import javax.annotation.processing.Generated;"), "javax Generated");
    assertTrue(!text.contains("date ="), "no timestamp");
    assertTrue(text.contains("public final class ContractGradient"), "public final");
    assertTrue(text.contains("private ContractGradient()"), "private constructor");
  }
}
