package com.perfectwork.mail.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/** What an unreadable JSON body is said to be: the field that has the wrong value, named as the client named it. */
class JsonErrorsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void namesTheFieldOfANestedValueOfTheWrongType() {
        assertThat(describe("{\"defaults\": {\"values\": {\"team\": [1]}}}"))
                .isEqualTo("the value of 'team' has the wrong type or format");
    }

    @Test
    void aFieldNameAsLongAsAClientMaySendIsNamedWellUnderASecond() {
        String name = "a".repeat(50_000);

        String described = assertTimeoutPreemptively(
                Duration.ofSeconds(3), () -> describe("{\"defaults\": {\"" + name + "\": [1]}}"));

        assertThat(described).isEqualTo("the value of '" + name + "' has the wrong type or format");
    }

    private static String describe(String body) {
        DatabindException wrongType = catchThrowableOfType(
                DatabindException.class,
                () -> JSON.readValue(body, new TypeReference<Map<String, Map<String, Map<String, String>>>>() {}));
        return JsonErrors.describe(new HttpMessageNotReadableException(
                "unreadable",
                wrongType,
                new MockHttpInputMessage(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }
}
