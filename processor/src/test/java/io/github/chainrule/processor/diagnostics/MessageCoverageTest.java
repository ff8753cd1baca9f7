package io.github.chainrule.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.github.chainrule.processor.diag.Message;
import java.lang.reflect.Method;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every diagnostic has a test: a new {@link Message} constant fails here until a test that
 * triggers it is named below (or it is listed as untriggerable, with the reason).
 */
class MessageCoverageTest {

  private record TestRef(Class<?> type, String method) {}

  private static final Map<Message, TestRef> TESTED = new EnumMap<>(Message.class);

  /** Constants no test triggers, and why. */
  private static final Map<Message, String> NOT_TESTED = new EnumMap<>(Message.class);

  private static void tested(Message message, Class<?> type, String method) {
    TESTED.put(message, new TestRef(type, method));
  }

  static {
    Class<?> declaration = MethodDeclarationDiagnosticsTest.class;
    tested(Message.NOT_STATIC, declaration, "instanceMethodIsRejected");
    tested(Message.PRIVATE_METHOD, declaration, "privateMethodIsRejected");
    tested(Message.INNER_CLASS, declaration, "staticMethodOfInnerClassIsRejected");
    tested(Message.GENERIC_METHOD, declaration, "genericMethodIsRejected");
    tested(Message.NO_BODY, declaration, "methodWithoutBodyIsRejected");
    tested(Message.RETURN_TYPE, declaration, "intReturnTypeIsRejected");
    tested(Message.PARAMETER_TYPE, declaration, "stringParameterIsRejected");
    tested(Message.WRT_UNKNOWN, declaration, "wrtNamingAnUnknownParameterIsRejected");
    tested(Message.WRT_NOT_DIFFERENTIABLE, declaration,
        "wrtNamingANonDoubleParameterIsRejected");
    tested(Message.WRT_DUPLICATE, declaration, "wrtNamingAParameterTwiceIsRejected");
    tested(Message.NO_ACTIVE_PARAMETER, declaration, "methodWithoutDoubleParameterIsRejected");
    tested(Message.NAME_CLASH, declaration, "overloadsClashAndTheFirstIsStillGenerated");

    tested(Message.UNSUPPORTED_STATEMENT, StatementDiagnosticsTest.class, "switchStatement");
    tested(Message.UNSUPPORTED_EXPRESSION, ExpressionDiagnosticsTest.class, "lambda");
    tested(Message.UNSUPPORTED_OPERATOR, ExpressionDiagnosticsTest.class, "remainderOfDoubles");
    tested(Message.UNSUPPORTED_LITERAL, ExpressionDiagnosticsTest.class, "floatLiteral");

    Class<?> names = LocalAndFieldDiagnosticsTest.class;
    tested(Message.UNSUPPORTED_LOCAL_TYPE, names, "stringLocal");
    tested(Message.UNKNOWN_NAME, names, "unknownSimpleName");
    tested(Message.FIELD_NOT_CONSTANT, names, "staticFieldThatIsNotFinal");
    tested(Message.FIELD_TYPE, names, "floatConstant");
    tested(Message.FIELD_NOT_ACCESSIBLE, names, "privateComputedConstantOfTheSameClass");

    tested(Message.UNKNOWN_METHOD, CallDiagnosticsTest.class, "callToALibraryMethod");
    tested(Message.METHOD_NOT_ACCESSIBLE, CallDiagnosticsTest.class,
        "privateHelperCannotBeCalledFromTheGeneratedClass");
    tested(Message.MATH_ARGUMENT_TYPE, CallDiagnosticsTest.class,
        "mathFunctionWithABooleanArgument");

    tested(Message.ARRAY_BINDING, ArrayDiagnosticsTest.class, "arrayLocalWithoutInitialiser");
    tested(Message.PARAMETER_ARRAY_WRITE, ArrayDiagnosticsTest.class, "writeIntoAParameterArray");
    tested(Message.VARARGS, declaration, "varargsMethodIsOneError");

    tested(Message.MISSING_RETURN, MethodShapeDiagnosticsTest.class, "missingReturnAtTheEnd");
    tested(Message.TYPE_MISMATCH, MethodShapeDiagnosticsTest.class, "doubleAssignedToAnIntLocal");
    tested(Message.ASSIGN_TO_CONSTANT, MethodShapeDiagnosticsTest.class, "assignmentToAConstant");

    tested(Message.TREES_UNAVAILABLE, TreesUnavailableTest.class,
        "oneErrorForTheWholeCompilation");
    tested(Message.INTERNAL_ERROR, InternalErrorTest.class,
        "aFailureIsOneErrorOnItsMethodWithAShortTrace");

    Class<?> features = NewFeatureDiagnosticsTest.class;
    tested(Message.NO_DERIVATIVE, features, "activeArgumentToAHelperWithoutDerivative");
    tested(Message.CUSTOM_DERIVATIVE, features, "customDerivativeWithTheWrongNumberOfPartials");
    tested(Message.CHECKPOINT, features, "checkpointOnALoopThatIsNotCounted");
    tested(Message.UNREADABLE_CALLEE, features,
        "callOfADifferentiableMethodWhoseDeclarationIsInvalid");
  }

  @Test
  void everyMessageIsTestedOrExplained() {
    Set<Message> missing = EnumSet.allOf(Message.class);
    missing.removeAll(TESTED.keySet());
    missing.removeAll(NOT_TESTED.keySet());
    assertWithMessage("messages without a diagnostic test").that(missing).isEmpty();
    assertWithMessage("listed both as tested and as not tested")
        .that(TESTED.keySet()).containsNoneIn(NOT_TESTED.keySet());
  }

  @Test
  void theNamedTestsExist() throws NoSuchMethodException {
    for (TestRef ref : TESTED.values()) {
      Method method = ref.type().getDeclaredMethod(ref.method());
      assertWithMessage("%s.%s is a @Test", ref.type().getSimpleName(), ref.method())
          .that(method.isAnnotationPresent(Test.class)).isTrue();
    }
  }

  @Test
  void tagsAreStableLowercaseAndDistinct() {
    Set<String> tags = new HashSet<>();
    for (Message m : Message.values()) {
      assertThat(m.tag()).matches("[a-z]+(-[a-z]+)*");
      assertWithMessage("tag %s used twice", m.tag()).that(tags.add(m.tag())).isTrue();
      assertThat(m.format("a", "b", "c", "d")).startsWith("[chainrule:" + m.tag() + "] ");
    }
  }
}
