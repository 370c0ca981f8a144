package io.atelier.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.generation.GenerationStateException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The vocabulary is complete: every shared code has a kind, a wire code and a message, and every
 * dialect's handler renders every kind and every shared code as a 4xx or 5xx with a body (a new
 * kind or code that a dialect cannot answer fails here, not in production as a bare 500).
 */
class ErrorVocabularyTest {

    /** The five HTTP dialects' handlers; each has {@code refused(AtelierException, …)}. */
    private static final String[] HANDLERS = {
            "io.atelier.core.api.v1.NativeExceptionHandler",
            "io.atelier.core.api.v0.V0ExceptionHandler",
            "io.atelier.core.api.cuppa.CuppaExceptionHandler",
            "io.atelier.core.api.recoup.RecoupExceptionHandler",
            "io.atelier.core.api.openai.OpenAiExceptionHandler"};

    static String[] handlers() {
        return HANDLERS;
    }

    /** A refusal of a kind with a code of its own, as a domain class makes it. */
    private static AtelierException refusal(ErrorKind kind, Duration retryAfter) {
        return new AtelierException(kind, "TEST_" + kind.name(), "prompt", "refused: " + kind, retryAfter, null) {
        };
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everySharedCodeHasAKindAnUpperCaseWireCodeAndAMessage(ErrorCode code) {
        assertThat(code.kind()).isNotNull();
        assertThat(code.wireCode()).matches("[A-Z][A-Z_]*[A-Z]");
        assertThat(code.defaultMessage()).isNotBlank();
        AtelierException e = new AtelierException(code);
        assertThat(e.errorKind()).isEqualTo(code.kind());
        assertThat(e.code()).isEqualTo(code.wireCode());
        assertThat(e.sharedCode()).isEqualTo(code);
        assertThat(e.getMessage()).isEqualTo(code.defaultMessage());
    }

    @Test
    void everyKindIsAnErrorStatusAndTheStatusLeadsBackToAKindOfIt() {
        for (ErrorKind kind : ErrorKind.values()) {
            assertThat(kind.status()).as(kind.name()).isBetween(400, 599);
            assertThat(ErrorKind.forStatus(kind.status()).status()).isEqualTo(kind.status());
        }
        assertThat(ErrorKind.forStatus(418)).isEqualTo(ErrorKind.INVALID);
        assertThat(ErrorKind.forStatus(599)).isEqualTo(ErrorKind.INTERNAL);
    }

    @ParameterizedTest
    @MethodSource("handlers")
    void everyDialectRendersEveryKindAndEverySharedCode(String handlerClass) throws Exception {
        List<AtelierException> refusals = new ArrayList<>();
        for (ErrorKind kind : ErrorKind.values()) {
            refusals.add(refusal(kind, null));
        }
        for (ErrorCode code : ErrorCode.values()) {
            refusals.add(new AtelierException(code, code == ErrorCode.PARAMETER_MISSING ? "n" : null, code.defaultMessage(), null));
        }
        for (AtelierException e : refusals) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            ResponseEntity<?> answer = render(handlerClass, e, response);
            String what = handlerClass.substring(handlerClass.lastIndexOf('.') + 1) + " " + e.code() + " (" + e.errorKind() + ")";
            assertThat(answer.getStatusCode().value()).as(what).isBetween(400, 599);
            assertThat(answer.getBody()).as(what).isNotNull();
            assertThat(answer.getBody().toString().toLowerCase(Locale.ROOT)).as(what).contains("error");
        }
    }

    @ParameterizedTest
    @MethodSource("handlers")
    void aRefusalWithARetryAfterSetsTheHeaderInEveryDialect(String handlerClass) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        ResponseEntity<?> answer = render(handlerClass, refusal(ErrorKind.LIMITED, Duration.ofMillis(2500)), response);
        assertThat(answer.getStatusCode().value()).isEqualTo(429);
        assertThat(response.getHeaders(HttpHeaders.RETRY_AFTER)).containsExactly("3");
    }

    /** The worked example of docs/design-notes.md ("Errors"): one throw with a new code, no other edit. */
    @Test
    void aNewCodeIsAnsweredByEveryDialectWithNoOtherEdit() throws Exception {
        AtelierException e = new GenerationStateException("DAILY_CAP_REACHED", "the team made its 500 images today");
        String[] expected = {"code=DAILY_CAP_REACHED", "error=the team made its 500 images today", "code=conflict",
                "error=the team made its 500 images today", "code=daily_cap_reached"};
        for (int i = 0; i < HANDLERS.length; i++) {
            ResponseEntity<?> answer = render(HANDLERS[i], e, new MockHttpServletResponse());
            assertThat(answer.getStatusCode().value()).as(HANDLERS[i]).isEqualTo(409);
            assertThat(String.valueOf(answer.getBody())).as(HANDLERS[i]).contains(expected[i]);
        }
    }

    /** Calls the package-private handler's {@code refused} the way Spring MVC would. */
    private static ResponseEntity<?> render(String handlerClass, AtelierException e, MockHttpServletResponse response)
            throws Exception {
        Class<?> type = Class.forName(handlerClass);
        Constructor<?> constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object handler = constructor.newInstance();
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals("refused")) {
                method.setAccessible(true);
                Class<?>[] parameters = method.getParameterTypes();
                Object[] arguments = new Object[parameters.length];
                arguments[0] = e;
                for (int i = 1; i < parameters.length; i++) {
                    arguments[i] = parameters[i].isInstance(response) ? response : new MockHttpServletRequest();
                }
                return (ResponseEntity<?>) method.invoke(handler, arguments);
            }
        }
        throw new AssertionError(handlerClass + " has no refused(AtelierException, …) method");
    }
}
