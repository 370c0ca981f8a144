package io.atelier.core.api.cuppa;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.account.InsufficientCreditsException;
import io.atelier.core.account.Team;
import io.atelier.core.api.cuppa.CuppaBulkRepository.BulkItem;
import io.atelier.core.api.cuppa.CuppaBulkRepository.BulkRequest;
import io.atelier.core.article.Article;
import io.atelier.core.article.ArticleService;
import io.atelier.core.brand.BrandKit;
import io.atelier.core.brand.BrandKitService;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationNotFoundException;
import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationSource;
import io.atelier.core.generation.GenerationStateException;
import io.atelier.core.jobs.JobScheduler;
import io.atelier.core.provider.ModelDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cuppa's bulk featured images: one generation per article, through the one generation service
 * (its validation, credits, durable jobs and fair queue), plus a request record that maps articles
 * to generations. Status is aggregated from the generations on every read, never stored twice.
 *
 * <p><b>All or nothing.</b> The request row, its items and every generation (rows, credit charges,
 * jobs) are written in one transaction: {@link GenerationService#submit} joins it. A team short of
 * credits, a bad article or a crash half-way leaves nothing behind (no orphan generations running
 * and charging for a request the client never got an id for); the jobs become visible to workers
 * when it commits.
 */
@Service
class CuppaBulkService {

    static final int MAX_ARTICLES = 50;
    private static final Logger log = LoggerFactory.getLogger(CuppaBulkService.class);

    private final CuppaBulkRepository repository;
    private final ArticleService articles;
    private final BrandKitService brandKits;
    private final GenerationService generations;
    private final CuppaModels models;
    private final AccountService accounts;
    private final TransactionTemplate tx;
    private final JobScheduler jobs;

    CuppaBulkService(CuppaBulkRepository repository, ArticleService articles, BrandKitService brandKits,
                     GenerationService generations, CuppaModels models, AccountService accounts, TransactionTemplate tx,
                     JobScheduler jobs) {
        this.repository = repository;
        this.articles = articles;
        this.brandKits = brandKits;
        this.generations = generations;
        this.models = models;
        this.accounts = accounts;
        this.tx = tx;
        this.jobs = jobs;
    }

    /**
     * A validated {@code POST /v1/images/bulk} body.
     *
     * @param articleIds     1–50 distinct UUIDs, in the client's order
     * @param model          as given; null = the document's default {@code gpt-image-1}
     * @param promptTemplate null = {@link BulkPromptTemplate#DEFAULT}
     */
    record StartCommand(List<String> articleIds, String model, boolean useBrandColors, BulkPromptTemplate promptTemplate,
                        Map<String, Object> requestAsGiven) {
    }

    /** A request with each item's generation as it is now (empty when deleted since). */
    record Snapshot(BulkRequest request, List<ItemState> items) {
    }

    record ItemState(BulkItem item, Optional<Generation> generation) {
    }

    /**
     * Accepts a bulk request: every article of the caller's team becomes one queued generation.
     *
     * @throws CuppaApiException 404 for an article that is not the caller's, 400 for an unknown
     *                           model or an empty prompt, 402 when the team cannot pay for all
     */
    BulkRequest start(Caller caller, StartCommand command) {
        ModelDescriptor model = models.bulkModel(command.model());
        BulkPromptTemplate template = command.promptTemplate() == null ? BulkPromptTemplate.DEFAULT : command.promptTemplate();
        Map<String, Article> found = articles.findAll(caller, command.articleIds());
        for (int i = 0; i < command.articleIds().size(); i++) {
            String id = command.articleIds().get(i);
            if (!found.containsKey(id)) {
                throw new CuppaApiException(HttpStatus.NOT_FOUND, CuppaErrors.NOT_FOUND, "article_ids[" + i + "]",
                        "article " + id + " not found", null);
            }
        }
        BrandKit kit = command.useBrandColors() ? brandKits.find(caller.teamId()).orElse(BrandKit.EMPTY) : BrandKit.EMPTY;
        int budget = Math.min(CuppaModels.MAX_PROMPT_LENGTH, model.promptLimit());
        List<String> prompts = new ArrayList<>();
        for (String id : command.articleIds()) {
            String prompt = brandKits.applyTo(template.render(found.get(id), budget), kit, budget);
            if (prompt.isBlank()) {
                throw CuppaApiException.invalid("prompt_template", "prompt_template renders an empty prompt for article " + id);
            }
            prompts.add(prompt);
        }
        long needed = (long) model.creditCost() * prompts.size();
        long available = accounts.findTeam(caller.teamId()).map(Team::credits).orElse(0L);
        if (available < needed) {
            throw shortOfCredits(needed, available, prompts.size(), model);
        }

        BulkRequest request = new BulkRequest(Ids.uuid(), caller.teamId(), model.id(),
                command.model() == null ? CuppaModels.BULK_DEFAULT_MODEL : command.model(), command.useBrandColors(),
                template.source(), prompts.size(), Timestamps.now(), null);
        CuppaModels.Rules rules = CuppaModels.rules(model);
        try {
            tx.executeWithoutResult(status -> {
                repository.insert(request);
                for (int i = 0; i < prompts.size(); i++) {
                    String articleId = command.articleIds().get(i);
                    Map<String, Object> meta = new LinkedHashMap<>();
                    meta.put("cuppa_bulk_request_id", request.id());
                    meta.put("article_id", articleId);
                    GenerationRequest.Builder generation = GenerationRequest.builder(GenerationSource.CUPPA)
                            .prompt(prompts.get(i))
                            .model(model.id())
                            .autoEnhance(false)
                            .meta(meta)
                            .requestAsGiven(command.requestAsGiven());
                    CuppaModels.applyDefaults(generation, rules, null, null);
                    Generation submitted = generations.submit(caller, generation.build());
                    repository.insertItem(request.id(), new BulkItem(i, articleId, submitted.id()));
                }
            });
        } catch (InsufficientCreditsException raced) {
            long now = accounts.findTeam(caller.teamId()).map(Team::credits).orElse(0L);
            throw shortOfCredits(needed, now, prompts.size(), model);
        }
        // The jobs became visible at commit; wake a local worker now rather than at its next poll.
        jobs.triggerCheckForDueExecutions();
        log.info("cuppa bulk request {} queued: team={} articles={} model={}", request.id(), caller.teamId(),
                prompts.size(), model.id());
        return request;
    }

    private static CuppaApiException shortOfCredits(long needed, long available, int articles, ModelDescriptor model) {
        return new CuppaApiException(HttpStatus.PAYMENT_REQUIRED, CuppaErrors.INSUFFICIENT_CREDITS, null,
                "this bulk request costs " + needed + " credits (" + articles + " articles × " + model.creditCost()
                        + " for " + model.id() + ") and the team has " + available, null);
    }

    /** @throws CuppaApiException 404 for an unknown id or another team's request */
    Snapshot snapshot(Caller caller, String id) {
        BulkRequest request = find(caller, id);
        List<ItemState> items = repository.items(request.id()).stream()
                .map(item -> new ItemState(item, generations.find(caller, item.generationId())))
                .toList();
        return new Snapshot(request, items);
    }

    /**
     * Cancels what has not run: marks the request canceled, then cancels its queued generations
     * (they never start) and its running ones (asked to stop; they end canceled, credits refunded).
     * Completed articles keep their images. Idempotent, as the document knows only success: a
     * request whose articles had all ended is left as it is (still {@code completed} or
     * {@code failed}), and canceling again finishes a cancel interrupted half-way.
     *
     * @return how many generations this call canceled
     * @throws CuppaApiException 404 for an unknown id or another team's request
     */
    int cancel(Caller caller, String id) {
        Snapshot snapshot = snapshot(caller, id);
        List<String> active = snapshot.items().stream()
                .filter(s -> s.generation().map(g -> !g.status().isTerminal()).orElse(false))
                .map(s -> s.item().generationId())
                .toList();
        if (active.isEmpty()) {
            return 0;
        }
        repository.markCanceled(id, Timestamps.now());
        int canceled = 0;
        // In submission order: the next job a worker would pick is canceled first.
        for (String generationId : active) {
            try {
                generations.cancel(caller, generationId);
                canceled++;
            } catch (GenerationStateException | GenerationNotFoundException endedOrGone) {
                // Finished or deleted between the read and the cancel: it keeps its result.
            }
        }
        log.info("cuppa bulk request {} canceled: {} generation(s) stopped", id, canceled);
        return canceled;
    }

    private BulkRequest find(Caller caller, String id) {
        return (Ids.isUuid(id) ? repository.find(caller.teamId(), id) : Optional.<BulkRequest>empty())
                .orElseThrow(() -> CuppaApiException.notFound("bulk request " + id + " not found"));
    }
}
