package io.atelier.core.gallery;

import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moderators' decisions on entries (approve, reject, hide) and viewers' reports, which past a
 * threshold send an approved entry back to review. Every decision is a compare-and-set on the
 * entry's status, retried against the fresh state; each writes its audit row in its transaction.
 */
final class GalleryModeration {

    private final GalleryRepository repository;
    private final GalleryProperties properties;
    private final TransactionTemplate tx;
    private final GalleryChanges changes;

    GalleryModeration(GalleryRepository repository, GalleryProperties properties, TransactionTemplate tx,
                      GalleryChanges changes) {
        this.repository = repository;
        this.properties = properties;
        this.tx = tx;
        this.changes = changes;
    }

    /**
     * Approves an entry (PENDING_REVIEW, HIDDEN or REJECTED → APPROVED); on an approved entry with
     * open reports it dismisses the reports. Resolves open reports and grants an open appeal.
     *
     * @throws GalleryException FORBIDDEN for actors who cannot moderate; NOT_FOUND; CONFLICT when withdrawn
     */
    GalleryEntry approve(String generationId, Actor moderator, String requestId) {
        requireModerator(moderator);
        return decide(generationId, moderator, AuditAction.APPROVE, GalleryStatus.APPROVED, null, null, requestId,
                EnumSet.of(GalleryStatus.PENDING_REVIEW, GalleryStatus.HIDDEN, GalleryStatus.REJECTED, GalleryStatus.APPROVED));
    }

    /**
     * Rejects an entry with a reason from {@code atelier.gallery.reject-reasons} and optional free
     * text (at most 2000 characters). Each rejection allows the owner one appeal.
     */
    GalleryEntry reject(String generationId, Actor moderator, String reason, String note, String requestId) {
        requireModerator(moderator);
        String code = reason == null ? null : reason.strip();
        if (code == null || code.isEmpty()) {
            throw GalleryException.invalid("reason", "reason is required; one of " + properties.rejectReasons());
        }
        if (!properties.rejectReasons().contains(code)) {
            throw GalleryException.invalid("reason", "reason must be one of " + properties.rejectReasons() + ", not \"" + code + "\"");
        }
        String text = GalleryInput.optionalText("note", note, GalleryInput.MAX_NOTE);
        return decide(generationId, moderator, AuditAction.REJECT, GalleryStatus.REJECTED, code, text, requestId,
                EnumSet.of(GalleryStatus.PENDING_REVIEW, GalleryStatus.APPROVED, GalleryStatus.HIDDEN, GalleryStatus.REJECTED));
    }

    /** Hides an entry from the public gallery (APPROVED or PENDING_REVIEW → HIDDEN), reason optional. */
    GalleryEntry hide(String generationId, Actor moderator, String reason, String requestId) {
        requireModerator(moderator);
        String text = GalleryInput.optionalText("reason", reason, GalleryInput.MAX_REASON);
        return decide(generationId, moderator, AuditAction.HIDE, GalleryStatus.HIDDEN, text, null, requestId,
                EnumSet.of(GalleryStatus.APPROVED, GalleryStatus.PENDING_REVIEW, GalleryStatus.HIDDEN));
    }

    private GalleryEntry decide(String generationId, Actor actor, AuditAction action, GalleryStatus target, String reason,
                                String note, String requestId, Set<GalleryStatus> allowedFrom) {
        GalleryEntry entry = (Ids.isUuid(generationId) ? repository.find(generationId) : Optional.<GalleryEntry>empty())
                .orElseThrow(() -> GalleryException.notFound(generationId));
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
                return changes.changed(generationId);
            }
            entry = changes.reload(generationId);
        }
        throw GalleryChanges.concurrentChange(generationId);
    }

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
    GalleryEntry report(String generationId, String reason, String details, Reporter reporter, String requestId) {
        GalleryEntry entry = (Ids.isUuid(generationId) ? repository.find(generationId).filter(GalleryEntry::isPublic)
                : Optional.<GalleryEntry>empty()).orElseThrow(() -> GalleryException.notFound(generationId));
        String code = reason == null ? "" : reason.strip();
        if (!properties.reportReasons().contains(code)) {
            throw GalleryException.invalid("reason", "reason must be one of " + properties.reportReasons());
        }
        String text = GalleryInput.optionalText("details", details, 1000);
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
        return changes.reload(generationId);
    }

    /** {@link #report(String, String, String, Reporter, String)} by address alone. */
    GalleryEntry report(String generationId, String reason, String details, String reporter, String requestId) {
        return report(generationId, reason, details,
                Reporter.ofAddress(reporter == null || reporter.isBlank() ? "anonymous" : reporter), requestId);
    }

    private static void requireModerator(Actor actor) {
        if (actor == null || !actor.role().canModerate()) {
            throw GalleryException.forbidden("moderation needs a moderator or admin");
        }
    }
}
