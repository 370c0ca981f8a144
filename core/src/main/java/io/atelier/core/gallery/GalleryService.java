package io.atelier.core.gallery;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.account.Team;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.prompt.PromptBlockedException;
import io.atelier.core.prompt.moderation.BlocklistMatch;
import io.atelier.core.prompt.moderation.PromptModerator;
import io.atelier.core.storage.ImageRepository;
import io.atelier.core.storage.ImageStore;
import io.atelier.core.storage.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The public gallery and its moderation: publishing, review decisions, viewers' reports, owners'
 * appeals, and the append-only audit log every action writes (in the same transaction as the
 * change it records).
 *
 * <p>Who may do what is decided by the {@link Actor}'s role, which the calling surface establishes
 * from its own authentication (API key roles, chat identities); nothing here trusts request bodies.
 * Owners are checked against the generation's team: another team's generation is "not found".
 *
 * <p>Thread-safety: stateless; concurrent decisions on one entry are compare-and-set on its status
 * (the loser gets {@code GALLERY_CONFLICT}). Publishing reads the image and encodes a thumbnail on the
 * calling thread (tens of milliseconds for a 1024² image).
 */
@Service
public class GalleryService {

    private static final Logger log = LoggerFactory.getLogger(GalleryService.class);
    static final int MAX_NOTE = 2000;
    static final int MAX_REASON = 100;

    private final GalleryRepository repository;
    private final GenerationService generations;
    private final ImageRepository images;
    private final ImageStore store;
    private final PromptModerator moderator;
    private final AccountService accounts;
    private final GalleryProperties properties;
    private final TransactionTemplate tx;
    private final Thumbnailer thumbnailer;
    private final ApplicationEventPublisher events;

    GalleryService(GalleryRepository repository, GenerationService generations, ImageRepository images, ImageStore store,
                   PromptModerator moderator, AccountService accounts, GalleryProperties properties, TransactionTemplate tx) {
        this(repository, generations, images, store, moderator, accounts, properties, tx, event -> { });
    }

    @Autowired
    GalleryService(GalleryRepository repository, GenerationService generations, ImageRepository images, ImageStore store,
                   PromptModerator moderator, AccountService accounts, GalleryProperties properties, TransactionTemplate tx,
                   ApplicationEventPublisher events) {
        this.events = events;
        this.repository = repository;
        this.generations = generations;
        this.images = images;
        this.store = store;
        this.moderator = moderator;
        this.accounts = accounts;
        this.properties = properties;
        this.tx = tx;
        this.thumbnailer = new Thumbnailer(properties.thumbnailSize());
    }

    // ------------------------------------------------------------------ owners

    /**
     * Proposes the owner's succeeded generation for the public gallery: PENDING_REVIEW, or APPROVED
     * when auto-approve applies (trusted team, or a moderator's own work when so configured). The
     * prompt passes moderation again (blocklists and the moderation model). Publishing an entry that
     * is already pending or approved returns it unchanged.
     *
     * @throws GalleryException NOT_FOUND (no such generation of the owner's team), CONFLICT (not
     *                          succeeded, rejected — appeal instead — or hidden)
     * @throws PromptBlockedException when the prompt no longer passes moderation
     */
    public GalleryEntry publish(Caller owner, String generationId, Actor actor) {
        return publish(owner, generationId, actor, null);
    }

    /** {@link #publish(Caller, String, Actor)} with the request id recorded in the audit log. */
    public GalleryEntry publish(Caller owner, String generationId, Actor actor, String requestId) {
        Generation generation = ownedGeneration(owner, generationId);
        Optional<GalleryEntry> existing = repository.find(generationId);
        if (existing.isPresent()) {
            GalleryStatus status = existing.get().status();
            if (status == GalleryStatus.PENDING_REVIEW || status == GalleryStatus.APPROVED) {
                return existing.get();
            }
            if (status == GalleryStatus.REJECTED) {
                throw GalleryException.conflict("GALLERY_REJECTED", "generation " + generationId
                        + " was rejected by a moderator; the owner may appeal the rejection once instead of publishing again");
            }
            if (status == GalleryStatus.HIDDEN) {
                throw GalleryException.conflict("GALLERY_HIDDEN", "generation " + generationId + " was hidden by a moderator");
            }
        }
        if (generation.status() != GenerationStatus.SUCCEEDED || generation.images().isEmpty()) {
            throw GalleryException.conflict("GALLERY_NOT_PUBLISHABLE", "generation " + generationId + " is "
                    + generation.status() + "; only a succeeded generation with an image can be published"
                    + " (or submit it with publicRequested to enter review when it succeeds)");
        }
        moderator.moderate(owner, generation.originalPrompt());
        if (!generation.prompt().equals(generation.originalPrompt())) {
            moderator.moderate(owner, generation.prompt());
        }
        boolean auto = properties.autoApproveTeams().contains(owner.teamId())
                || (properties.autoApproveModerators() && (actor.role() == ActorRole.MODERATOR || actor.role() == ActorRole.ADMIN
                || owner.moderator()));
        String author = actor.role() == ActorRole.OWNER ? actor.displayName() : teamName(owner.teamId());
        return enter(generation, existing.orElse(null), actor, author, auto, requestId);
    }

