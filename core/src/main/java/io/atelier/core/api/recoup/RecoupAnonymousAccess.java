package io.atelier.core.api.recoup;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.account.Team;
import io.atelier.core.api.AnonymousAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Recoup without a key when {@code atelier.recoup.anonymous-team} names a team: the request is charged
 * to that team, and its key id {@code recoup-anonymous:<address>} gives each client address its own
 * rate-limit bucket and its own prompt-moderation cooldown.
 */
@Component
class RecoupAnonymousAccess implements AnonymousAccess {

    static final String KEY_PREFIX = "recoup-anonymous:";

    private final AccountService accounts;
    private final String teamRef;
    /** The team id once found (or created); a benign race may look it up twice. */
    private volatile String teamId;

    RecoupAnonymousAccess(AccountService accounts, RecoupProperties properties) {
        this.accounts = accounts;
        this.teamRef = properties.anonymousTeam();
    }

    @Override
    public Optional<Caller> callerFor(HttpServletRequest request, HandlerMethod handler) {
        if (teamRef == null || handler.getBeanType() != RecoupImageController.class) {
            return Optional.empty();
        }
        String address = request.getRemoteAddr() == null ? "unknown" : request.getRemoteAddr();
        return Optional.of(new Caller(team(), KEY_PREFIX + address, false));
    }

    private String team() {
        String known = teamId;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (teamId == null) {
                teamId = accounts.findTeam(teamRef).map(Team::id)
                        .or(() -> accounts.listTeams().stream().filter(t -> t.name().equals(teamRef)).map(Team::id).findFirst())
                        .orElseGet(() -> accounts.createTeam(teamRef, false, null).team().id());
            }
            return teamId;
        }
    }
}
