package io.atelier.bot.discord;

import io.atelier.bot.chat.ActionId;
import io.atelier.bot.chat.ChatAction;
import io.atelier.bot.chat.ChatGrid;
import io.atelier.bot.chat.ChatRenderer;
import io.atelier.bot.chat.ChatView;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.storage.StoredImage;
import java.util.Locale;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;

/**
 * Turns platform-neutral {@link ChatView}s into Discord messages: an embed per state, the images as
 * attachments (for four images a 2×2 grid first, then the singles), and the buttons, whose ids are
 * {@link ActionId}s.
 */
class DiscordMessages {

    static final int PENDING_COLOR = 0x5865F2;
    static final int DONE_COLOR = 0x57F287;
    static final int FAILED_COLOR = 0xED4245;
    static final String GRID_NAME = "grid.png";
    static final String PREVIEW_NAME = "preview";
    /** Result field names, also read back by the Remix form ({@link DiscordJobActions#remixModal}). */
    static final String YOUR_PROMPT = "Your prompt";
    static final String NEGATIVE = "Negative";
    static final String RATIO = "Ratio";
    static final String MODEL = "Model";

    /** The longer side of what is shown instead of an image too large to upload. */
    static final int PREVIEW_SIDE = 1024;

    private final GenerationService generations;
    private final long uploadLimit;
    private final Function<StoredImage, Optional<String>> links;

    DiscordMessages(GenerationService generations) {
        this(generations, Long.MAX_VALUE, image -> Optional.empty());
    }

    /**
     * @param uploadLimit what one message may attach in all, in bytes (Discord's {@code attachment_size_limit};
     *                    {@code atelier.discord.upload-limit}, 10 MB for servers without boosts)
     * @param links       where an image can be opened at full size, when there is an address people can reach
     */
    DiscordMessages(GenerationService generations, long uploadLimit, Function<StoredImage, Optional<String>> links) {
        this.generations = generations;
        this.uploadLimit = uploadLimit;
        this.links = links;
    }

    DiscordMessage render(ChatView view) {
        return switch (view) {
            case ChatView.Pending p -> pending(p);
            case ChatView.Progress p -> progress(p);
            case ChatView.Result r -> result(r);
            case ChatView.Failure f -> failure(f);
        };
    }

    private DiscordMessage pending(ChatView.Pending p) {
        EmbedBuilder e = new EmbedBuilder().setColor(PENDING_COLOR).setTitle("Queued")
                .setDescription(truncate(p.prompt(), 4000));
        if (p.originalPrompt() != null) {
            e.addField(YOUR_PROMPT, truncate(p.originalPrompt(), 1024), false);
        }
        e.addField(MODEL, p.model(), true);
        e.addField("Queue", p.queuePosition() == 0 ? "next" : p.queuePosition() + " ahead", true);
        if (p.eta() != null) {
            e.addField("ETA", "~" + humanize(p.eta()), true);
        }
        e.setFooter("id " + p.generationId());
        return new DiscordMessage("", List.of(e.build()), cancelButton(p.generationId()), List.of());
    }

    /** Under pending and running messages: Cancel (owner or moderator; refunds). */
    static List<ActionRow> cancelButton(String generationId) {
        return List.of(ActionRow.of(Button.danger(ActionId.encode(ChatAction.CANCEL, generationId), "Cancel")));
    }

    private DiscordMessage progress(ChatView.Progress p) {
        EmbedBuilder e = new EmbedBuilder().setColor(PENDING_COLOR).setTitle("Generating")
                .setDescription(truncate(p.prompt(), 4000));
        if (p.originalPrompt() != null) {
            e.addField(YOUR_PROMPT, truncate(p.originalPrompt(), 1024), false);
        }
        e.addField(MODEL, p.model(), true);
        e.addField("Progress", p.bar() + (p.message() == null ? "" : " · " + truncate(p.message(), 200)), false);
        e.setFooter("id " + p.generationId());
        List<DiscordMessage.File> files = List.of();
        if (p.preview() != null) {
            // A live preview: small (a few kB), shown as the embed's image while the job runs.
            String name = PREVIEW_NAME + "-" + p.preview().version() + "." + p.preview().extension();
            files = List.of(new DiscordMessage.File(name, p.preview().bytes()));
            e.setImage("attachment://" + name);
        }
        return new DiscordMessage("", List.of(e.build()), cancelButton(p.generationId()), files);
    }

