package io.atelier.bot.chat;

import io.atelier.core.account.Caller;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** A chat user's own jobs ({@code /jobs}, App Home), newest first; deleted generations are skipped. */
@Service
public class ChatJobs {

    public static final int MAX_LIMIT = 25;

    private final ChatJobRepository jobs;
    private final ChatAccounts accounts;
    private final GenerationService generations;

    ChatJobs(ChatJobRepository jobs, ChatAccounts accounts, GenerationService generations) {
        this.jobs = jobs;
        this.accounts = accounts;
        this.generations = generations;
    }

    public List<Generation> recent(ChatUser user, int limit) {
        Caller caller = accounts.callerFor(user);
        List<String> ids = jobs.recentGenerationIds(user, Math.max(1, Math.min(MAX_LIMIT, limit)));
        return ids.stream().map(id -> generations.find(caller, id)).flatMap(Optional::stream).toList();
    }
}
