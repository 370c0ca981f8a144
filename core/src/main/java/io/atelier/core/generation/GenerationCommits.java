package io.atelier.core.generation;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The group commit of the hot path: each batch holds the ends of runs (successes) and new submits,
 * committed together. Within a batch the successes run first: a success locks its generation's row,
 * a submit its team's credit row, and a cancel or a failure (their own transactions) take a
 * generation's row before its team's too, so locks are always taken in the same order and two
 * transactions never wait for each other.
 */
@Component
class GenerationCommits implements DisposableBean {

    private static final int COMPLETION = 0;
    private static final int SUBMIT = 1;

    private final GroupCommit commits;

    GenerationCommits(TransactionTemplate tx) {
        this.commits = new GroupCommit("atelier-group-commit", tx);
    }

    /** Runs a submit's statements in the shared transaction (see {@link GroupCommit#execute}). */
    <T> T submit(TransactionCallback<T> work) {
        return commits.execute(SUBMIT, work);
    }

    /** Runs a success's statements in the shared transaction (see {@link GroupCommit#execute}). */
    <T> T completion(TransactionCallback<T> work) {
        return commits.execute(COMPLETION, work);
    }

    @Override
    public void destroy() {
        commits.close();
    }
}
