package io.atelier.core.gallery;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Gallery and moderation settings under {@code atelier.gallery.*}.
 *
 * @param autoApproveTeams      team ids whose publications skip review (trusted teams)
 * @param autoApproveModerators whether a moderator's or admin's own publications skip review
 * @param rejectReasons         reason codes a moderator picks from when rejecting (plus free text)
 * @param reportReasons         reason codes a viewer picks from when reporting
 * @param reportThreshold       open reports that take an approved image out of the public gallery
 *                              back into review
 * @param reportsPerHour        reports one viewer (IP or session) may file per hour
 * @param thumbnailSize         longest side of thumbnails, pixels
 * @param sweepInterval         how often generations submitted with {@code publicRequested} are
 *                              entered into review (a safety net behind the finish event)
 */
@ConfigurationProperties("atelier.gallery")
public record GalleryProperties(
        @DefaultValue List<String> autoApproveTeams,
        @DefaultValue("false") boolean autoApproveModerators,
        @DefaultValue({"nsfw", "violence", "hate", "spam", "copyright", "low-quality", "other"}) List<String> rejectReasons,
        @DefaultValue({"nsfw", "violence", "hate", "spam", "copyright", "other"}) List<String> reportReasons,
        @DefaultValue("3") int reportThreshold,
        @DefaultValue("10") int reportsPerHour,
        @DefaultValue("512") int thumbnailSize,
        @DefaultValue("30s") Duration sweepInterval) {

    public GalleryProperties {
        autoApproveTeams = autoApproveTeams == null ? List.of() : List.copyOf(autoApproveTeams);
        rejectReasons = rejectReasons == null || rejectReasons.isEmpty() ? List.of("other") : List.copyOf(rejectReasons);
        reportReasons = reportReasons == null || reportReasons.isEmpty() ? List.of("other") : List.copyOf(reportReasons);
        if (reportThreshold < 1) {
            throw new IllegalArgumentException("atelier.gallery.report-threshold must be at least 1");
        }
        if (reportsPerHour < 1) {
            throw new IllegalArgumentException("atelier.gallery.reports-per-hour must be at least 1");
        }
        if (thumbnailSize < 32 || thumbnailSize > 2048) {
            throw new IllegalArgumentException("atelier.gallery.thumbnail-size must be between 32 and 2048");
        }
        if (sweepInterval == null || sweepInterval.isNegative() || sweepInterval.isZero()) {
            sweepInterval = Duration.ofSeconds(30);
        }
    }
}
