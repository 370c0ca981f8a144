package io.atelier.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.gallery.GalleryService;
import io.atelier.core.gallery.GalleryStatus;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.jobs.JobScheduler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * A run of the chat-moderation job posts a publish request; a decision taken while it ran could not
 * wake the (running) job, so the run asks to run again at once instead of leaving it to the sweep.
 */
class ChatModerationPostsTest {

    private static final String ID = "gen-1";

    private final GalleryService gallery = mock(GalleryService.class);
    private final GenerationService generations = mock(GenerationService.class);
    private final ChatModerationPostRepository repository = mock(ChatModerationPostRepository.class);
    private final ChatTenantSettings tenants = mock(ChatTenantSettings.class);
    private final ChatModerationSink sink = mock(ChatModerationSink.class);
    private final ChatModerationPosts posts = new ChatModerationPosts(repository, tenants, gallery, generations,
            new StaticListableBeanFactory(Map.of("sink", sink)).getBeanProvider(ChatModerationSink.class),
            mock(JobScheduler.class));

    @BeforeEach
    void anApiPublishRequestWithNoPostYet() {
        when(generations.find(any(), eq(ID)))
                .thenReturn(Optional.of(ChatFixtures.generation(ID, "team-1", GenerationStatus.SUCCEEDED, 100, null)));
        when(sink.platform()).thenReturn(ChatPlatform.SLACK);
        when(sink.defaultTenant()).thenReturn("T1");
        when(sink.configuredChannel()).thenReturn("CMODS");
        when(tenants.moderationChannel(any(), any(), any())).thenReturn(Optional.of("CMODS"));
        when(repository.posts(ID, "SLACK")).thenReturn(List.of());
        when(sink.post(any(), any(), any(), any())).thenReturn("ts-1");
    }

    @Test
    void aDecisionTakenWhileTheRequestWasPostedRunsTheJobAgainAtOnce() {
        GalleryEntry pending = entry(GalleryStatus.PENDING_REVIEW);
        GalleryEntry rejected = entry(GalleryStatus.REJECTED);
        when(gallery.find(ID)).thenReturn(Optional.of(pending), Optional.of(rejected));
        Instant before = Instant.now();

        Optional<Instant> again = posts.run(ID);

        verify(sink).post(eq("T1"), eq("CMODS"), any(), any());
        assertThat(again).hasValueSatisfying(at -> assertThat(at).isBetween(before, Instant.now()));
    }

    @Test
    void withoutADecisionMeanwhileTheJobIsDone() {
        GalleryEntry pending = entry(GalleryStatus.PENDING_REVIEW);
        when(gallery.find(ID)).thenReturn(Optional.of(pending));

        assertThat(posts.run(ID)).isEmpty();
        verify(sink).post(eq("T1"), eq("CMODS"), any(), any());
    }

    private static GalleryEntry entry(GalleryStatus status) {
        GalleryEntry entry = mock(GalleryEntry.class);
        when(entry.generationId()).thenReturn(ID);
        when(entry.teamId()).thenReturn("team-1");
        when(entry.status()).thenReturn(status);
        return entry;
    }
}
