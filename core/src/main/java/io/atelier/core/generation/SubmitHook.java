package io.atelier.core.generation;

/**
 * Work a caller of {@link GenerationService#submit(io.atelier.core.account.Caller, GenerationRequest, SubmitHook)}
 * adds to the transaction that stores, charges and enqueues a generation: an admission check that
 * must be atomic with the insert (a quota that counts stored jobs) and the caller's own rows about
 * the generation.
 *
 * <p>Contract: runs first inside that transaction, after the request was validated and the
 * prompt prepared (so no slow work such as an LLM call happens while the hook holds locks), with
 * the generation as it is about to be stored (its id is final). Rows the hook writes commit or roll
 * back with the generation. A {@link RuntimeException} thrown by the hook rolls everything back
 * (nothing stored, nothing charged, no job) and {@code submit} rethrows it unchanged. Not called
 * when an idempotency key returns an existing generation. The transaction may be shared with other
 * submits and then rolled back because of one of them and run again (see {@code GroupCommit}), so the
 * hook may run twice: its effects must be its statements. It runs on the committing thread, not the
 * caller's (no thread-locals).
 */
@FunctionalInterface
public interface SubmitHook {

    /** No extra work. */
    SubmitHook NONE = generation -> {
    };

    /** Runs inside the storing transaction, before the generation row is inserted. */
    void beforeStore(Generation generation);
}
