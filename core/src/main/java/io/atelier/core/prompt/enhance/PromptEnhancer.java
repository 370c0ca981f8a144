package io.atelier.core.prompt.enhance;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.atelier.core.prompt.TimeLimit;
import io.atelier.core.prompt.template.PromptTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Enhances a prompt following a template: with the LLM when a {@link ChatModel} bean exists (see
 * {@code io.atelier.core.llm}), otherwise with the {@link RuleBasedEnhancer}, which never touches
 * the network.
 *
 * <p>The LLM's answer is used only when it arrives within {@code atelier.prompt.enhancement.timeout},
 * fits the model's prompt limit, keeps the user's quoted text verbatim and their subject, and passes
 * the caller's acceptance check (the blocklists); otherwise the rule-based result is used and the
 * returned warnings say why. Accepted rewrites are cached per (prompt, template, image model, LLM).
 * Threading: blocks the calling thread for at most the timeout.
 */
@Service
public class PromptEnhancer {

    private static final Logger log = LoggerFactory.getLogger(PromptEnhancer.class);

    private final ObjectProvider<ChatModel> chatModel;
    private final EnhancementProperties properties;
    private final EnhancementCache cache;

    PromptEnhancer(ObjectProvider<ChatModel> chatModel, EnhancementProperties properties) {
        this.chatModel = chatModel;
        this.properties = properties;
        this.cache = new EnhancementCache(properties.cacheSize());
    }

    /** Whether enhancement uses an LLM (a chat model is configured and allowed). */
    public boolean usesLlm() {
        return llm().isPresent();
    }

    private Optional<ChatModel> llm() {
        return properties.useLlm() ? Optional.ofNullable(chatModel.getIfUnique()) : Optional.empty();
    }

    /**
     * @param prompt       the prompt to enhance, at most {@code limit} characters
     * @param limit        the image model's prompt limit
     * @param imageModelId part of the cache key (limits and wording differ per model)
     * @param acceptable   a final check on any enhanced text (e.g. "matches no blocklist rule")
     */
    public Enhancement enhance(String prompt, PromptTemplate template, int limit, String imageModelId,
                               Predicate<String> acceptable) {
        Enhancement rules = RuleBasedEnhancer.enhance(prompt, template, limit);
        if (rules.method() != EnhancementMethod.NONE && !acceptable.test(rules.prompt())) {
            rules = new Enhancement(prompt.strip(), EnhancementMethod.NONE, false,
                    List.of("the template's style cues matched a blocklist rule; the prompt was used as written"));
        }
        Optional<ChatModel> llm = llm();
        if (llm.isEmpty()) {
            return rules;
        }
        ChatModel chat = llm.get();
        EnhancementCache.Key key = new EnhancementCache.Key(prompt, template.name(), template.fingerprint(), imageModelId,
                limit, llmName(chat));
        Optional<String> cached = cache.get(key);
        if (cached.isPresent() && acceptable.test(cached.get())) {
            return new Enhancement(cached.get(), EnhancementMethod.LLM, true, List.of());
        }
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(LlmRewrite.systemMessage(template, limit)), UserMessage.from(prompt))
                .build();
        String answer;
        try {
            ChatResponse response = TimeLimit.call("prompt-enhancement", () -> chat.chat(request), properties.timeout());
            answer = response == null || response.aiMessage() == null ? null : response.aiMessage().text();
        } catch (TimeoutException e) {
            log.warn("prompt enhancement by the LLM timed out after {}", properties.timeout());
            return fallback(rules, "prompt enhancement by the LLM timed out after " + seconds(properties) + " s");
        } catch (RuntimeException e) {
            log.warn("prompt enhancement by the LLM failed: {}", e.toString());
            return fallback(rules, "prompt enhancement by the LLM failed (" + e.getClass().getSimpleName() + ")");
        }
        String cleaned = LlmRewrite.clean(answer, prompt);
        Optional<String> problem = LlmRewrite.problem(prompt, cleaned, limit);
        if (problem.isPresent()) {
            log.info("LLM enhancement rejected: {}", problem.get());
            return fallback(rules, problem.get());
        }
        if (!acceptable.test(cleaned)) {
            return fallback(rules, "the LLM's prompt matched a blocklist rule");
        }
        cache.put(key, cleaned);
        return new Enhancement(cleaned, EnhancementMethod.LLM, false, List.of());
    }

    private static Enhancement fallback(Enhancement rules, String reason) {
        List<String> warnings = new ArrayList<>(rules.warnings());
        warnings.add(0, reason + (rules.method() == EnhancementMethod.RULES
                ? "; the rule-based enhancement was used instead" : "; the prompt was used as written"));
        return new Enhancement(rules.prompt(), rules.method(), false, warnings);
    }

    private static String seconds(EnhancementProperties p) {
        long ms = p.timeout().toMillis();
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.valueOf(ms / 1000.0);
    }

    private static String llmName(ChatModel chat) {
        try {
            String name = chat.defaultRequestParameters() == null ? null : chat.defaultRequestParameters().modelName();
            return name == null ? chat.getClass().getName() : name;
        } catch (RuntimeException e) {
            return chat.getClass().getName();
        }
    }

    /** LLM rewrites currently cached (for tests and metrics). */
    public int cachedRewrites() {
        return cache.size();
    }
}
