package io.atelier.core.api.v0;

import io.atelier.core.api.JsonFieldException;

/** The document's boolean query flags: {@code true}/{@code 1} on, {@code false}/{@code 0}/absent off, else a 400. */
final class V0Flags {

    private V0Flags() {
    }

    static boolean flag(String name, String value) {
        if (value == null) {
            return false;
        }
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0", "" -> false;
            default -> throw new JsonFieldException(name, name + " must be true or 1 (or false or 0)");
        };
    }
}
