package io.atelier.core.generation;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The two group commits of the hot path: submits and completions. Separate, so that a batch never
 * holds a team's credit row (a submit) while it waits for a generation's row (a completion), which
 * a cancel, taking them the other way round, could hold.
 */
@Component
class GenerationCommits implements DisposableBean {

    private final GroupCommit submits;
    private final GroupCommit completions;

    GenerationCommits(TransactionTemplate tx) {
        this.submits = new GroupCommit("atelier-commit-submits", tx);
        this.completions = new GroupCommit("atelier-commit-completions", tx);
    }

    GroupCommit submits() {
        return submits;
    }

    GroupCommit completions() {
        return completions;
    }

    @Override
    public void destroy() {
        submits.close();
        completions.close();
    }
}
