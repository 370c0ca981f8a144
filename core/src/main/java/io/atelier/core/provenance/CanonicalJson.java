package io.atelier.core.provenance;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Canonical JSON as defined by RFC 8785 (JSON Canonicalization Scheme, "JCS"), for the values a
 * provenance record holds: objects, arrays, strings, integers, booleans and null.
 *
 * <p>Object members are sorted by their names' UTF-16 code units ({@link String#compareTo} is
 * exactly that order), there is no whitespace, strings are escaped as ECMAScript's
 * {@code JSON.stringify} does (only {@code "}, {@code \}, and control characters; {@code \b \t \n
 * \f \r} by name, others as lower-case <code>&#92;u00xx</code>; a lone surrogate as <code>&#92;udxxx</code>), and the
 * text is UTF-8. Any JCS implementation in any language re-derives the same bytes from the same
 * value, which is what lets a verifier check a signature over a record it parsed.
 *
 * <p>Numbers: only integers within JavaScript's safe range (|n| &le; 2<sup>53</sup>&minus;1) are
 * accepted, written in plain decimal (JCS writes numbers as ECMAScript does, and for safe integers
 * that is plain decimal). A number with a fraction is refused rather than risk a representation a
 * verifier would not reproduce.
 */
final class CanonicalJson {

    static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

    private CanonicalJson() {
    }

    /** The canonical text of a value made of maps (string keys), lists, strings, integers, booleans and null. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        append(out, value);
        return out.toString();
    }

    static byte[] bytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A parsed JSON tree as plain values for {@link #write}; a fractional or out-of-range number
     * is an {@link IllegalArgumentException} naming where it is.
     */
    static Object fromTree(JsonNode node) {
        return fromTree(node, "$");
    }

    private static Object fromTree(JsonNode node, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> out = new TreeMap<>();
            for (String name : node.propertyNames()) {
                out.put(name, fromTree(node.get(name), path + "." + name));
            }
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                out.add(fromTree(node.get(i), path + "[" + i + "]"));
            }
            return out;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            BigDecimal decimal = node.decimalValue();
            try {
                BigInteger integer = decimal.toBigIntegerExact();
                return safeInteger(integer, path);
            } catch (ArithmeticException fraction) {
                throw new IllegalArgumentException(path + " is not an integer; canonical records hold integers only");
            }
        }
        throw new IllegalArgumentException(path + " has an unsupported JSON type");
    }

    private static long safeInteger(BigInteger integer, String path) {
        if (integer.abs().compareTo(BigInteger.valueOf(MAX_SAFE_INTEGER)) > 0) {
            throw new IllegalArgumentException(path + " is outside the safe integer range");
        }
        return integer.longValue();
    }

    private static void append(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> appendString(out, s);
            case Boolean b -> out.append(b ? "true" : "false");
            case Integer i -> out.append(i.intValue());
            case Long l -> out.append(safeInteger(BigInteger.valueOf(l), "value"));
            case Short s -> out.append(s.shortValue());
            case BigInteger i -> out.append(safeInteger(i, "value"));
            case Map<?, ?> map -> appendObject(out, map);
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    append(out, list.get(i));
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("canonical JSON cannot hold a " + value.getClass().getSimpleName());
        }
    }

    private static void appendObject(StringBuilder out, Map<?, ?> map) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("object member names must be strings");
            }
            sorted.put(key, e.getValue());
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendString(out, e.getKey());
            out.append(':');
            append(out, e.getValue());
        }
        out.append('}');
    }

    private static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || isLoneSurrogate(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A surrogate not part of a valid pair cannot be written as UTF-8; ECMAScript escapes it. */
    private static boolean isLoneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
