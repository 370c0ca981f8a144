package io.atelier.core.generation;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.provider.ModelCatalog;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Submit: prepare the request, then store the generation, charge the team and write its guard row
 * in one transaction (shared with concurrent submits, {@link GroupCommit}), then hand it to its lane
 * here. When the lane has a free place nobody waits
 * for, the generation is stored as PROCESSING and starts at once on that place: no queue, no poll
 * and no second transaction stand between the submit and the provider call. Otherwise it waits,
 * QUEUED, in the lane's fair queue.
 */
@Component
class GenerationSubmission {

    private final GenerationPreparation preparation;
    private final GenerationRepository repository;
    private final AccountService accounts;
    private final GenerationJobs jobs;
    private final GenerationDispatcher dispatcher;
    private final ModelCatalog catalog;
    private final GenerationCompletion completion;
    private final GenerationCommits commits;

    GenerationSubmission(GenerationPreparation preparation, GenerationRepository repository, AccountService accounts,
                         GenerationJobs jobs, GenerationDispatcher dispatcher, ModelCatalog catalog,
                         GenerationCompletion completion, GenerationCommits commits) {
        this.preparation = preparation;
        this.repository = repository;
        this.accounts = accounts;
        this.jobs = jobs;
        this.dispatcher = dispatcher;
        this.catalog = catalog;
        this.completion = completion;
        this.commits = commits;
    }

    /**
     * See {@link GenerationService#submit(Caller, GenerationRequest, SubmitHook)}.
     *
     * @param beforeStart called with the stored generation after the commit and before it can start
     *                    (a waiter registers there); null for none. Not called for an idempotent repeat.
     */
    Generation submit(Caller caller, GenerationRequest request, SubmitHook hook, Consumer<Generation> beforeStart) {
        String idempotencyKey = blankToNull(request.idempotencyKey());
        if (idempotencyKey != null) {
            if (idempotencyKey.length() > 200) {
                throw GenerationValidationException.invalid("idempotencyKey", "idempotencyKey must be at most 200 characters");
            }
            Optional<Generation> existing = repository.findByIdempotencyKey(caller.teamId(), idempotencyKey);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        Generation prepared = preparation.prepare(caller, request);
        Lane lane = dispatcher.accepting() ? dispatcher.laneFor(catalog.find(prepared.asked().model()).orElseThrow())
                : null;
        boolean startNow = lane != null && lane.tryReserve();
        Generation generation = startNow ? GenerationStates.processing(prepared, prepared.timing().createdAt())
                : prepared;
        try {
            commits.submit(status -> {
                hook.beforeStore(generation);
                repository.insert(generation, idempotencyKey);
                accounts.charge(caller.teamId(), generation.id(), generation.billing().creditsCharged());
                jobs.claim(generation, lane != null);
                return null;
            });
        } catch (DuplicateKeyException raced) {
            if (startNow) {
                lane.cancelReservation();
            }
            if (idempotencyKey != null) {
                return repository.findByIdempotencyKey(caller.teamId(), idempotencyKey).orElseThrow(() -> raced);
            }
            throw raced;
        } catch (RuntimeException e) {
            if (startNow) {
                lane.cancelReservation();
            }
            throw e;
        }
        Runnable dispatch = () -> dispatch(generation, lane, startNow, beforeStart);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // The caller's own transaction holds the generation (a Cuppa bulk): it may start only once
            // that commits, and its place goes back if it rolls back.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        dispatch.run();
                    } else if (startNow) {
                        lane.cancelReservation();
                    }
                }
            });
        } else {
            dispatch.run();
        }
        return generation;
    }

    /** After the commit: tell the listeners, then start the generation or queue it in its lane. */
    private void dispatch(Generation generation, Lane lane, boolean startNow, Consumer<Generation> beforeStart) {
        if (beforeStart != null) {
            beforeStart.accept(generation);
        }
        completion.publish(generation, GenerationEvent.Kind.SUBMITTED);
        if (startNow) {
            completion.publish(generation, GenerationEvent.Kind.STARTED);
            lane.startReserved(generation);
        } else if (lane != null) {
            lane.enqueue(generation);
        } else {
            // This instance is stopping: the row is due for any instance's job engine.
            jobs.wakeEngine();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
