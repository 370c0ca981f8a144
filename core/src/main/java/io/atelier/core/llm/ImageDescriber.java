package io.atelier.core.llm;

import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /describe}: an image in, four prompts out that would make an image like it, written by the
 * configured chat model ({@code atelier.llm.*}) looking at the image. The model must be
 * vision-capable (gpt-4o, gpt-4o-mini, llava on Ollama …); one that is not answers an error, which
 * comes back as a {@link DescribeException} naming the model.
 *
 * <p>The answer is read leniently: a JSON array of strings, or numbered or bulleted lines; at most
 * {@value #PROMPTS} distinct prompts of at most {@value #MAX_PROMPT_LENGTH} characters each are kept.
 *
 * <p>Threading: {@link #describe} blocks for the model's round trip, at most {@link #TIMEOUT}; call it
 * off chat platforms' event threads.
 */
@Service
public class ImageDescriber {

    public static final int PROMPTS = 4;
    public static final int MAX_PROMPT_LENGTH = 400;
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** What an operator sets to turn {@code /describe} on, for the message shown when it is off. */
    public static final String HOW_TO_ENABLE = "Describing images needs a vision-capable chat model: set atelier.llm.base-url "
            + "(ATELIER_LLM_BASE_URL) or atelier.llm.api-key (ATELIER_LLM_API_KEY), and atelier.llm.model "
            + "(ATELIER_LLM_MODEL) to a model that reads images, such as gpt-4o-mini.";

    private static final Logger log = LoggerFactory.getLogger(ImageDescriber.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:\\d+[.)]|[-*•])\\s+(.+)$");
    private static final Pattern JSON_ARRAY = Pattern.compile("\\[.*]", Pattern.DOTALL);
    static final String SYSTEM = """
            You write prompts for a text-to-image model. You are shown one image. Write four different prompts \
            that would make an image like it: subject, setting, style, medium, lighting, colours and composition, \
            each prompt one line of at most 60 words, no numbering inside the text. Vary them: the first close to \
            the image, the last freer. Answer with a JSON array of four strings and nothing else.""";

    private final ObjectProvider<ChatModel> chatModel;

    ImageDescriber(ObjectProvider<ChatModel> chatModel) {
        this.chatModel = chatModel;
    }

    /** Whether a chat model is configured (whether it reads images is only known when asked). */
    public boolean available() {
        return chatModel.getIfUnique() != null;
    }

    /**
     * Up to four prompts for the image, in the model's order.
     *
     * @throws DescribeException {@code DESCRIBE_UNAVAILABLE} without a chat model ({@link #HOW_TO_ENABLE}),
     *                           {@code DESCRIBE_FAILED} when the model failed, timed out or answered no prompt
     */
    public List<String> describe(SourceImage image) {
        ChatModel model = chatModel.getIfUnique();
        if (model == null) {
            throw new DescribeException("DESCRIBE_UNAVAILABLE", HOW_TO_ENABLE);
        }
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(SYSTEM), UserMessage.from(
                        ImageContent.from(Base64.getEncoder().encodeToString(image.bytes()), image.mimeType(),
                                ImageContent.DetailLevel.LOW),
                        TextContent.from("Write the four prompts for this image.")))
                .build();
        String answer = call(model, request);
        List<String> prompts = parse(answer);
        if (prompts.isEmpty()) {
            throw new DescribeException("DESCRIBE_FAILED", "the chat model answered without any prompt");
        }
        return prompts;
    }

    private static String call(ChatModel model, ChatRequest request) {
        CompletableFuture<ChatResponse> call = new CompletableFuture<>();
        Thread.ofVirtual().name("describe").start(() -> {
            try {
                call.complete(model.chat(request));
            } catch (Throwable t) {
                call.completeExceptionally(t);
            }
        });
        try {
            ChatResponse response = call.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return response == null || response.aiMessage() == null ? null : response.aiMessage().text();
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new DescribeException("DESCRIBE_FAILED", "the chat model did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DescribeException("DESCRIBE_FAILED", "interrupted while waiting for the chat model");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            log.info("describe: the chat model failed: {}", cause.toString());
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            throw new DescribeException("DESCRIBE_FAILED", "the chat model could not describe the image (is it "
                    + "vision-capable?): " + shorten(message));
        }
    }

    /** The prompts in an answer: a JSON array of strings, else list items, else non-empty lines. */
    static List<String> parse(String answer) {
        if (answer == null || answer.isBlank()) {
            return List.of();
        }
        Set<String> prompts = new LinkedHashSet<>();
        Matcher array = JSON_ARRAY.matcher(answer);
        if (array.find()) {
            try {
                JsonNode node = JSON.readTree(array.group());
                for (JsonNode item : node) {
                    if (item.isString()) {
                        add(prompts, item.stringValue());
                    }
                }
            } catch (JacksonException notJson) {
                // fall through to lines
            }
        }
        if (prompts.isEmpty()) {
            List<String> lines = answer.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            List<String> items = new ArrayList<>();
            for (String line : lines) {
                Matcher m = LIST_ITEM.matcher(line);
                if (m.matches()) {
                    items.add(m.group(1));
                }
            }
            (items.isEmpty() ? lines : items).forEach(l -> add(prompts, l));
        }
        return prompts.stream().limit(PROMPTS).toList();
    }

    private static void add(Set<String> prompts, String text) {
        String prompt = text.strip();
        if (prompt.length() >= 2 && prompt.startsWith("\"") && prompt.endsWith("\"")) {
            prompt = prompt.substring(1, prompt.length() - 1).strip();
        }
        if (prompt.isEmpty() || prompt.toLowerCase(Locale.ROOT).startsWith("```")) {
            return;
        }
        prompts.add(prompt.length() > MAX_PROMPT_LENGTH ? prompt.substring(0, MAX_PROMPT_LENGTH).strip() : prompt);
    }

    private static String shorten(String message) {
        String oneLine = message.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    /**
     * Describing failed or is off; the message is meant for the user. {@code DESCRIBE_UNAVAILABLE}
     * (no vision model) is UNAVAILABLE, any other code (the model failed) UPSTREAM.
     */
    public static final class DescribeException extends AtelierException {

        public DescribeException(String code, String message) {
            super("DESCRIBE_UNAVAILABLE".equals(code) ? ErrorKind.UNAVAILABLE : ErrorKind.UPSTREAM, code, null, message);
        }
    }
}
