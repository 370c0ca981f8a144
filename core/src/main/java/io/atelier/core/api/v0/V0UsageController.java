package io.atelier.core.api.v0;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.account.Team;
import io.atelier.core.api.UnauthorizedException;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v0/usage}: the caller's team and its remaining credits, {@code {data:{teamId, creditsRemaining}}}. */
@RestController
class V0UsageController {

    private final AccountService accounts;

    V0UsageController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/v0/usage")
    Map<String, Object> usage(Caller caller) {
        Team team = accounts.findTeam(caller.teamId()).orElseThrow(() -> new UnauthorizedException("Unknown team"));
        return Map.of("data", Map.of("teamId", team.id(), "creditsRemaining", team.credits()));
    }
}