    private DiscordMessage result(ChatView.Result r) {
        List<DiscordMessage.File> files = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        for (StoredImage image : r.images()) {
            byte[] b = read(image);
            bytes.add(b);
            files.add(new DiscordMessage.File("atelier-" + shortId(r.generationId()) + "-" + (image.index() + 1) + "."
                    + image.extension(), b));
        }
        String shown = files.isEmpty() ? null : files.getFirst().name();
        if (bytes.size() == 4) {
            Optional<byte[]> grid = grid(bytes);
            if (grid.isPresent()) {
                files.addFirst(new DiscordMessage.File(GRID_NAME, grid.get()));
                shown = GRID_NAME;
            }
        }
        String fullSize = null;
        if (files.stream().mapToLong(f -> f.bytes().length).sum() > uploadLimit) {
            // Too large to attach: one smaller preview of what the message shows, and links to the originals.
            DiscordMessage.File first = files.getFirst();
            byte[] preview = ChatGrid.preview(first.bytes(), PREVIEW_SIDE).orElse(null);
            files = new ArrayList<>();
            shown = null;
            if (preview != null && preview.length <= uploadLimit) {
                shown = "preview-" + first.name().replaceAll("\\.[a-z]+$", "") + ".jpg";
                files.add(new DiscordMessage.File(shown, preview));
            }
            fullSize = fullSizeLinks(r);
        }
        EmbedBuilder e = new EmbedBuilder().setColor(DONE_COLOR).setTitle(r.note() != null ? "Full size" : "Done")
                .setDescription(truncate(r.prompt(), 4000));
        if (r.originalPrompt() != null) {
            e.addField(YOUR_PROMPT, truncate(r.originalPrompt(), 1024), false);
        }
        if (r.negative() != null) {
            e.addField(NEGATIVE, truncate(r.negative(), 1024), false);
        }
        e.addField(MODEL, r.model(), true);
        e.addField("Seed", String.valueOf(r.seed()), true);
        if (r.aspectRatio() != null) {
            e.addField(RATIO, r.aspectRatio(), true);
        }
        if (r.durationMs() != null) {
            e.addField("Time", ChatRenderer.seconds(r.durationMs()), true);
        }
        if (r.note() != null) {
            e.addField("Note", truncate(r.note(), 1024), false);
        }
        if (!r.warnings().isEmpty()) {
            e.addField("Warnings", truncate(String.join("\n", r.warnings()), 1024), false);
        }
        if (fullSize != null) {
            e.addField("Full size", truncate(fullSize, 1024), false);
        }
        e.setFooter("id " + r.generationId());
        if (shown != null) {
            e.setImage("attachment://" + shown);
        }
        return new DiscordMessage("", List.of(e.build()), resultButtons(r), files);
    }

    private String fullSizeLinks(ChatView.Result r) {
        StringBuilder s = new StringBuilder("Too large for this server's upload limit: a smaller preview is shown.");
        for (StoredImage image : r.images()) {
            Optional<String> url = links.apply(image);
            url.ifPresent(u -> s.append("\n[Image ").append(image.index() + 1).append("](").append(u).append(')'));
        }
        return s.toString();
    }

