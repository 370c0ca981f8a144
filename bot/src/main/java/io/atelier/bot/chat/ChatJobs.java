package io.atelier.bot.chat;

import io.atelier.core.account.Caller;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** A chat user's own jobs ({@code /jobs}, App Home), newest first; deleted generations are skipped. */
@Service
public class ChatJobs {

    public static final int MAX_LIMIT = 25;

    private final JdbcClient jdbc;
    private final ChatAccounts accounts;
    private final GenerationService generations;

    ChatJobs(JdbcClient jdbc, ChatAccounts accounts, GenerationService generations) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.generations = generations;
    }

    public List<Generation> recent(ChatUser user, int limit) {
        Caller caller = accounts.callerFor(user);
        List<String> ids = jdbc.sql("""
                        SELECT generation_id FROM chat_jobs WHERE platform = ? AND tenant_id = ? AND user_id = ?
                        ORDER BY created_at DESC LIMIT ?""")
                .params(user.platform().name(), user.tenantId(), user.userId(), Math.max(1, Math.min(MAX_LIMIT, limit)))
                .query(String.class)
                .list();
        return ids.stream().map(id -> generations.find(caller, id)).flatMap(Optional::stream).toList();
    }
}
