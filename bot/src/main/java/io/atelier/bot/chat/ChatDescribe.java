package io.atelier.bot.chat;

import io.atelier.core.common.Ids;
import io.atelier.core.llm.ImageDescriber;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * {@code /describe}: the attached image through the checks ({@link ChatUploads}), then to the
 * configured vision-capable chat model ({@link ImageDescriber}) for four prompts; the answer is kept
 * in {@code chat_describes} so each prompt's Imagine button ({@link ChatAction#IMAGINE_PROMPT}) works
 * later, on any instance. Nothing is charged: no image is made until a prompt's button is clicked.
 *
 * <p>Blocking (the download and the model's round trip): call it off the platforms' event threads.
 */
@Service
public class ChatDescribe {

    private final ChatUploads uploads;
    private final ImageDescriber describer;
    private final ChatDescribeRepository repository;

    ChatDescribe(ChatUploads uploads, ImageDescriber describer, ChatDescribeRepository repository) {
        this.uploads = uploads;
        this.describer = describer;
        this.repository = repository;
    }

    /** The answer to a {@code /describe}. */
    public sealed interface Outcome {
        /** The prompts, in order; button n imagines prompt n of {@code id}. */
        record Described(String id, List<String> prompts) implements Outcome {
        }

        /** No prompts: no chat model, an unusable attachment, or the model failed (the failure says which). */
        record Refused(ChatView.Failure failure) implements Outcome {
        }
    }

    /** One stored answer. */
    public record Stored(String id, ChatPlatform platform, String tenantId, String userId, List<String> prompts) {
    }

    public Outcome describe(ChatUser user, ChatImageRef image) {
        if (!describer.available()) {
            return refused("DESCRIBE_UNAVAILABLE", ImageDescriber.HOW_TO_ENABLE);
        }
        SourceImage bytes;
        try {
            bytes = uploads.fetch(image, "attachment");
        } catch (ChatUploads.ChatUploadException e) {
            return refused(e.code(), e.getMessage());
        }
        List<String> prompts;
        try {
            prompts = describer.describe(bytes);
        } catch (ImageDescriber.DescribeException e) {
            return refused(e.code(), e.getMessage());
        }
        String id = Ids.uuid();
        repository.insert(id, user, prompts);
        return new Outcome.Described(id, prompts);
    }

    /** A stored answer of the user's tenant; empty for an unknown id or another tenant's. */
    public Optional<Stored> find(ChatUser user, String id) {
        if (!Ids.isUuid(id)) {
            return Optional.empty();
        }
        return repository.find(id).filter(s -> s.platform() == user.platform() && s.tenantId().equals(user.tenantId()));
    }

    private static Outcome refused(String code, String message) {
        return new Outcome.Refused(new ChatView.Failure(ChatView.FailureKind.INVALID, code, message, null, null, null, false));
    }
}
