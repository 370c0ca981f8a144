package io.atelier.bot.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.BlockElements;
import com.slack.api.model.view.View;
import com.slack.api.model.view.Views;
import io.atelier.bot.chat.ChatQuotas;
import io.atelier.bot.chat.ChatSettings;
import io.atelier.core.generation.Generation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The App Home tab (settings you can change in place, today's usage, recent generations each with
 * a Show button), the {@code /imagine history} list and the {@code /imagine help} text.
 *
 * <p>Settings menus carry {@code atelier_settings.<field>} as action id and the chosen value;
 * Show buttons {@code atelier_show} and the generation id. Neither needs more: the clicker is the
 * user whose settings change, and Show checks the generation against the clicker's team.
 */
final class SlackHome {

    static final String SETTINGS_PREFIX = "atelier_settings.";
    static final String SHOW = "atelier_show";
    static final String RESET = "atelier_settings.reset";
    static final String DEFAULT = SlackViews.DEFAULT;

    private SlackHome() {
    }

    /** Which setting a menu changes, from its action id. */
    static Optional<String> settingOf(String actionId) {
        return actionId != null && actionId.startsWith(SETTINGS_PREFIX)
                ? Optional.of(actionId.substring(SETTINGS_PREFIX.length())) : Optional.empty();
    }

    /** A menu's choice as the change to make: {@code default} clears the field. */
    static ChatSettings change(String field, String value) {
        String v = value == null || DEFAULT.equals(value) ? "" : value;
        return switch (field) {
            case "model" -> new ChatSettings(v, null, null, null);
            case "aspect_ratio" -> new ChatSettings(null, v, null, null);
            case "template" -> new ChatSettings(null, null, v, null);
            case "enhance" -> new ChatSettings(null, null, null, "on".equals(value) ? Boolean.TRUE
                    : "off".equals(value) ? Boolean.FALSE : null);
            case "reset" -> new ChatSettings("", "", "", null);
            default -> ChatSettings.NONE;
        };
    }

    static View home(List<Generation> recent, ChatSettings settings, ChatQuotas.Usage usage, List<String> models,
                     List<String> templates) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Atelier"))));
        blocks.add(section(s -> s.text(markdownText("Type `/imagine a fox in snow --ar 16:9` in any channel with the bot, "
                + "or `/imagine` alone for the form. `/imagine help` lists the rest."))));
        blocks.add(divider());
        blocks.add(section(s -> s.text(markdownText("*Your settings* (used by every `/imagine` that does not say otherwise)"))));
        List<BlockElement> menus = new ArrayList<>();
        menus.add(menu("model", "Model", models, settings.model()));
        menus.add(menu("aspect_ratio", "Aspect ratio", SlackViews.ASPECT_RATIOS, settings.aspectRatio()));
        if (!templates.isEmpty()) {
            menus.add(menu("template", "Template", templates, settings.template()));
        }
        menus.add(menu("enhance", "Enhance", List.of("on", "off"),
                settings.enhance() == null ? null : settings.enhance() ? "on" : "off"));
        blocks.add(actions(a -> a.blockId("atelier_settings").elements(menus)));
        blocks.add(actions(a -> a.blockId("atelier_settings_reset").elements(List.of(BlockElements.button(b -> b
                .actionId(RESET).value("reset").text(plainText("Reset to defaults")))))));
        blocks.add(context(c -> c.elements(List.of(markdownText(describe(settings))))));
        if (usage != null) {
            blocks.add(context(c -> c.elements(List.of(markdownText("Today: " + usage.userToday()
                    + limit(usage.limits().userDaily()) + " images · running now: " + usage.userRunning()
                    + limit(usage.limits().userConcurrent()))))));
        }
        blocks.add(divider());
        blocks.add(section(s -> s.text(markdownText("*Your recent generations*"))));
        blocks.addAll(recentBlocks(recent));
        return Views.view(v -> v.type("home").blocks(blocks));
    }

    /** One section per generation with a Show button (brings it back as a message with its buttons). */
    static List<LayoutBlock> recentBlocks(List<Generation> recent) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (recent.isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(markdownText("Nothing yet.")))));
        }
        for (Generation g : recent) {
            String line = statusEmoji(g) + " " + SlackBlocks.quote(g.asked().prompt()) + "\n`"
                    + SlackBlocks.escape(g.asked().model())
                    + "` · " + g.status().name().toLowerCase(Locale.ROOT) + " · " + g.timing().createdAt() + " · id `"
                    + g.id() + "`";
            blocks.add(section(s -> s.text(markdownText(line)).accessory(BlockElements.button(b -> b.actionId(SHOW)
                    .value(g.id()).text(plainText("Show"))))));
        }
        return blocks;
    }

    /** The settings in one line, for the Home tab and {@code /imagine settings}. */
    static String describe(ChatSettings settings) {
        return "Model: `" + orDefault(settings.model()) + "` · Aspect ratio: `" + orDefault(settings.aspectRatio())
                + "` · Template: `" + orDefault(settings.template()) + "` · Enhance: `"
                + (settings.enhance() == null ? "default" : settings.enhance() ? "on" : "off") + "`";
    }

    static final String HELP = """
            *Atelier* makes images from your words.
            • `/imagine a fox in snow --ar 16:9 --no text --seed 7 --n 4` imagines; `/imagine` alone opens the form \
            (negative prompt, seed, enhance, publish, images to start from)
            • `/imagine settings` shows your defaults; `/imagine settings model=local/preview ratio=16:9 \
            template=none enhance=off` changes them (`reset` clears them); the Home tab has them as menus
            • `/imagine history` lists your recent images; `/imagine show ID` brings one back with its buttons
            • `--public` (or the form's publish box) asks the moderators to put the result in the gallery
            • `/describe <file link>` writes prompts for an image; `/blend <file links> [prompt]` blends images
            • Under a result: Reroll, U1–U4 upscale, V1–V4 vary, Remix, Publish, Delete, Details""";

    private static BlockElement menu(String field, String label, List<String> values, String current) {
        List<OptionObject> options = new ArrayList<>();
        options.add(option(plainText(label + ": default"), DEFAULT));
        values.stream().limit(99).forEach(v -> options.add(option(plainText(truncate(label + ": " + v)), v)));
        OptionObject initial = options.stream().filter(o -> o.getValue().equals(current)).findFirst().orElse(options.getFirst());
        return BlockElements.staticSelect(s -> s.actionId(SETTINGS_PREFIX + field).options(options).initialOption(initial));
    }

    /** Slack's option text is at most 75 characters. */
    private static String truncate(String s) {
        return s.length() <= 75 ? s : s.substring(0, 74) + "…";
    }

    private static String limit(int max) {
        return max == 0 ? "" : "/" + max;
    }

    private static String orDefault(String value) {
        return value == null ? "default" : SlackBlocks.escape(value);
    }

    private static String statusEmoji(Generation g) {
        return switch (g.status()) {
            case QUEUED -> ":hourglass_flowing_sand:";
            case PROCESSING -> ":art:";
            case SUCCEEDED -> ":frame_with_picture:";
            case FAILED -> ":x:";
            case CANCELED -> ":no_entry_sign:";
        };
    }
}
