package io.atelier.bot.chat;

import io.atelier.core.account.Caller;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import org.springframework.stereotype.Service;

/**
 * Checks a button click against the database: the generation must exist in the clicker's tenant,
 * and owner-only actions ({@link ChatAction#ownerOnly()}) need the user who started it (recorded in
 * {@code meta.chat.principal}) or a moderator.
 */
@Service
public class ChatActions {

    private final ChatAccounts accounts;
    private final GenerationService generations;

    ChatActions(ChatAccounts accounts, GenerationService generations) {
        this.accounts = accounts;
        this.generations = generations;
    }

    /** An authorized click: who, on what, acting as which caller. */
    public record Authorized(ChatUser user, Caller caller, Generation generation, ChatAction action, boolean owner) {
    }

    /**
     * @throws ChatActionException {@code NOT_FOUND} or {@code FORBIDDEN}
     */
    public Authorized authorize(ChatUser user, ActionId id) {
        Caller caller = accounts.callerFor(user);
        Generation generation = generations.find(caller, id.generationId())
                .orElseThrow(() -> new ChatActionException("NOT_FOUND", "That generation no longer exists."));
        boolean owner = ChatMeta.principal(generation).map(user.principal()::equals).orElse(false);
        if (id.action().ownerOnly() && !owner && !user.moderator()) {
            throw new ChatActionException("FORBIDDEN", "Only the person who created this image or a moderator can "
                    + id.action().wireName() + " it.");
        }
        return new Authorized(user, caller, generation, id.action(), owner);
    }

    /** Whether the user started this generation. */
    public static boolean isOwner(ChatUser user, Generation generation) {
        return ChatMeta.principal(generation).map(user.principal()::equals).orElse(false);
    }
}
