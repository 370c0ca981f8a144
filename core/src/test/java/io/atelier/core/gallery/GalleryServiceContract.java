package io.atelier.core.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import io.atelier.core.account.Caller;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.prompt.PromptBlockedException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gallery service's behaviour, run on H2 and on PostgreSQL by the subclasses. */
abstract class GalleryServiceContract {

    /** A fixture whose team {@code trusted} is auto-approved, threshold 2 reports, 3 reports per hour. */
    abstract GalleryFixture fixture();

    @Test
    void publishEntersReviewWithThumbnailAndAuditRow() {
        GalleryFixture f = fixture();
        String team = f.team();
        Generation g = f.generation(team, "a fox in snow", GenerationStatus.SUCCEEDED, false);

        GalleryEntry entry = f.service.publish(GalleryFixture.caller(team), g.id(), GalleryFixture.owner(team), "req-1");

        assertThat(entry.status()).isEqualTo(GalleryStatus.PENDING_REVIEW);
        assertThat(entry.isPublic()).isFalse();
        assertThat(entry.prompt()).isEqualTo("a fox in snow");
        assertThat(entry.authorName()).startsWith("Owner ");
        assertThat(entry.imageId()).isEqualTo(g.outcome().images().getFirst().id());
        assertThat(entry.thumbnailMime()).isIn("image/jpeg", "image/webp");
        assertThat(f.store.blobs).containsKey(entry.thumbnailHash());
        assertThat(f.service.findPublic(g.id())).isEmpty();
        assertThat(f.service.queue(10, 0).items()).extracting(GalleryEntry::generationId).contains(g.id());

        List<AuditEntry> audit = f.service.audit(g.id(), 10, 0);
        assertThat(audit).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo(AuditAction.PUBLISH);
            assertThat(a.role()).isEqualTo(ActorRole.OWNER);
            assertThat(a.before()).isNull();
            assertThat(a.after()).isEqualTo(GalleryStatus.PENDING_REVIEW);
            assertThat(a.requestId()).isEqualTo("req-1");
            assertThat(a.teamId()).isEqualTo(team);
        });
        // publishing again changes nothing
        assertThat(f.service.publish(GalleryFixture.caller(team), g.id(), GalleryFixture.owner(team)).status())
                .isEqualTo(GalleryStatus.PENDING_REVIEW);
    }

    @Test
    void anotherTeamsGenerationIsNotFoundAndUnfinishedOnesCannotBePublished() {
        GalleryFixture f = fixture();
        String team = f.team();
        String other = f.team();
        Generation g = f.generation(team, "a lighthouse", GenerationStatus.SUCCEEDED, false);
        assertThatThrownBy(() -> f.service.publish(GalleryFixture.caller(other), g.id(), GalleryFixture.owner(other)))
                .isInstanceOfSatisfying(GalleryException.class, e -> assertThat(e.kind()).isEqualTo(GalleryException.Kind.NOT_FOUND));
        Generation queued = f.generation(team, "later", GenerationStatus.QUEUED, false);
        assertThatThrownBy(() -> f.service.publish(GalleryFixture.caller(team), queued.id(), GalleryFixture.owner(team)))
                .isInstanceOfSatisfying(GalleryException.class, e -> assertThat(e.code()).isEqualTo("GALLERY_NOT_PUBLISHABLE"));
        assertThat(f.service.find(g.id())).isEmpty();
    }

    @Test
    void publishRunsPromptModerationAgain() {
        GalleryFixture f = fixture();
        String team = f.team();
        Generation g = f.generation(team, "something now forbidden", GenerationStatus.SUCCEEDED, false);
        when(f.moderator.moderate(any(Caller.class), eq("something now forbidden")))
                .thenThrow(new PromptBlockedException("g1", "test", "prompt blocked by rule g1"));
        assertThatThrownBy(() -> f.service.publish(GalleryFixture.caller(team), g.id(), GalleryFixture.owner(team)))
                .isInstanceOf(PromptBlockedException.class);
        assertThat(f.service.find(g.id())).isEmpty();
    }

    @Test
    void moderatorApprovesRejectsAndHidesWithAuditRows() {
        GalleryFixture f = fixture();
        String team = f.team();
        Generation g = f.generation(team, "a red kite", GenerationStatus.SUCCEEDED, false);
        f.service.publish(GalleryFixture.caller(team), g.id(), GalleryFixture.owner(team));

        assertThatThrownBy(() -> f.service.approve(g.id(), GalleryFixture.owner(team), "r"))
                .isInstanceOfSatisfying(GalleryException.class, e -> assertThat(e.kind()).isEqualTo(GalleryException.Kind.FORBIDDEN));
        assertThatThrownBy(() -> f.service.approve(g.id(), new Actor("viewer:x", null, ActorRole.VIEWER), "r"))
                .isInstanceOf(GalleryException.class);

        GalleryEntry approved = f.service.approve(g.id(), GalleryFixture.MODERATOR, "req-a");
        assertThat(approved.status()).isEqualTo(GalleryStatus.APPROVED);
        assertThat(approved.approvedAt()).isNotNull();
        assertThat(f.service.findPublic(g.id())).isPresent();
        assertThat(f.service.listPublic(null, null, GallerySort.NEWEST, 10, 0).items())
                .extracting(GalleryEntry::generationId).contains(g.id());

        GalleryEntry hidden = f.service.hide(g.id(), GalleryFixture.MODERATOR, "looks off", "req-h");
        assertThat(hidden.status()).isEqualTo(GalleryStatus.HIDDEN);
        assertThat(f.service.findPublic(g.id())).isEmpty();

        assertThatThrownBy(() -> f.service.reject(g.id(), GalleryFixture.MODERATOR, "not-a-reason", null, "r"))
                .isInstanceOfSatisfying(GalleryException.class, e -> assertThat(e.field()).isEqualTo("reason"));
        GalleryEntry rejected = f.service.reject(g.id(), GalleryFixture.MODERATOR, "spam", "repeated uploads", "req-r");
        assertThat(rejected.status()).isEqualTo(GalleryStatus.REJECTED);
        assertThat(rejected.reason()).isEqualTo("spam");
        assertThat(rejected.note()).isEqualTo("repeated uploads");
        assertThat(rejected.rejections()).isEqualTo(1);

        List<AuditEntry> audit = f.service.audit(g.id(), 10, 0);
        assertThat(audit).extracting(AuditEntry::action)
                .containsExactly(AuditAction.REJECT, AuditAction.HIDE, AuditAction.APPROVE, AuditAction.PUBLISH);
        AuditEntry reject = audit.getFirst();
        assertThat(reject.actorId()).isEqualTo("discord:42");
        assertThat(reject.actorName()).isEqualTo("Mod Alice");
        assertThat(reject.role()).isEqualTo(ActorRole.MODERATOR);
        assertThat(reject.before()).isEqualTo(GalleryStatus.HIDDEN);
        assertThat(reject.after()).isEqualTo(GalleryStatus.REJECTED);
        assertThat(reject.reason()).isEqualTo("spam");
        assertThat(reject.requestId()).isEqualTo("req-r");
        assertThat(reject.createdAt()).isNotNull();
    }

    @Test
    void ownerAppealsOncePerRejectionAndCanWithdraw() {
        GalleryFixture f = fixture();
        String team = f.team();
        Caller owner = GalleryFixture.caller(team);
        Generation g = f.generation(team, "a tiny robot", GenerationStatus.SUCCEEDED, false);
        f.service.publish(owner, g.id(), GalleryFixture.owner(team));
        assertThatThrownBy(() -> f.service.appeal(owner, g.id(), "please", GalleryFixture.owner(team), null))
                .isInstanceOfSatisfying(GalleryException.class, e -> assertThat(e.code()).isEqualTo("GALLERY_NOT_REJECTED"));
        f.service.reject(g.id(), GalleryFixture.MODERATOR, "other", null, null);
        assertThatThrownBy(() -> f.service.publish(owner, g.id(), GalleryFixture.owner(team)))
                .isInstanceOfSatisfying(GalleryException.class, e -> assertThat(e.code()).isEqualTo("GALLERY_REJECTED"));

        GalleryAppeal appeal = f.service.appeal(owner, g.id(), "it is a toy robot", GalleryFixture.owner(team), "req-p");
        assertThat(appeal.round()).isEqualTo(1);
        assertThat(appeal.status()).isEqualTo("OPEN");
        assertThat(f.service.find(g.id()).orElseThrow().status()).isEqualTo(GalleryStatus.PENDING_REVIEW);

        f.service.reject(g.id(), GalleryFixture.MODERATOR, "other", "still no", null);
        assertThat(f.service.appeals(g.id())).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo("DENIED"));
        // a second rejection allows a second appeal, but not two for the same rejection
        f.service.appeal(owner, g.id(), "second try", GalleryFixture.owner(team), null);
        f.service.reject(g.id(), GalleryFixture.MODERATOR, "other", null, null);
        f.service.appeal(owner, g.id(), "third", GalleryFixture.owner(team), null);
        f.service.approve(g.id(), GalleryFixture.MODERATOR, null);
        assertThat(f.service.appeals(g.id())).extracting(GalleryAppeal::status).containsExactly("DENIED", "DENIED", "GRANTED");

        String other = f.team();
        assertThatThrownBy(() -> f.service.withdraw(GalleryFixture.caller(other), g.id(), GalleryFixture.owner(other)))
                .isInstanceOfSatisfying(GalleryException.class, e -> assertThat(e.kind()).isEqualTo(GalleryException.Kind.NOT_FOUND));
        GalleryEntry withdrawn = f.service.withdraw(owner, g.id(), GalleryFixture.owner(team));
        assertThat(withdrawn.status()).isEqualTo(GalleryStatus.WITHDRAWN);
        assertThat(f.service.findPublic(g.id())).isEmpty();
        assertThat(f.auditCount(g.id(), AuditAction.WITHDRAW)).isEqualTo(1);
        assertThat(f.auditCount(g.id(), AuditAction.APPEAL)).isEqualTo(3);
        // published again after withdrawing: back in review
        assertThat(f.service.publish(owner, g.id(), GalleryFixture.owner(team)).status()).isEqualTo(GalleryStatus.PENDING_REVIEW);
    }

    @Test
    void reportsAreRateLimitedDeduplicatedAndEnoughOfThemSendTheImageBackToReview() {
        GalleryFixture f = fixture();
        String team = f.team();
        Generation g = f.generation(team, "a sunset", GenerationStatus.SUCCEEDED, false);
        f.service.publish(GalleryFixture.caller(team), g.id(), GalleryFixture.owner(team));
        assertThatThrownBy(() -> f.service.report(g.id(), "spam", null, "ip:1", null))
                .isInstanceOfSatisfying(GalleryException.class, e -> assertThat(e.kind()).isEqualTo(GalleryException.Kind.NOT_FOUND));
        f.service.approve(g.id(), GalleryFixture.MODERATOR, null);

        assertThatThrownBy(() -> f.service.report(g.id(), "bogus", null, "ip:1", null))
                .isInstanceOfSatisfying(GalleryException.class, e -> assertThat(e.field()).isEqualTo("reason"));
        GalleryEntry once = f.service.report(g.id(), "spam", "same image posted ten times", "ip:1", "req-v1");
        assertThat(once.status()).isEqualTo(GalleryStatus.APPROVED);
        assertThat(once.openReports()).isEqualTo(1);
        assertThat(f.service.queue(50, 0).items()).extracting(GalleryEntry::generationId).contains(g.id());
        assertThatThrownBy(() -> f.service.report(g.id(), "spam", null, "ip:1", null))
                .isInstanceOfSatisfying(GalleryException.class, e -> assertThat(e.code()).isEqualTo("GALLERY_ALREADY_REPORTED"));

        GalleryEntry twice = f.service.report(g.id(), "nsfw", null, new Reporter("ip:2", "v:viewer-2"), "req-v2");
        assertThat(twice.status()).isEqualTo(GalleryStatus.PENDING_REVIEW);
        assertThat(f.service.findPublic(g.id())).isEmpty();
        assertThat(f.auditCount(g.id(), AuditAction.REPORT)).isEqualTo(2);
        assertThat(f.auditCount(g.id(), AuditAction.AUTO_HIDE)).isEqualTo(1);
        assertThat(f.service.reports(g.id(), true)).extracting(GalleryReport::reason).containsExactly("spam", "nsfw");

        // approving again dismisses the reports
        GalleryEntry back = f.service.approve(g.id(), GalleryFixture.MODERATOR, null);
        assertThat(back.openReports()).isZero();
        assertThat(f.service.reports(g.id(), true)).isEmpty();

        // Issue 17: after a moderator approved it, the same viewers cannot hide it again (by address
        // or by viewer cookie); it goes back to review only when as many new viewers report it.
        assertThatThrownBy(() -> f.service.report(g.id(), "spam", null, "ip:1", null))
                .isInstanceOfSatisfying(GalleryException.class, e -> assertThat(e.code()).isEqualTo("GALLERY_ALREADY_REPORTED"));
        assertThatThrownBy(() -> f.service.report(g.id(), "spam", null, new Reporter("ip:9", "v:viewer-2"), null))
                .as("another address, but the viewer cookie of an earlier reporter")
                .isInstanceOfSatisfying(GalleryException.class, e -> assertThat(e.code()).isEqualTo("GALLERY_ALREADY_REPORTED"));
        assertThat(f.service.report(g.id(), "spam", null, new Reporter("ip:3", "v:viewer-3"), null).status())
                .isEqualTo(GalleryStatus.APPROVED);
        assertThat(f.service.report(g.id(), "spam", null, new Reporter("ip:4", "v:viewer-4"), null).status())
                .isEqualTo(GalleryStatus.PENDING_REVIEW);
        // Moderators see the whole history: two open reports and the two resolved earlier.
        assertThat(f.service.reports(g.id(), false)).hasSize(4);
        assertThat(f.service.reports(g.id(), true)).hasSize(2);

        // rate limit per address: ip:1 has filed 1 report; 3 per hour
        Generation g2 = f.generation(team, "b", GenerationStatus.SUCCEEDED, false);
        Generation g3 = f.generation(team, "c", GenerationStatus.SUCCEEDED, false);
        Generation g4 = f.generation(team, "d", GenerationStatus.SUCCEEDED, false);
        for (Generation x : List.of(g2, g3, g4)) {
            f.service.publish(GalleryFixture.caller(team), x.id(), GalleryFixture.owner(team));
            f.service.approve(x.id(), GalleryFixture.MODERATOR, null);
        }
        f.service.report(g2.id(), "spam", null, new Reporter("ip:1", "v:a"), null);
        f.service.report(g3.id(), "spam", null, new Reporter("ip:1", "v:b"), null);
        assertThatThrownBy(() -> f.service.report(g4.id(), "spam", null, new Reporter("ip:1", "v:c"), null))
                .isInstanceOfSatisfying(GalleryException.class, e -> assertThat(e.kind()).isEqualTo(GalleryException.Kind.RATE_LIMITED));
    }

    @Test
    void trustedTeamsAreAutoApprovedAndPublicListingFilters() {
        GalleryFixture f = fixture();
        String trusted = "00000000-0000-4000-8000-000000000001";
        f.jdbc.sql("INSERT INTO teams (id, name, admin, credits, created_at) VALUES (?, 'trusted', FALSE, 1, CURRENT_TIMESTAMP)")
                .param(trusted).update();
        Generation fox = f.generation(trusted, "A Fox_in 100% snow", GenerationStatus.SUCCEEDED, false);
        Generation owl = f.generation(trusted, "an owl at night", GenerationStatus.SUCCEEDED, false);
        GalleryEntry entry = f.service.publish(GalleryFixture.caller(trusted), fox.id(), GalleryFixture.owner(trusted));
        f.service.publish(GalleryFixture.caller(trusted), owl.id(), GalleryFixture.owner(trusted));
        assertThat(entry.status()).isEqualTo(GalleryStatus.APPROVED);
        assertThat(f.auditCount(fox.id(), AuditAction.AUTO_APPROVE)).isEqualTo(1);

        assertThat(f.service.listPublic("fox_in 100%", null, GallerySort.NEWEST, 10, 0).items())
                .extracting(GalleryEntry::generationId).containsExactly(fox.id());
        assertThat(f.service.listPublic("fox%", null, GallerySort.NEWEST, 10, 0).items()).isEmpty();
        assertThat(f.service.listPublic(null, "other/model", GallerySort.NEWEST, 10, 0).items()).isEmpty();
        f.service.recordView(owl.id());
        assertThat(f.service.listPublic(null, "local/preview", GallerySort.TOP, 100, 0).items().getFirst().generationId())
                .isEqualTo(owl.id());
        assertThat(f.service.publicModels()).contains("local/preview");
    }

    @Test
    void generationsRequestedPublicEnterReviewOnceWhenSucceeded() {
        GalleryFixture f = fixture();
        String team = f.team();
        Generation requested = f.generation(team, "a public bird", GenerationStatus.SUCCEEDED, true);
        Generation failed = f.generation(team, "failed one", GenerationStatus.FAILED, true);
        f.service.enterRequested(failed.id(), team);
        assertThat(f.service.find(failed.id())).as("a failed generation is never entered").isEmpty();
        f.service.enterRequested(requested.id(), team);
        f.service.enterRequested(requested.id(), team);
        assertThat(f.service.find(requested.id()).orElseThrow().status()).isEqualTo(GalleryStatus.PENDING_REVIEW);
        assertThat(f.service.audit(requested.id(), 10, 0)).singleElement()
                .satisfies(a -> assertThat(a.role()).isEqualTo(ActorRole.SYSTEM));
    }
}
