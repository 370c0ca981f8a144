package io.atelier.bot.slack;

import com.slack.api.model.File;
import com.slack.api.model.view.ViewState;
import io.atelier.bot.chat.ChatImageRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Images users give the Slack bot, as the chat layer fetches them: files chosen in a form's file
 * input, and files shared with a command as links ({@code /imagine a fox <https://acme.slack.com/files/U1/F07ABC/cat.png>}),
 * read with {@code files.info}. Slack's file URLs ({@code url_private_download}) need the bot token,
 * which goes as a header to Slack's file host only ({@link io.atelier.core.fetch.SafeHttpFetcher}
 * keeps credentials on the URL's origin).
 */
final class SlackImages {

    /** A Slack file link in message or command text: {@code …/files/<user>/<file id>/…}. */
    private static final Pattern FILE_LINK = Pattern.compile("https?://[^\\s<>|]*/files/[A-Z0-9]+/(F[A-Z0-9]{6,})[^\\s<>|]*");

    private final SlackWebApi slack;

    SlackImages(SlackWebApi slack) {
        this.slack = slack;
    }

    /** The text without file links (and the angle brackets Slack puts around links), and the file ids in order. */
    record Shared(String text, List<String> fileIds) {
    }

    static Shared sharedIn(String text) {
        if (text == null) {
            return new Shared("", List.of());
        }
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = FILE_LINK.matcher(text);
        StringBuilder rest = new StringBuilder();
        while (m.find()) {
            ids.add(m.group(1));
            m.appendReplacement(rest, "");
        }
        m.appendTail(rest);
        String cleaned = rest.toString().replaceAll("<\\s*(\\|[^>]*)?>", " ").replaceAll("\\s+", " ").strip();
        return new Shared(cleaned, List.copyOf(ids));
    }

    /** Files shared as links, looked up with {@code files.info}. */
    List<ChatImageRef> byId(List<String> fileIds) {
        List<ChatImageRef> refs = new ArrayList<>();
        for (String id : fileIds) {
            refs.add(ref(slack.fileInfo(id)));
        }
        return refs;
    }

    /** The files chosen in a form's file input (its block id and action id are {@code input.id()}). */
    List<ChatImageRef> fromForm(Map<String, Map<String, ViewState.Value>> values, SlackViews.Input input) {
        Map<String, ViewState.Value> block = values.get(input.id());
        ViewState.Value value = block == null ? null : block.get(input.id());
        if (value == null || value.getFiles() == null) {
            return List.of();
        }
        return value.getFiles().stream().map(this::ref).toList();
    }

    private ChatImageRef ref(File file) {
        String url = file.getUrlPrivateDownload() != null ? file.getUrlPrivateDownload() : file.getUrlPrivate();
        if (url == null) {
            throw new SlackCallException("files.info", "file " + file.getId() + " has no download URL", false, null, null);
        }
        long size = file.getSize() == null ? 0 : file.getSize();
        return new ChatImageRef(url, file.getName(), file.getMimetype(), size, number(file.getOriginalWidth()),
                number(file.getOriginalHeight()), Map.of("Authorization", "Bearer " + slack.currentToken()));
    }

    private static int number(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
