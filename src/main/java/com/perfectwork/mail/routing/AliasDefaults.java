package com.perfectwork.mail.routing;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.core.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an alias gives every record it creates, read from its {@code defaults} JSON: {@code followers} (partner ids
 * or email addresses; an address without a partner gets one) and {@code values} (extra fields of the record, names
 * to strings). Any other key is refused when the alias is saved, so a misspelt default never silently does
 * nothing.
 */
public record AliasDefaults(List<Long> followerIds, List<String> followerEmails, Map<String, String> values) {

    static final AliasDefaults NONE = new AliasDefaults(List.of(), List.of(), Map.of());

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final int MAX_VALUE_LENGTH = 1000;

    public AliasDefaults {
        followerIds = List.copyOf(followerIds);
        followerEmails = List.copyOf(followerEmails);
        values = Map.copyOf(values);
    }

    /** Reads and checks defaults; null or blank is none. Errors name the field: {@code defaults.followers[1]}. */
    public static AliasDefaults parse(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidInputException("defaults", "must be a JSON object");
        }
        if (!root.isObject()) {
            throw new InvalidInputException("defaults", "must be a JSON object");
        }
        List<Long> ids = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            switch (entry.getKey()) {
                case "followers" -> followers(entry.getValue(), ids, emails);
                case "values" -> values(entry.getValue(), values);
                default ->
                    throw new InvalidInputException(
                            "defaults." + entry.getKey(), "is not a supported default (followers, values)");
            }
        }
        return new AliasDefaults(ids, emails, values);
    }

    private static void followers(JsonNode followers, List<Long> ids, List<String> emails) {
        if (!followers.isArray()) {
            throw new InvalidInputException("defaults.followers", "must be a list of partner ids or email addresses");
        }
        for (int i = 0; i < followers.size(); i++) {
            JsonNode follower = followers.get(i);
            String field = "defaults.followers[" + i + "]";
            if (follower.isIntegralNumber() && follower.asLong() > 0) {
                ids.add(follower.asLong());
            } else if (follower.isString()
                    && EmailAddress.tryParse(follower.asString()).isPresent()) {
                emails.add(follower.asString().strip());
            } else {
                throw new InvalidInputException(field, "must be a partner id or an email address");
            }
        }
    }

    private static void values(JsonNode given, Map<String, String> values) {
        if (!given.isObject()) {
            throw new InvalidInputException("defaults.values", "must be an object of field names to strings");
        }
        for (Map.Entry<String, JsonNode> entry : given.properties()) {
            String field = "defaults.values." + entry.getKey();
            if (!FIELD.matcher(entry.getKey()).matches()) {
                throw new InvalidInputException(field, "is not a field name (lower case, digits, _)");
            }
            if (!entry.getValue().isString() || entry.getValue().asString().length() > MAX_VALUE_LENGTH) {
                throw new InvalidInputException(
                        field, "must be a string of at most " + MAX_VALUE_LENGTH + " characters");
            }
            values.put(entry.getKey(), entry.getValue().asString());
        }
    }
}
