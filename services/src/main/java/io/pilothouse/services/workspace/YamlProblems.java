package io.pilothouse.services.workspace;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns Jackson and SnakeYAML errors about one YAML document into sentences for the user: where (line, column,
 * source, field), what is wrong and what to do. Parser messages are cut to their first line because SnakeYAML
 * appends a snippet of the file, which may sit next to a secret.
 */
final class YamlProblems {

    private final ObjectMapper mapper;
    private final String yaml;

    YamlProblems(ObjectMapper mapper, String yaml) {
        this.mapper = mapper;
        this.yaml = yaml;
    }

    /** A binding error (unknown key, wrong type, empty entry…) or a syntax error met while binding. */
    String binding(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return at(u) + "unknown key '" + u.getPropertyName() + "' in " + where(u, true)
                    + "; the keys allowed there are: " + known + ". Check the spelling and indentation.";
        }
        if (e instanceof ValueInstantiationException v) {
            // Our records reject null list elements (List.copyOf): a "-" with nothing after it.
            return at(v) + where(v, false) + " contains an empty list entry; remove the lone '-' or fill it in";
        }
        if (e instanceof InvalidFormatException f) {
            return at(f) + where(f, false) + " has the value '" + f.getValue() + "' which is not a "
                    + typeName(f.getTargetType()) + "; correct the value";
        }
        if (e instanceof MismatchedInputException m) {
            return at(m) + where(m, false) + " has the wrong shape (" + expected(m.getTargetType())
                    + "); correct it";
        }
        if (e instanceof StreamReadException s) {
            return syntax(s);
        }
        if (e instanceof JsonMappingException m) {
            return at(m.getLocation()) + "could not be read: " + firstLine(e);
        }
        return "could not be read: " + firstLine(e);
    }

    /** One problem per password-like key, naming the key and where it is, never the value. */
    List<String> secretKeys(List<YamlScan.Found> found) {
        JsonNode tree = treeOrNull();
        List<String> problems = new ArrayList<>();
        for (YamlScan.Found f : found) {
            problems.add("line " + f.line() + ", column " + f.column() + " (" + Where.path(f.path(), tree)
                    + "): key '" + f.key() + "' refused: " + SecretKeys.ADVICE
                    + ". Remove the key and store the password there instead.");
        }
        return problems;
    }

    /**
     * A syntax error in words: SnakeYAML's context and problem ("while parsing a flow sequence: expected ',' or
     * ']'") at the place the parser gave up.
     */
    static String syntax(StreamReadException e) {
        String where = at(e.getLocation());
        String original = firstLine(e);
        if (original.startsWith("Duplicate field")) {
            return where + original.replace("Duplicate field", "key") + " appears twice in the same mapping; keep "
                    + "only one";
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException y) {
                String problem = y.getProblem() == null ? "" : y.getProblem().strip();
                String context = y.getContext() == null ? "" : y.getContext().strip();
                String text = context.isEmpty() ? problem : problem.isEmpty() ? context : context + ": " + problem;
                if (y.getProblemMark() != null) {
                    // The problem mark is where the parser gave up, usually the more useful place to look.
                    where = "line " + (y.getProblemMark().getLine() + 1) + ", column "
                            + (y.getProblemMark().getColumn() + 1) + ": ";
                }
                original = text.lines().findFirst().orElse(text);
                break;
            }
        }
        return where + "is not valid YAML (" + original + "). Fix the syntax there: indentation, a missing "
                + "colon, bracket or quote.";
    }

    /** What a document that is not a mapping starts with, in words. */
    static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "list";
            case VALUE_STRING -> "plain text value";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            default -> "single value";
        };
    }

    /** The first line of an exception's message, without a trailing period. */
    static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String line = m.strip().lines().findFirst().orElse(m).strip();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    /** Where a binding error is. For an unknown key, the path ends with the key itself; report its parent. */
    private String where(JsonMappingException e, boolean dropLast) {
        List<Object> path = path(e);
        if (dropLast && !path.isEmpty()) {
            path.remove(path.size() - 1);
        }
        return Where.path(path, treeOrNull());
    }

    /**
     * "line L, column C: " of the offending key, found by path. Errors on records are raised after Jackson buffered
     * the whole mapping, so their own location points past it; it is only the fallback.
     */
    private String at(JsonMappingException e) {
        JsonLocation located = YamlScan.locate(mapper, yaml, path(e));
        return at(located != null ? located : e.getLocation());
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    private static List<Object> path(JsonMappingException e) {
        List<Object> path = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.add(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.add(ref.getIndex());
            }
        }
        return path;
    }

    private JsonNode treeOrNull() {
        try {
            return mapper.readTree(yaml);
        } catch (IOException e) {
            return null;
        }
    }

    private static String typeName(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return "boolean (true or false)";
        }
        return type == null ? "value of the expected type" : type.getSimpleName();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "unexpected value";
        }
        if (List.class.isAssignableFrom(type)) {
            return "expected a list";
        }
        if (type == String.class) {
            return "expected a plain value";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "expected true or false";
        }
        if (type.isRecord()) {
            return "expected a mapping of keys";
        }
        return "expected " + type.getSimpleName();
    }
}
