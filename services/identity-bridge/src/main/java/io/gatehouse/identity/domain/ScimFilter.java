package io.gatehouse.identity.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The part of RFC 7644's filter grammar (3.4.2.2) that identity providers use to find what they pushed:
 * {@code attrPath eq value}, joined by {@code and}, with value paths such as {@code members[value eq "id"]} and the
 * core schema URN in front of a name. Anything else (other operators, {@code or}, {@code not}, groupings) is refused
 * as invalidFilter, never half-applied: an unsupported filter that matched more than asked would hand a provider the
 * wrong user to update.
 */
public record ScimFilter(List<Comparison> terms) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OTHER_OPERATORS = Set.of("ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr");
    private static final List<String> CORE_SCHEMAS = List.of(ScimSchemas.USER + ":", ScimSchemas.GROUP + ":");

    /** {@code attribute} is the lower-case path: {@code username}, {@code members.value}, {@code name.givenname}. */
    public record Comparison(String attribute, JsonNode value) {
    }

    public static ScimFilter parse(String text) {
        if (text == null || text.isBlank()) {
            throw ScimProblem.invalidFilter("the filter is empty");
        }
        return new ScimFilter(new Parser(text).filter());
    }

    private static final class Parser {

        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        List<Comparison> filter() {
            List<Comparison> terms = new ArrayList<>(term(null));
            while (true) {
                skipSpaces();
                if (pos == text.length()) {
                    return terms;
                }
                String word = word();
                if (!word.equalsIgnoreCase("and")) {
                    throw unsupported("'" + word + "' where 'and' or the end was expected");
                }
                terms.addAll(term(null));
            }
        }

        private List<Comparison> term(String outer) {
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == '(') {
                throw unsupported("grouping with parentheses");
            }
            String path = word();
            if (path.isEmpty()) {
                throw ScimProblem.invalidFilter("an attribute name is missing at position " + (pos + 1));
            }
            if (path.equalsIgnoreCase("not")) {
                throw unsupported("'not'");
            }
            String attribute = attribute(path);
            if (outer != null) {
                attribute = outer + "." + attribute;
            }
            if (pos < text.length() && text.charAt(pos) == '[') {
                if (outer != null) {
                    throw ScimProblem.invalidFilter("a value path cannot hold another");
                }
                pos++;
                List<Comparison> inner = new ArrayList<>(term(attribute));
                skipSpaces();
                while (pos < text.length() && text.charAt(pos) != ']') {
                    String word = word();
                    if (!word.equalsIgnoreCase("and")) {
                        throw unsupported("'" + word + "' inside a value path");
                    }
                    inner.addAll(term(attribute));
                    skipSpaces();
                }
                if (pos == text.length()) {
                    throw ScimProblem.invalidFilter("a '[' is not closed");
                }
                pos++;
                return inner;
            }
            skipSpaces();
            String operator = word().toLowerCase(Locale.ROOT);
            if (OTHER_OPERATORS.contains(operator)) {
                throw unsupported("the operator '" + operator + "'");
            }
            if (!operator.equals("eq")) {
                throw ScimProblem.invalidFilter("'" + operator + "' is not a filter operator (after " + path + ")");
            }
            return List.of(new Comparison(attribute, value()));
        }

        private JsonNode value() {
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == '"') {
                int start = pos++;
                while (pos < text.length() && text.charAt(pos) != '"') {
                    pos += text.charAt(pos) == '\\' ? 2 : 1;
                }
                if (pos >= text.length()) {
                    throw ScimProblem.invalidFilter("a string value is not closed");
                }
                pos++;
                try {
                    return JSON.readTree(text.substring(start, pos));
                } catch (Exception e) {
                    throw ScimProblem.invalidFilter("a string value is not a valid JSON string: " + text.substring(start, pos));
                }
            }
            String word = word();
            switch (word.toLowerCase(Locale.ROOT)) {
                case "true":
                    return BooleanNode.TRUE;
                case "false":
                    return BooleanNode.FALSE;
                case "null":
                    return NullNode.instance;
                case "":
                    throw ScimProblem.invalidFilter("a value is missing at the end of the filter");
                default:
                    JsonNode number;
                    try {
                        number = JSON.readTree(word);
                    } catch (Exception e) {
                        return fail(word);
                    }
                    return number.isNumber() ? number : fail(word);
            }
        }

        private JsonNode fail(String word) {
            throw ScimProblem.invalidFilter("'" + word + "' is not a value: strings are quoted");
        }

        private static String attribute(String path) {
            String lower = path.toLowerCase(Locale.ROOT);
            for (String schema : CORE_SCHEMAS) {
                if (lower.startsWith(schema.toLowerCase(Locale.ROOT))) {
                    return lower.substring(schema.length());
                }
            }
            if (!lower.matches("[a-z][a-z0-9_$-]*(\\.[a-z][a-z0-9_$-]*)?")) {
                throw ScimProblem.invalidFilter("'" + path + "' is not an attribute path this service filters on");
            }
            return lower;
        }

        private String word() {
            skipSpaces();
            int start = pos;
            while (pos < text.length() && " []()\"".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private void skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }

        private static ScimProblem unsupported(String what) {
            return ScimProblem.invalidFilter(what + " is not supported: this service filters with 'eq', joined by 'and'");
        }
    }
}
