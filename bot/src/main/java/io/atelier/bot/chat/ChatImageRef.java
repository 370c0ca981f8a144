package io.atelier.bot.chat;

import java.util.Map;
import java.util.Objects;

/**
 * An image a chat platform holds for the user (a Discord attachment, a Slack file): where to fetch it
 * and what the platform says about it. What it says is only used to refuse early (a declared size or
 * pixel count over the limits needs no download); the bytes decide everything else.
 *
 * @param url          where to fetch it (the platform's file URL)
 * @param name         the file name as uploaded, for messages
 * @param declaredType the platform's content type, or null
 * @param declaredBytes the platform's size in bytes, or 0 when unknown
 * @param width        the platform's pixel width, or 0 when unknown
 * @param height       the platform's pixel height, or 0 when unknown
 * @param headers      request headers the platform wants (Slack: the bot token), never logged
 */
public record ChatImageRef(String url, String name, String declaredType, long declaredBytes, int width, int height,
                           Map<String, String> headers) {

    public ChatImageRef {
        Objects.requireNonNull(url, "url");
        name = name == null || name.isBlank() ? "image" : name;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "ChatImageRef[name=" + name + ", type=" + declaredType + ", bytes=" + declaredBytes + ", " + width + "x" + height + "]";
    }
}
