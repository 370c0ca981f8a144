package io.atelier.core.gallery;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.common.Ids;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.prompt.PromptBlockedException;
import io.atelier.core.prompt.moderation.PromptModerator;
import io.atelier.core.storage.ImageRepository;
import io.atelier.core.storage.ImageStore;
import io.atelier.core.storage.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
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
 * <p>This class is the gallery's entry point; the work is done by {@link GalleryPublishing} (owners
 * and the system), {@link GalleryModeration} (moderators and viewers' reports), and the reads here.
 *
 * <p>Thread-safety: stateless; concurrent decisions on one entry are compare-and-set on its status
 * (the loser gets {@code GALLERY_CONFLICT}). Publishing reads the image and encodes a thumbnail on the
 * calling thread (tens of milliseconds for a 1024² image).
 */
@Service
public class GalleryService {

    private final GalleryRepository repository;
    private final ImageRepository images;
    private final ImageStore store;
    private final GalleryProperties properties;
    private final GalleryPublishing publishing;
    private final GalleryModeration moderation;

    GalleryService(GalleryRepository repository, GenerationService generations, ImageRepository images, ImageStore store,
                   PromptModerator moderator, AccountService accounts, GalleryProperties properties, TransactionTemplate tx) {
        this(repository, generations, images, store, moderator, accounts, properties, tx, event -> { });
    }

    @Autowired
    GalleryService(GalleryRepository repository, GenerationService generations, ImageRepository images, ImageStore store,
                   PromptModerator moderator, AccountService accounts, GalleryProperties properties, TransactionTemplate tx,
                   ApplicationEventPublisher events) {
        this.repository = repository;
        this.images = images;
        this.store = store;
        this.properties = properties;
        GalleryChanges changes = new GalleryChanges(repository, events);
        this.publishing = new GalleryPublishing(repository, generations, tx,
                new GalleryAdmission(moderator, accounts, properties),
                new GalleryThumbnails(store, new Thumbnailer(properties.thumbnailSize())), changes);
        this.moderation = new GalleryModeration(repository, properties, tx, changes);
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
        return publishing.publish(owner, generationId, actor, requestId);
    }

    /**
     * Takes the owner's entry out of the gallery and the queue (WITHDRAWN, whatever its state);
     * withdrawing again returns it unchanged. It may be published again later.
     */
    public GalleryEntry withdraw(Caller owner, String generationId, Actor actor) {
        return withdraw(owner, generationId, actor, null);
    }

    public GalleryEntry withdraw(Caller owner, String generationId, Actor actor, String requestId) {
        return publishing.withdraw(owner, generationId, actor, requestId);
    }

    /**
     * Appeals the entry's latest rejection: back to PENDING_REVIEW with the owner's message. One
     * appeal per rejection ({@code GALLERY_APPEAL_USED} after that).
     */
    public GalleryAppeal appeal(Caller owner, String generationId, String message, Actor actor, String requestId) {
        return publishing.appeal(owner, generationId, message, actor, requestId);
    }

    /** The owner's entry, whatever its state; empty when not published or another team's. */
    public Optional<GalleryEntry> findOwned(Caller owner, String generationId) {
        return Ids.isUuid(generationId) ? repository.find(generationId).filter(e -> e.teamId().equals(owner.teamId()))
                : Optional.empty();
    }

    /** The owner's entries, newest first. */
    public List<GalleryEntry> listOwned(Caller owner, int limit, int offset) {
        return repository.listByTeam(owner.teamId(), GalleryInput.clamp(limit), Math.max(0, offset));
    }

    // ------------------------------------------------------------------ moderators

    /**
     * Approves an entry (PENDING_REVIEW, HIDDEN or REJECTED → APPROVED); on an approved entry with
     * open reports it dismisses the reports. Resolves open reports and grants an open appeal.
     *
     * @throws GalleryException FORBIDDEN for actors who cannot moderate; NOT_FOUND; CONFLICT when withdrawn
     */
    public GalleryEntry approve(String generationId, Actor moderator, String requestId) {
        return moderation.approve(generationId, moderator, requestId);
    }

    /**
     * Rejects an entry with a reason from {@code atelier.gallery.reject-reasons} and optional free
     * text (at most 2000 characters). Each rejection allows the owner one appeal.
     */
    public GalleryEntry reject(String generationId, Actor moderator, String reason, String note, String requestId) {
        return moderation.reject(generationId, moderator, reason, note, requestId);
    }

    /** Hides an entry from the public gallery (APPROVED or PENDING_REVIEW → HIDDEN), reason optional. */
    public GalleryEntry hide(String generationId, Actor moderator, String reason, String requestId) {
        return moderation.hide(generationId, moderator, reason, requestId);
    }

    /** The review queue: pending entries and approved ones with open reports, most reported then oldest first. */
    public Page<GalleryEntry> queue(int limit, int offset) {
        int l = GalleryInput.clamp(limit);
        int o = Math.max(0, offset);
        return new Page<>(repository.queue(l, o), l, o, repository.queueSize());
    }

    /** Reports of one entry ({@code openOnly}: not yet resolved). */
    public List<GalleryReport> reports(String generationId, boolean openOnly) {
        return Ids.isUuid(generationId) ? repository.reports(generationId, openOnly) : List.of();
    }

    /** Open reports of all entries, newest first. */
    public List<GalleryReport> openReports(int limit) {
        return repository.openReports(GalleryInput.clamp(limit));
    }

    public List<GalleryAppeal> appeals(String generationId) {
        return Ids.isUuid(generationId) ? repository.appeals(generationId) : List.of();
    }

    /** The audit log, newest first; {@code targetId} null for every target. */
    public List<AuditEntry> audit(String targetId, int limit, int offset) {
        if (targetId != null && !Ids.isUuid(targetId)) {
            return List.of();
        }
        return repository.auditLog(targetId, GalleryInput.clamp(limit), Math.max(0, offset));
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
        return moderation.report(generationId, reason, details, reporter, requestId);
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
        int l = GalleryInput.clamp(limit);
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
        publishing.enterRequested(generationId, teamId);
    }


    /** A page of results with the total count. */
    public record Page<T>(List<T> items, int limit, int offset, long total) {
        public boolean hasMore() {
            return offset + items.size() < total;
        }
    }
}