    /**
     * Takes the owner's entry out of the gallery and the queue (WITHDRAWN, whatever its state);
     * withdrawing again returns it unchanged. It may be published again later.
     */
    public GalleryEntry withdraw(Caller owner, String generationId, Actor actor) {
        return withdraw(owner, generationId, actor, null);
    }

    public GalleryEntry withdraw(Caller owner, String generationId, Actor actor, String requestId) {
        GalleryEntry entry = ownedEntry(owner, generationId);
        String teamId = entry.teamId();
        for (int attempt = 0; attempt < 3; attempt++) {
            GalleryStatus before = entry.status();
            Instant now = Timestamps.now();
            Boolean done = tx.execute(s -> {
                if (before != GalleryStatus.WITHDRAWN
                        && !repository.transition(generationId, before, GalleryStatus.WITHDRAWN, null, null, false, now)) {
                    return false;
                }
                repository.audit(actor, AuditAction.WITHDRAW, generationId, teamId, before, GalleryStatus.WITHDRAWN,
                        null, null, requestId, now);
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                return changed(reload(generationId));
            }
            entry = reload(generationId);
        }
        throw concurrentChange(generationId);
    }

    /**
     * Appeals the entry's latest rejection: back to PENDING_REVIEW with the owner's message. One
     * appeal per rejection ({@code GALLERY_APPEAL_USED} after that).
     */
    public GalleryAppeal appeal(Caller owner, String generationId, String message, Actor actor, String requestId) {
        GalleryEntry entry = ownedEntry(owner, generationId);
        String text = requireText("message", message, MAX_NOTE);
        if (entry.status() != GalleryStatus.REJECTED) {
            throw GalleryException.conflict("GALLERY_NOT_REJECTED", "only a rejected entry can be appealed; generation "
                    + generationId + " is " + entry.status());
        }
        int round = entry.rejections();
        if (repository.appealExists(generationId, round)) {
            throw GalleryException.conflict("GALLERY_APPEAL_USED", "this rejection was already appealed once");
        }
        Instant now = Timestamps.now();
        String id = Ids.uuid();
        Boolean done = tx.execute(s -> {
            if (!repository.transition(generationId, GalleryStatus.REJECTED, GalleryStatus.PENDING_REVIEW, "appeal",
                    entry.note(), false, now)) {
                return false;
            }
            repository.insertAppeal(id, generationId, round, text, now);
            repository.audit(actor, AuditAction.APPEAL, generationId, entry.teamId(), GalleryStatus.REJECTED,
                    GalleryStatus.PENDING_REVIEW, "appeal", text, requestId, now);
            return true;
        });
        if (!Boolean.TRUE.equals(done)) {
            throw concurrentChange(generationId);
        }
        return repository.appeals(generationId).stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    /** The owner's entry, whatever its state; empty when not published or another team's. */
    public Optional<GalleryEntry> findOwned(Caller owner, String generationId) {
        return Ids.isUuid(generationId) ? repository.find(generationId).filter(e -> e.teamId().equals(owner.teamId()))
                : Optional.empty();
    }

    /** The owner's entries, newest first. */
    public List<GalleryEntry> listOwned(Caller owner, int limit, int offset) {
        return repository.listByTeam(owner.teamId(), clamp(limit), Math.max(0, offset));
    }

    // ------------------------------------------------------------------ moderators

    /**
     * Approves an entry (PENDING_REVIEW, HIDDEN or REJECTED → APPROVED); on an approved entry with
     * open reports it dismisses the reports. Resolves open reports and grants an open appeal.
     *
     * @throws GalleryException FORBIDDEN for actors who cannot moderate; NOT_FOUND; CONFLICT when withdrawn
     */
    public GalleryEntry approve(String generationId, Actor moderator, String requestId) {
        requireModerator(moderator);
        return decide(generationId, moderator, AuditAction.APPROVE, GalleryStatus.APPROVED, null, null, requestId,
                EnumSet.of(GalleryStatus.PENDING_REVIEW, GalleryStatus.HIDDEN, GalleryStatus.REJECTED, GalleryStatus.APPROVED));
    }

    /**
     * Rejects an entry with a reason from {@code atelier.gallery.reject-reasons} and optional free
     * text (at most 2000 characters). Each rejection allows the owner one appeal.
     */
    public GalleryEntry reject(String generationId, Actor moderator, String reason, String note, String requestId) {
        requireModerator(moderator);
        String code = reason == null ? null : reason.strip();
        if (code == null || code.isEmpty()) {
            throw GalleryException.invalid("reason", "reason is required; one of " + properties.rejectReasons());
        }
        if (!properties.rejectReasons().contains(code)) {
            throw GalleryException.invalid("reason", "reason must be one of " + properties.rejectReasons() + ", not \"" + code + "\"");
        }
        String text = optionalText("note", note, MAX_NOTE);
        return decide(generationId, moderator, AuditAction.REJECT, GalleryStatus.REJECTED, code, text, requestId,
                EnumSet.of(GalleryStatus.PENDING_REVIEW, GalleryStatus.APPROVED, GalleryStatus.HIDDEN, GalleryStatus.REJECTED));
    }

    /** Hides an entry from the public gallery (APPROVED or PENDING_REVIEW → HIDDEN), reason optional. */
    public GalleryEntry hide(String generationId, Actor moderator, String reason, String requestId) {
        requireModerator(moderator);
        String text = optionalText("reason", reason, MAX_REASON);
        return decide(generationId, moderator, AuditAction.HIDE, GalleryStatus.HIDDEN, text, null, requestId,
                EnumSet.of(GalleryStatus.APPROVED, GalleryStatus.PENDING_REVIEW, GalleryStatus.HIDDEN));
    }

    private GalleryEntry decide(String generationId, Actor actor, AuditAction action, GalleryStatus target, String reason,
                                String note, String requestId, Set<GalleryStatus> allowedFrom) {
        GalleryEntry entry = entry(generationId);
        for (int attempt = 0; attempt < 3; attempt++) {
            GalleryStatus before = entry.status();
            if (!allowedFrom.contains(before)) {
                throw GalleryException.conflict("GALLERY_INVALID_TRANSITION", "cannot " + action.name().toLowerCase()
                        + " generation " + generationId + ": it is " + before);
            }
            Instant now = Timestamps.now();
            String teamId = entry.teamId();
            Boolean done = tx.execute(s -> {
                if (before == target) {
                    // Re-deciding the same way: nothing changes but the reports are dealt with.
                    if (target == GalleryStatus.REJECTED && reason != null) {
                        repository.transition(generationId, before, target, reason, note, true, now);
                    }
                } else if (!repository.transition(generationId, before, target, reason, note, true, now)) {
                    return false;
                }
                repository.resolveReports(generationId, now);
                if (target == GalleryStatus.APPROVED) {
                    repository.decideOpenAppeal(generationId, "GRANTED", now);
                } else if (target == GalleryStatus.REJECTED) {
                    repository.decideOpenAppeal(generationId, "DENIED", now);
                }
                repository.audit(actor, action, generationId, teamId, before, target, reason, note, requestId, now);
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                return changed(reload(generationId));
            }
            entry = reload(generationId);
        }
        throw concurrentChange(generationId);
    }

    /** Tells in-process listeners (after the commit) that an entry changed; returns it. */
    private GalleryEntry changed(GalleryEntry entry) {
        try {
            events.publishEvent(new GalleryEntryChanged(entry.generationId(), entry.status()));
        } catch (RuntimeException e) {
            // A listener's failure is not the decision's: the change is committed, the sweeps find it.
            log.warn("a listener of gallery changes failed for {}", entry.generationId(), e);
        }
        return entry;
    }

    /** The review queue: pending entries and approved ones with open reports, most reported then oldest first. */
    public Page<GalleryEntry> queue(int limit, int offset) {
        int l = clamp(limit);
        int o = Math.max(0, offset);
        return new Page<>(repository.queue(l, o), l, o, repository.queueSize());
    }

    /** Reports of one entry ({@code openOnly}: not yet resolved). */
    public List<GalleryReport> reports(String generationId, boolean openOnly) {
        return Ids.isUuid(generationId) ? repository.reports(generationId, openOnly) : List.of();
    }

    /** Open reports of all entries, newest first. */
    public List<GalleryReport> openReports(int limit) {
        return repository.openReports(clamp(limit));
    }

    public List<GalleryAppeal> appeals(String generationId) {
        return Ids.isUuid(generationId) ? repository.appeals(generationId) : List.of();
    }

    /** The audit log, newest first; {@code targetId} null for every target. */
    public List<AuditEntry> audit(String targetId, int limit, int offset) {
        if (targetId != null && !Ids.isUuid(targetId)) {
            return List.of();
        }
        return repository.auditLog(targetId, clamp(limit), Math.max(0, offset));
    }

    public List<String> rejectReasons() {
        return properties.rejectReasons();
    }

    public List<String> reportReasons() {
        return properties.reportReasons();
    }

    // ------------------------------------------------------------------ viewers

    /**
     * A viewer's report of a public (approved) image. When the entry's open reports reach
     * {@code atelier.gallery.report-threshold} it leaves the public gallery and goes back to review
     * (PENDING_REVIEW, audited as AUTO_HIDE by the system).
     *
     * <p>Reports count distinct viewers: a viewer (by address, or by viewer cookie when there is one)
     * reports an entry once, ever. So after a moderator approves a reported entry (which resolves its
     * reports), it goes back to review only when as many new viewers report it again; the same
     * people cannot hide it a second time. Each address may file {@code atelier.gallery.reports-per-hour}
     * reports an hour. The check and the insert hold the entry's row lock, so two reports of one
     * viewer at once cannot both count.
     *
     * @throws GalleryException NOT_FOUND when not public, INVALID reason/details, RATE_LIMITED,
     *                          CONFLICT {@code GALLERY_ALREADY_REPORTED}
     */
    public GalleryEntry report(String generationId, String reason, String details, Reporter reporter, String requestId) {
        GalleryEntry entry = findPublic(generationId).orElseThrow(() -> GalleryException.notFound(generationId));
        String code = reason == null ? "" : reason.strip();
        if (!properties.reportReasons().contains(code)) {
            throw GalleryException.invalid("reason", "reason must be one of " + properties.reportReasons());
        }
        String text = optionalText("details", details, 1000);
        Instant now = Timestamps.now();
        if (repository.reportsSince(reporter.address(), now.minus(Duration.ofHours(1))) >= properties.reportsPerHour()) {
            throw new GalleryException(GalleryException.Kind.RATE_LIMITED, "REPORT_RATE_LIMITED", null,
                    "too many reports from this address; at most " + properties.reportsPerHour() + " per hour");
        }
        Actor viewer = new Actor("viewer:" + reporter.address(), "viewer", ActorRole.VIEWER);
        tx.executeWithoutResult(s -> {
            repository.lockEntry(generationId);
            if (repository.hasReportBy(generationId, reporter.address(), reporter.viewer())) {
                throw GalleryException.conflict("GALLERY_ALREADY_REPORTED",
                        "you already reported this image; a moderator will look at it");
            }
            repository.insertReport(Ids.uuid(), generationId, code, text, reporter.address(), reporter.viewer(), now);
            repository.audit(viewer, AuditAction.REPORT, generationId, entry.teamId(), null, null, code, text, requestId, now);
            GalleryEntry after = repository.find(generationId).orElseThrow();
            if (after.status() == GalleryStatus.APPROVED && after.openReports() >= properties.reportThreshold()
                    && repository.transition(generationId, GalleryStatus.APPROVED, GalleryStatus.PENDING_REVIEW, "reports",
                    null, true, now)) {
                repository.audit(Actor.system(), AuditAction.AUTO_HIDE, generationId, entry.teamId(), GalleryStatus.APPROVED,
                        GalleryStatus.PENDING_REVIEW, "reports", after.openReports() + " open reports", requestId, now);
            }
        });
        return reload(generationId);
    }

    /** {@link #report(String, String, String, Reporter, String)} by address alone. */
    public GalleryEntry report(String generationId, String reason, String details, String reporter, String requestId) {
        return report(generationId, reason, details,
                Reporter.ofAddress(reporter == null || reporter.isBlank() ? "anonymous" : reporter), requestId);
    }

    /** Approved entries for the public gallery. */
    public Page<GalleryEntry> listPublic(String query, String model, GallerySort sort, int limit, int offset) {
        if (query != null && query.length() > 200) {
            throw GalleryException.invalid("q", "q must be at most 200 characters");
        }
        int l = clamp(limit);
        int o = Math.max(0, offset);
        GallerySort s = sort == null ? GallerySort.NEWEST : sort;
        return new Page<>(repository.listPublic(query, model, s, l, o), l, o, repository.countPublic(query, model));
    }

    /** Models that appear in the public gallery. */
    public List<String> publicModels() {
        return repository.publicModels();
    }

    /** An approved entry; empty for anything the public may not see. */
    public Optional<GalleryEntry> findPublic(String generationId) {
        return find(generationId).filter(GalleryEntry::isPublic);
    }

    /** Counts a detail-page view of an approved entry (orders "top"). */
    public void recordView(String generationId) {
        if (Ids.isUuid(generationId)) {
            repository.incrementViews(generationId);
        }
    }

    /** Any entry by id, whatever its state (moderators, internal use). */
    public Optional<GalleryEntry> find(String generationId) {
        return Ids.isUuid(generationId) ? repository.find(generationId) : Optional.empty();
    }

    /** The entry's displayed image (its generation's first), for building URLs. */
    public Optional<StoredImage> image(GalleryEntry entry) {
        return entry.imageId() == null ? Optional.empty() : images.findById(entry.imageId());
    }

    /** The signed provenance record of the entry's image, if one exists. */
    public Optional<GalleryProvenance> provenance(GalleryEntry entry) {
        return entry.imageId() == null ? Optional.empty() : repository.provenance(entry.generationId(), entry.imageId());
    }

    /** Opens the entry's displayed image; empty when it has none (or its bytes are gone). The caller closes the stream. */
    public Optional<InputStream> openImage(GalleryEntry entry) throws IOException {
        Optional<StoredImage> image = image(entry);
        return image.isEmpty() ? Optional.empty() : store.open(image.get().contentHash());
    }

    /** Opens the entry's thumbnail; empty when it has none. The caller closes the stream. */
    public Optional<InputStream> openThumbnail(GalleryEntry entry) throws IOException {
        return entry.thumbnailHash() == null ? Optional.empty() : store.open(entry.thumbnailHash());
    }

    // ------------------------------------------------------------------ system

    /**
     * Enters a generation submitted with {@code publicRequested} into review once it has succeeded
     * (idempotent: an existing entry is left alone). A prompt that no longer passes the blocklists
     * is recorded as rejected by the system instead, so it is not retried. Called by the finish
     * event listener and the periodic sweep ({@link GalleryRequestedSweep}).
     */
    void enterRequested(String generationId, String teamId) {
        if (repository.find(generationId).isPresent()) {
            return;
        }
        Caller owner = new Caller(teamId, Actor.SYSTEM_ID, false);
        Optional<Generation> found = generations.find(owner, generationId);
        if (found.isEmpty() || found.get().status() != GenerationStatus.SUCCEEDED || found.get().images().isEmpty()) {
            return;
        }
        Generation generation = found.get();
        Actor system = Actor.system();
        Optional<BlocklistMatch> verdict;
        boolean unchecked = false;
        try {
            verdict = moderator.blocklistMatch(teamId, generation.originalPrompt())
                    .or(() -> moderator.blocklistMatch(teamId, generation.prompt()));
        } catch (PromptBlockedException budgetRanOut) {
            // Not checked in time: a moderator decides (never auto-approved, never auto-rejected).
            verdict = Optional.empty();
            unchecked = true;
        }
        Optional<BlocklistMatch> blocked = verdict;
        String author = teamName(teamId);
        if (blocked.isPresent()) {
            Instant now = Timestamps.now();
            try {
                tx.executeWithoutResult(s -> {
                    repository.insert(generationId, teamId, GalleryStatus.REJECTED, author, now);
                    repository.transition(generationId, GalleryStatus.REJECTED, GalleryStatus.REJECTED, "blocked-prompt",
                            "rule " + blocked.get().rule().id(), true, now);
                    repository.audit(system, AuditAction.PUBLISH_BLOCKED, generationId, teamId, null, GalleryStatus.REJECTED,
                            "blocked-prompt", "rule " + blocked.get().rule().id(), null, now);
                });
            } catch (DuplicateKeyException raced) {
                // another instance entered it first
            }
            return;
        }
        enter(generation, null, system, author, !unchecked && properties.autoApproveTeams().contains(teamId), null);
    }

    /** Generations waiting to be entered by {@link #enterRequested}. */
    List<GalleryRepository.RequestedGeneration> requestedWithoutEntry(int limit) {
        return repository.publicRequestedWithoutEntry(limit);
    }

    // ------------------------------------------------------------------ helpers

    private GalleryEntry enter(Generation generation, GalleryEntry existing, Actor actor, String author, boolean autoApprove,
                               String requestId) {
        String id = generation.id();
        StoredImage cover = generation.images().getFirst();
        Thumbnailer.Thumbnail thumbnail = existing != null && existing.thumbnailHash() != null ? null : thumbnail(cover);
        String thumbnailHash = null;
        if (thumbnail != null) {
            try {
                thumbnailHash = store.put(thumbnail.bytes());
            } catch (IOException e) {
                log.warn("could not store the thumbnail of {}; the gallery will show the full image", id, e);
            }
        }
        String hash = thumbnailHash;
        GalleryStatus status = autoApprove ? GalleryStatus.APPROVED : GalleryStatus.PENDING_REVIEW;
        Instant now = Timestamps.now();
        try {
            Boolean done = tx.execute(s -> {
                GalleryStatus before = existing == null ? null : existing.status();
                if (existing == null) {
                    repository.insert(id, generation.teamId(), status, author, now);
                } else if (!repository.republish(id, status, author, now)) {
                    return false;
                }
                if (hash != null) {
                    repository.setThumbnail(id, cover.id(), hash, thumbnail.mimeType());
                } else if (existing == null || existing.imageId() == null) {
                    repository.setThumbnail(id, cover.id(), null, null);
                }
                repository.audit(actor, AuditAction.PUBLISH, id, generation.teamId(), before, GalleryStatus.PENDING_REVIEW,
                        null, null, requestId, now);
                if (autoApprove) {
                    repository.audit(Actor.system(), AuditAction.AUTO_APPROVE, id, generation.teamId(), GalleryStatus.PENDING_REVIEW,
                            GalleryStatus.APPROVED, "auto-approve", null, requestId, now);
                }
                return true;
            });
            if (!Boolean.TRUE.equals(done)) {
                throw concurrentChange(id);
            }
        } catch (DuplicateKeyException raced) {
            // A concurrent publish of the same generation won; its entry is the answer.
        }
        return changed(reload(id));
    }

    private Thumbnailer.Thumbnail thumbnail(StoredImage image) {
        try {
            Optional<InputStream> in = store.open(image.contentHash());
            if (in.isEmpty()) {
                log.warn("image {} is missing from storage; no thumbnail", image.id());
                return null;
            }
            try (InputStream stream = in.get()) {
                return thumbnailer.make(stream.readAllBytes());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not make a thumbnail of image {}; the gallery will show the full image", image.id(), e);
            return null;
        }
    }

    private Generation ownedGeneration(Caller owner, String generationId) {
        if (!Ids.isUuid(generationId)) {
            throw GalleryException.notFound(generationId);
        }
        return generations.find(owner, generationId).orElseThrow(() -> GalleryException.notFound(generationId));
    }

    private GalleryEntry ownedEntry(Caller owner, String generationId) {
        return findOwned(owner, generationId).orElseThrow(() -> GalleryException.notFound(generationId));
    }

    private GalleryEntry entry(String generationId) {
        return find(generationId).orElseThrow(() -> GalleryException.notFound(generationId));
    }

    private GalleryEntry reload(String generationId) {
        return repository.find(generationId).orElseThrow(() -> GalleryException.notFound(generationId));
    }

    private static void requireModerator(Actor actor) {
        if (actor == null || !actor.role().canModerate()) {
            throw GalleryException.forbidden("moderation needs a moderator or admin");
        }
    }

    private String teamName(String teamId) {
        return accounts.findTeam(teamId).map(Team::name).orElse("unknown");
    }

    private static GalleryException concurrentChange(String generationId) {
        return GalleryException.conflict("GALLERY_CONFLICT", "generation " + generationId
                + " was changed by someone else at the same time; reload and try again");
    }

    private static String requireText(String field, String value, int max) {
        String text = optionalText(field, value, max);
        if (text == null) {
            throw GalleryException.invalid(field, field + " is required");
        }
        return text;
    }

    private static String optionalText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > max) {
            throw GalleryException.invalid(field, field + " must be at most " + max + " characters");
        }
        return text;
    }

    private static int clamp(int limit) {
        return limit <= 0 ? 20 : Math.min(limit, 100);
    }

    /** A page of results with the total count. */
    public record Page<T>(List<T> items, int limit, int offset, long total) {
        public boolean hasMore() {
            return offset + items.size() < total;
        }
    }
}
