package io.atelier.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/** {@code /describe}'s model call: the image goes as an image part, the answer is read leniently. */
class ImageDescriberTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 1, 2, 3};

    @Test
    void sendsTheImageAsAnImagePartAndReadsAJsonArray() {
        AtomicReference<ChatRequest> seen = new AtomicReference<>();
        ImageDescriber describer = describer(request -> {
            seen.set(request);
            return "Here you go:\n[\"a red fox in snow\", \"a fox, watercolour\", \"winter wildlife photo\", \"minimal fox icon\"]";
        });

        List<String> prompts = describer.describe(new SourceImage(PNG, "image/png"));

        assertThat(prompts).containsExactly("a red fox in snow", "a fox, watercolour", "winter wildlife photo", "minimal fox icon");
        UserMessage user = (UserMessage) seen.get().messages().get(1);
        ImageContent image = (ImageContent) user.contents().getFirst();
        assertThat(image.image().mimeType()).isEqualTo("image/png");
        assertThat(Base64.getDecoder().decode(image.image().base64Data())).isEqualTo(PNG);
    }

    @Test
    void numberedLinesAreReadWhenTheAnswerIsNotJsonAndExtrasAreDropped() {
        assertThat(ImageDescriber.parse("1. one\n2) \"two\"\n- three\n* four\n5. five"))
                .containsExactly("one", "two", "three", "four");
        assertThat(ImageDescriber.parse("just one prompt")).containsExactly("just one prompt");
        assertThat(ImageDescriber.parse("  ")).isEmpty();
    }

    @Test
    void withoutAModelItSaysWhatToConfigureAndAFailingModelIsNamedAsSuch() {
        ImageDescriber off = new ImageDescriber(new DefaultListableBeanFactory().getBeanProvider(ChatModel.class));
        assertThat(off.available()).isFalse();
        assertThatThrownBy(() -> off.describe(new SourceImage(PNG, "image/png")))
                .isInstanceOfSatisfying(ImageDescriber.DescribeException.class, e -> {
                    assertThat(e.code()).isEqualTo("DESCRIBE_UNAVAILABLE");
                    assertThat(e.getMessage()).contains("atelier.llm.base-url", "atelier.llm.model", "vision");
                });

        ImageDescriber blind = describer(request -> {
            throw new IllegalArgumentException("image_url is only supported by certain models");
        });
        assertThatThrownBy(() -> blind.describe(new SourceImage(PNG, "image/png")))
                .isInstanceOfSatisfying(ImageDescriber.DescribeException.class, e -> {
                    assertThat(e.code()).isEqualTo("DESCRIBE_FAILED");
                    assertThat(e.getMessage()).contains("vision-capable", "only supported by certain models");
                });
    }

    private static ImageDescriber describer(Function<ChatRequest, String> answer) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("chatModel", new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return ChatResponse.builder().aiMessage(AiMessage.from(answer.apply(request))).build();
            }
        });
        return new ImageDescriber(beans.getBeanProvider(ChatModel.class));
    }
}
