package io.github.chainrule.processor.golden;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.chainrule.processor.ChainruleProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A few canonical inputs and the complete files Chainrule generates for them, compared exactly:
 * the output is part of the contract (readable, byte-for-byte reproducible). The inputs and the
 * expected files live in {@code src/test/resources/golden/<case>/}. When a change to the
 * generator is intended, review the new output as a user stepping through it in a debugger
 * would, then replace the expected file with it.
 */
class GoldenFilesTest {

  @Test
  void seedPolynomial() {
    assertGolden("polynomial", "Polynomial", "PolynomialGradient");
  }

  @Test
  void twoInputsAReassignedLocalAndATernary() {
    assertGolden("blend", "Blend", "BlendGradient");
  }

  @Test
  void tailReturnsInBothBranchesAndAWrtSubsetWithAnIntParameter() {
    assertGolden("piecewise", "Piecewise", "PiecewiseGradient");
  }

  @Test
  void staticNestedClass() {
    assertGolden("nested", "Physics", "Physics_SpringGradient");
  }

  @Test
  void countedAndWhileLoopsOverADoubleArrayParameter() {
    assertGolden("loops", "Loops", "LoopsGradient");
  }

  @Test
  void anInnerLoopAddingToOneAdjointElementAccumulatesItInALocal() {
    assertGolden("triangular", "Triangular", "TriangularGradient");
  }

  private static void assertGolden(String directory, String input, String generated) {
    JavaFileObject source = JavaFileObjects.forSourceString("golden." + input,
        resource(directory, input));
    Compilation compilation =
        Compiler.javac().withProcessors(new ChainruleProcessor()).compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertWithMessage("generated files").that(compilation.generatedSourceFiles()).hasSize(1);
    String actual = contents(compilation.generatedSourceFile("golden." + generated)
        .orElseThrow(() -> new AssertionError("golden." + generated + " was not generated")));
    assertWithMessage("golden/%s/%s.java", directory, generated)
        .that(actual).isEqualTo(resource(directory, generated));
  }

  static String resource(String directory, String className) {
    String path = "/golden/" + directory + "/" + className + ".java";
    try (InputStream in = GoldenFilesTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new AssertionError("missing test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String contents(JavaFileObject file) {
    try {
      return file.getCharContent(false).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
