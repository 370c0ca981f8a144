package io.atelier.app;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A vision-capable chat model for tests: a request carrying an image is answered the way a real one
 * answers {@code /describe} (a JSON array of four prompts); the images it was shown are recorded.
 */
final class VisionChatModel implements ChatModel {

    static final List<String> PROMPTS = List.of("a red fox curled up in fresh snow, soft morning light",
            "watercolour of a fox in a snowy forest", "a fox, minimal flat vector icon, orange on white",
            "close-up wildlife photograph of a red fox, shallow depth of field");

    final List<ImageContent> seen = new CopyOnWriteArrayList<>();

    @Override
    public ChatResponse doChat(ChatRequest request) {
        for (ChatMessage message : request.messages()) {
            if (message instanceof UserMessage user) {
                for (Content content : user.contents()) {
                    if (content instanceof ImageContent image) {
                        seen.add(image);
                        return answer("[\"" + String.join("\", \"", PROMPTS) + "\"]");
                    }
                }
            }
        }
        return answer("(no image)");
    }

    private static ChatResponse answer(String text) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
    }
}