    /**
     * Several images: Reroll and U1–Un, Remix and V1–Vn, then Publish, Delete, Details (Midjourney's
     * layout). One image: Reroll, Upscale, Vary (Subtle), Vary (Strong), Remix, then the same last row.
     * Variations only where the model takes an image to start from.
     */
    static List<ActionRow> resultButtons(ChatView.Result r) {
        String id = r.generationId();
        List<ActionRow> rows = new ArrayList<>();
        Button reroll = Button.primary(ActionId.encode(ChatAction.REROLL, id), "Reroll");
        Button remix = Button.secondary(ActionId.encode(ChatAction.REMIX, id), "Remix");
        if (r.single()) {
            int n = r.images().isEmpty() ? 1 : r.images().getFirst().index() + 1;
            List<Button> row = new ArrayList<>(List.of(reroll,
                    Button.secondary(ActionId.encode(ChatAction.UPSCALE, n, id), "Upscale")));
            if (r.canVary()) {
                row.add(Button.secondary(ActionId.encode(ChatAction.VARY_SUBTLE, n, id), "Vary (Subtle)"));
                row.add(Button.secondary(ActionId.encode(ChatAction.VARY_STRONG, n, id), "Vary (Strong)"));
            }
            row.add(remix);
            rows.add(ActionRow.of(row));
        } else {
            List<Button> upscales = new ArrayList<>(List.of(reroll));
            List<Button> variations = new ArrayList<>(List.of(remix));
            for (StoredImage image : r.images().stream().limit(4).toList()) {
                int n = image.index() + 1;
                upscales.add(Button.secondary(ActionId.encode(ChatAction.UPSCALE, n, id), "U" + n));
                variations.add(Button.secondary(ActionId.encode(ChatAction.VARY_STRONG, n, id), "V" + n));
            }
            rows.add(ActionRow.of(upscales));
            rows.add(ActionRow.of(r.canVary() ? variations : List.of(remix)));
        }
        rows.add(ActionRow.of(
                Button.success(ActionId.encode(ChatAction.PUBLISH, id), "Publish"),
                Button.danger(ActionId.encode(ChatAction.DELETE, id), "Delete"),
                Button.secondary(ActionId.encode(ChatAction.DETAILS, id), "Details")));
        return rows;
    }

