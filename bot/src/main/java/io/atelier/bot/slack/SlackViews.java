package io.atelier.bot.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElements;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.Views;
import io.atelier.bot.chat.ChatBlend;
import io.atelier.bot.chat.ChatSettings;
import io.atelier.bot.chat.ImagineOptions;
import io.atelier.bot.chat.RemixForm;
import io.atelier.core.generation.GenerationValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code /imagine} modal (prompt, template, aspect ratio, model, count, enhance, public) and
 * the App Home tab (recent generations, settings, today's usage), and reading the modal back.
 */
final class SlackViews {

    /** Option values of the checkboxes and of the "default" choice of a select. */
    static final String ENHANCE = "enhance";
    static final String PUBLIC = "public";
    static final String DEFAULT = "default";

    /**
     * The forms' inputs: each is its block's id and its element's action id ({@link #id}), read back
     * by {@link #values}. Files: the image to start from, reference images, the images of a blend;
     * NEGATIVE, RATIO and SEED are the Remix form's besides the prompt and the model.
     */
    enum Input {
        PROMPT, TEMPLATE, ASPECT_RATIO, MODEL, COUNT, OPTIONS, IMAGE, REFERENCES, IMAGES, NEGATIVE, RATIO, SEED;

        /** The id on the wire ({@code aspect_ratio}). */
        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final List<String> IMAGE_TYPES = List.of("png", "jpg", "jpeg", "webp", "gif");
    static final List<String> ASPECT_RATIOS = List.of("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "21:9");

    private SlackViews() {
    }

    /**
     * The modal. {@code privateMetadata} carries where to post (the channel) and where to answer
     * errors (the command's response_url); Slack hands it back verbatim on submission.
     */
    static View imagineModal(List<String> templates, List<String> models, ChatSettings settings, String privateMetadata) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(input(i -> i.blockId(Input.PROMPT.id()).label(plainText("Prompt"))
                .element(BlockElements.plainTextInput(t -> t.actionId(Input.PROMPT.id()).multiline(true).maxLength(4000)
                        .placeholder(plainText("a fox in snow, watercolor --ar 16:9"))))));
        blocks.add(select(Input.TEMPLATE, "Template", withDefault(templates)));
        blocks.add(select(Input.ASPECT_RATIO, "Aspect ratio", withDefault(ASPECT_RATIOS)));
        blocks.add(select(Input.MODEL, "Model", withDefault(models)));
        blocks.add(select(Input.COUNT, "Images", List.of("1", "2", "3", "4")));
        blocks.add(text(Input.NEGATIVE, "Negative prompt (what to leave out)", null, false, true, 1000));
        blocks.add(text(Input.SEED, "Seed (blank: random)", null, false, true, 20));
        OptionObject enhance = option(plainText("Enhance the prompt"), ENHANCE);
        // Checked unless the user turned enhancement off in their settings: an unchecked box is read
        // as "off", so the form must start from what the user would otherwise get.
        boolean enhanceOn = settings == null || !Boolean.FALSE.equals(settings.enhance());
        blocks.add(input(i -> i.blockId(Input.OPTIONS.id()).optional(true).label(plainText("Options"))
                .element(BlockElements.checkboxes(c -> c.actionId(Input.OPTIONS.id()).options(List.of(
                        enhance, option(plainText("Ask to publish in the gallery"), PUBLIC)))
                        .initialOptions(enhanceOn ? List.of(enhance) : null)))));
        blocks.add(files(Input.IMAGE, "Start from an image", 1, true));
        blocks.add(files(Input.REFERENCES, "Reference images", ImagineOptions.MAX_REFERENCES, true));
        return Views.view(v -> v.type("modal")
                .callbackId(SlackBoltApp.MODAL_CALLBACK)
                .title(Views.viewTitle(t -> t.type("plain_text").text("Imagine")))
                .submit(Views.viewSubmit(s -> s.type("plain_text").text("Generate")))
                .close(Views.viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(privateMetadata)
                .blocks(blocks));
    }

    /** A file input of images (Slack's {@code file_input}, in modals only). */
    private static LayoutBlock files(Input field, String label, int max, boolean optional) {
        String id = field.id();
        return input(i -> i.blockId(id).optional(optional).label(plainText(label))
                .element(BlockElements.fileInput(f -> f.actionId(id).filetypes(IMAGE_TYPES).maxFiles(max))));
    }

    private static LayoutBlock text(Input field, String label, String value, boolean multiline, boolean optional, int max) {
        String id = field.id();
        return input(i -> i.blockId(id).optional(optional).label(plainText(label))
                .element(BlockElements.plainTextInput(t -> t.actionId(id).multiline(multiline).maxLength(max)
                        .initialValue(value == null || value.isBlank() ? null : value))));
    }

    /** The Remix form: the generation's prompt and options, prefilled; the seed blank (new images). */
    static View remixModal(RemixForm form, String privateMetadata) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(text(Input.PROMPT, "Prompt", form.prompt(), true, false, RemixForm.MAX_PROMPT));
        blocks.add(text(Input.NEGATIVE, "Negative prompt", form.negative(), false, true, 1000));
        blocks.add(text(Input.RATIO, "Aspect ratio", form.aspectRatio(), false, true, 16));
        blocks.add(text(Input.MODEL, "Model", form.model(), false, true, 200));
        blocks.add(text(Input.SEED, "Seed (blank: new images)", null, false, true, 20));
        return modal(SlackBoltApp.REMIX_CALLBACK, "Remix", "Run", blocks, privateMetadata);
    }

    /** The submitted Remix form. */
    static RemixForm readRemix(String generationId, ViewState state) {
        Map<String, Map<String, ViewState.Value>> values = values(state);
        return new RemixForm(generationId, text(values, Input.PROMPT), text(values, Input.NEGATIVE),
                text(values, Input.RATIO), text(values, Input.MODEL), text(values, Input.SEED));
    }

    /** {@code /describe} without a file link: the form with one file input. */
    static View describeModal(String privateMetadata) {
        return modal(SlackBoltApp.DESCRIBE_CALLBACK, "Describe", "Describe",
                List.of(files(Input.IMAGE, "The image to describe", 1, false)), privateMetadata);
    }

    /** {@code /blend} without file links: two to five images, a prompt and a model. */
    static View blendModal(List<String> models, String privateMetadata) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(files(Input.IMAGES, "Images to blend (2 to " + ChatBlend.MAX_IMAGES + ")", ChatBlend.MAX_IMAGES, false));
        blocks.add(text(Input.PROMPT, "What the blend should be (optional)", null, true, true, 4000));
        blocks.add(select(Input.MODEL, "Model", withDefault(models)));
        blocks.add(select(Input.ASPECT_RATIO, "Aspect ratio", withDefault(ASPECT_RATIOS)));
        return modal(SlackBoltApp.BLEND_CALLBACK, "Blend", "Blend", blocks, privateMetadata);
    }

    /** The blend form's options (the images are read by {@link SlackImages}). */
    static ImagineOptions readBlend(ViewState state) {
        Map<String, Map<String, ViewState.Value>> values = values(state);
        return new ImagineOptions(text(values, Input.PROMPT), selected(values, Input.ASPECT_RATIO), null, null, null, null,
                selected(values, Input.MODEL), null, null);
    }

    static Map<String, Map<String, ViewState.Value>> values(ViewState state) {
        return state == null || state.getValues() == null ? Map.of() : state.getValues();
    }

    private static View modal(String callback, String title, String submit, List<LayoutBlock> blocks, String privateMetadata) {
        return Views.view(v -> v.type("modal")
                .callbackId(callback)
                .title(Views.viewTitle(t -> t.type("plain_text").text(title)))
                .submit(Views.viewSubmit(s -> s.type("plain_text").text(submit)))
                .close(Views.viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(privateMetadata)
                .blocks(blocks));
    }

    private static LayoutBlock select(Input field, String label, List<String> values) {
        String id = field.id();
        List<OptionObject> options = values.stream().limit(100).map(v -> option(plainText(v), v)).toList();
        return input(i -> i.blockId(id).optional(true).label(plainText(label))
                .element(BlockElements.staticSelect(s -> s.actionId(id).options(options)
                        .initialOption(options.getFirst()))));
    }

    private static List<String> withDefault(List<String> values) {
        List<String> all = new ArrayList<>();
        all.add(DEFAULT);
        all.addAll(values);
        return all;
    }

    /**
     * Reads a submitted modal into options; "default" and blanks mean "not given" (the user's
     * settings and the service defaults apply). The count is one of the offered values.
     */
    static ImagineOptions readModal(ViewState state) {
        Map<String, Map<String, ViewState.Value>> values = state == null || state.getValues() == null ? Map.of() : state.getValues();
        String prompt = text(values, Input.PROMPT);
        String countText = selected(values, Input.COUNT);
        Integer count = null;
        if (countText != null) {
            try {
                count = Integer.valueOf(countText);
            } catch (NumberFormatException e) {
                count = -1;
            }
        }
        boolean enhance = false;
        boolean publicRequested = false;
        ViewState.Value checks = value(values, Input.OPTIONS);
        if (checks != null && checks.getSelectedOptions() != null) {
            for (ViewState.SelectedOption o : checks.getSelectedOptions()) {
                enhance |= ENHANCE.equals(o.getValue());
                publicRequested |= PUBLIC.equals(o.getValue());
            }
        }
        // The box was on the form: unchecked means "do not enhance" (the form starts it checked
        // when the user's default is on). Without the block (an older form) the defaults apply.
        Boolean enhanceChoice = checks == null ? null : enhance;
        return new ImagineOptions(prompt == null ? "" : prompt, selected(values, Input.ASPECT_RATIO),
                selected(values, Input.TEMPLATE), enhanceChoice, count, text(values, Input.NEGATIVE),
                selected(values, Input.MODEL), seed(text(values, Input.SEED)), publicRequested);
    }

    /** The form's seed: blank is none; anything else must be a whole number (the message names the field). */
    static Long seed(String text) {
        if (text == null) {
            return null;
        }
        try {
            long seed = Long.parseLong(text.strip());
            if (seed < 0) {
                throw new NumberFormatException();
            }
            return seed;
        } catch (NumberFormatException e) {
            throw GenerationValidationException.invalid("seed", "seed must be a whole number of at least 0");
        }
    }

    private static ViewState.Value value(Map<String, Map<String, ViewState.Value>> values, Input field) {
        String id = field.id();
        Map<String, ViewState.Value> block = values.get(id);
        return block == null ? null : block.get(id);
    }

    private static String text(Map<String, Map<String, ViewState.Value>> values, Input field) {
        ViewState.Value v = value(values, field);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? null : v.getValue().strip();
    }

    private static String selected(Map<String, Map<String, ViewState.Value>> values, Input field) {
        ViewState.Value v = value(values, field);
        if (v == null || v.getSelectedOption() == null) {
            return null;
        }
        String s = v.getSelectedOption().getValue();
        return s == null || s.isBlank() || DEFAULT.equals(s) ? null : s;
    }
}
