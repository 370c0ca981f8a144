package io.atelier.core.prompt;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** Shared fixtures of the prompt-pipeline tests: an in-memory database, a model catalog, scripted LLMs. */
public final class PromptTestSupport {

    private PromptTestSupport() {
    }

    /** A fresh in-memory H2 database with every migration applied. */
    public static JdbcClient database() {
        DataSource ds = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:prompt-" + Ids.uuid() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return JdbcClient.create(ds);
    }

    /** Inserts a team and returns its id. */
    public static String newTeam(JdbcClient jdbc) {
        String id = Ids.uuid();
        jdbc.sql("INSERT INTO teams (id, name, admin, credits, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, "team " + id, false, 100L, Timestamps.db(Timestamps.now())).update();
        return id;
    }

    /**
     * A catalog with {@code test/full} (default: negative prompts, edits, up to 4 images, limit 4000)
     * and {@code test/plain} (no negative prompt, no edits, 1 image, limit 200).
     */
    public static ModelCatalog catalog() {
        ModelDescriptor full = new ModelDescriptor("test/full", "test", "full", "Full", "everything",
                new ModelCapabilities(List.of(), true, 2048, 4, true, true, true, true, true), 4000, 1);
        ModelDescriptor plain = new ModelDescriptor("test/plain", "test", "plain", "Plain", "little",
                new ModelCapabilities(List.of(), true, 2048, 1, false, false, false, false, false), 200, 1);
        ImageProvider provider = new ImageProvider() {
            @Override
            public String id() {
                return "test";
            }

            @Override
            public List<ModelDescriptor> models() {
                return List.of(full, plain);
            }

            @Override
            public ProviderResult generate(ProviderRequest request, ProviderContext context) {
                throw new UnsupportedOperationException();
            }
        };
        return new ModelCatalog(List.of(provider), "test/full");
    }

    /** An ObjectProvider holding {@code bean}, or nothing when it is null. */
    public static <T> ObjectProvider<T> provider(Class<T> type, T bean) {
        StaticListableBeanFactory factory = bean == null ? new StaticListableBeanFactory()
                : new StaticListableBeanFactory(Map.of("bean", bean));
        return factory.getBeanProvider(type);
    }

    /**
     * A scripted {@link ChatModel}: answers with {@code script(system message, user message)},
     * records every call, never touches the network.
     */
    public static final class ScriptedChatModel implements ChatModel {

        /** One call as the model saw it. */
        public record Call(String system, String user) {
        }

        private final Function<Call, String> script;
        public final List<Call> calls = new CopyOnWriteArrayList<>();

        public ScriptedChatModel(Function<Call, String> script) {
            this.script = script;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            String system = null;
            String user = null;
            for (ChatMessage m : request.messages()) {
                if (m instanceof SystemMessage s) {
                    system = s.text();
                } else if (m instanceof UserMessage u) {
                    user = u.singleText();
                }
            }
            Call call = new Call(system, user);
            calls.add(call);
            return ChatResponse.builder().aiMessage(AiMessage.from(script.apply(call))).build();
        }
    }

    /** A chat model that never answers until interrupted (a hung LLM). */
    public static final class HangingChatModel implements ChatModel {
        public final CountDownLatch interrupted = new CountDownLatch(1);

        @Override
        public ChatResponse doChat(ChatRequest request) {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("interrupted");
        }
    }
}