    /** A {@code /describe} answer: the four prompts, each with a button to imagine it. */
    static DiscordMessage described(String describeId, List<String> prompts, String imageName) {
        StringBuilder text = new StringBuilder();
        List<Button> buttons = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            text.append("**").append(i + 1).append(".** ").append(prompts.get(i)).append("\n\n");
            buttons.add(Button.primary(ActionId.encode(ChatAction.IMAGINE_PROMPT, i + 1, describeId), String.valueOf(i + 1)));
        }
        EmbedBuilder e = new EmbedBuilder().setColor(DONE_COLOR).setTitle("Described")
                .setDescription(truncate(text.toString().strip(), 4000))
                .setFooter(truncate(imageName, 200) + " · click a number to imagine that prompt");
        return new DiscordMessage("", List.of(e.build()), buttons.isEmpty() ? List.of() : List.of(ActionRow.of(buttons)), List.of());
    }

    DiscordMessage failure(ChatView.Failure f) {
        EmbedBuilder e = new EmbedBuilder().setColor(FAILED_COLOR).setTitle(title(f)).setDescription(truncate(f.message(), 4000));
        if (f.rule() != null) {
            e.addField("Rule", f.rule(), true);
        }
        if (f.retryAt() != null) {
            e.addField("Try again", "<t:" + f.retryAt().getEpochSecond() + ":R>", true);
        }
        e.addField("Code", f.code(), true);
        List<ActionRow> rows = f.retryable() && f.generationId() != null
                ? List.of(ActionRow.of(Button.primary(ActionId.encode(ChatAction.RETRY, f.generationId()), "Retry")))
                : List.of();
        if (f.generationId() != null) {
            e.setFooter("id " + f.generationId());
        }
        return new DiscordMessage("", List.of(e.build()), rows, List.of());
    }

    private static String title(ChatView.Failure f) {
        return switch (f.kind()) {
            case BLOCKED -> "Prompt blocked";
            case COOLDOWN -> "Cooling down";
            case QUOTA -> "Over quota";
            case CREDITS -> "Out of credits";
            case INVALID -> "Invalid option";
            case PROVIDER -> "Generation failed";
            case CANCELED -> "Canceled";
        };
    }

    /** A publish request for the moderation channel: the first image, the prompt, Approve/Reject. */
    DiscordMessage moderation(Generation g, String author) {
        List<DiscordMessage.File> files = new ArrayList<>();
        EmbedBuilder e = new EmbedBuilder().setColor(PENDING_COLOR).setTitle("Publish request")
                .setDescription(truncate(g.asked().prompt(), 4000))
                .addField("By", truncate(author, 256), true)
                .addField("Model", g.asked().model(), true)
                .setFooter("id " + g.id());
        if (!g.outcome().images().isEmpty()) {
            StoredImage first = g.outcome().images().getFirst();
            String name = "review-" + shortId(g.id()) + "." + first.extension();
            files.add(new DiscordMessage.File(name, read(first)));
            e.setImage("attachment://" + name);
        }
        List<ActionRow> rows = List.of(ActionRow.of(
                Button.success(ActionId.encode(ChatAction.APPROVE, g.id()), "Approve"),
                Button.danger(ActionId.encode(ChatAction.REJECT, g.id()), "Reject")));
        return new DiscordMessage("", List.of(e.build()), rows, files);
    }

    static MessageEmbed details(Generation g) {
        EmbedBuilder e = new EmbedBuilder().setTitle("Details").setColor(PENDING_COLOR)
                .setDescription(truncate(g.asked().prompt(), 4000));
        if (!g.asked().originalPrompt().equals(g.asked().prompt())) {
            e.addField("Your prompt", truncate(g.asked().originalPrompt(), 1024), false);
        }
        if (g.asked().negativePrompt() != null) {
            e.addField("Negative", truncate(g.asked().negativePrompt(), 1024), false);
        }
        e.addField("Model", g.asked().model(), true)
                .addField("Size", g.asked().width() + "×" + g.asked().height() + (g.asked().aspectRatio() == null ? ""
                : " (" + g.asked().aspectRatio() + ")"), true)
                .addField("Seed", String.valueOf(g.asked().seed()), true)
                .addField("Images", String.valueOf(g.asked().count()), true)
                .addField("Template", g.asked().template() == null ? "none" : g.asked().template(), true)
                .addField("Enhanced", g.asked().autoEnhance() ? "yes" : "no", true)
                .addField("Status", g.status().name().toLowerCase(Locale.ROOT), true);
        if (g.timing().processingTimeMs() != null) {
            e.addField("Time", ChatRenderer.seconds(g.timing().processingTimeMs()), true);
        }
        StringBuilder hashes = new StringBuilder();
        for (StoredImage image : g.outcome().images()) {
            hashes.append(image.index() + 1).append(": `sha256:").append(image.contentHash()).append("`\n");
        }
        if (!hashes.isEmpty()) {
            e.addField("Provenance (content hashes)", truncate(hashes.toString(), 1024), false);
        }
        if (!g.outcome().warnings().isEmpty()) {
            e.addField("Notes", truncate(String.join("\n", g.outcome().warnings()), 1024), false);
        }
        e.setFooter("id " + g.id() + " · created " + g.timing().createdAt());
        return e.build();
    }

    static MessageEmbed notice(String title, String text) {
        return new EmbedBuilder().setColor(PENDING_COLOR).setTitle(title).setDescription(truncate(text, 4000)).build();
    }

    private byte[] read(StoredImage image) {
        return generations.readImage(image).orElseThrow(() ->
                new UncheckedIOException(new IOException("image " + image.id() + " is missing from storage")));
    }

    /** Four images side by side, 2×2 ({@link ChatGrid}). */
    static Optional<byte[]> grid(List<byte[]> four) {
        return ChatGrid.of(four);
    }

    static String humanize(Duration d) {
        long s = Math.max(1, d.toSeconds());
        return s < 120 ? s + " s" : (s + 59) / 60 + " min";
    }

    static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    static String truncate(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
