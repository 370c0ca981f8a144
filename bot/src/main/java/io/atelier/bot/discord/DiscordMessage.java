package io.atelier.bot.discord;

import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * A rendered Discord message, reusable: JDA's message data owns its file uploads (consumed once),
 * so each send or edit builds fresh ones from the bytes kept here.
 */
record DiscordMessage(String content, List<MessageEmbed> embeds, List<ActionRow> rows, List<File> files) {

    /** An attachment: file name and bytes. */
    record File(String name, byte[] bytes) {
    }

    DiscordMessage {
        embeds = List.copyOf(embeds);
        rows = List.copyOf(rows);
        files = List.copyOf(files);
    }

    /** An edit that replaces everything (content, embeds, components, attachments). */
    MessageEditData toEdit() {
        return new MessageEditBuilder()
                .setReplace(true)
                .setContent(content == null ? "" : content)
                .setEmbeds(embeds)
                .setComponents(rows)
                .setAttachments(uploads())
                .build();
    }

    MessageCreateData toCreate() {
        MessageCreateBuilder b = new MessageCreateBuilder().setEmbeds(embeds).setComponents(rows).setFiles(uploads());
        if (content != null && !content.isEmpty()) {
            b.setContent(content);
        }
        return b.build();
    }

    private List<FileUpload> uploads() {
        List<FileUpload> uploads = new ArrayList<>();
        for (File f : files) {
            uploads.add(FileUpload.fromData(f.bytes(), f.name()));
        }
        return uploads;
    }
}
