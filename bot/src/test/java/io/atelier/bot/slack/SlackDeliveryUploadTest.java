package io.atelier.bot.slack;

import io.atelier.core.generation.GenerationService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.atelier.bot.chat.ChatDeliveries;
import io.atelier.bot.chat.ChatDelivery;
import io.atelier.bot.chat.ChatPlatform;
import io.atelier.bot.chat.ChatView;
import io.atelier.bot.chat.DeliveryOutcome;
import io.atelier.bot.chat.DeliveryTarget;
import io.atelier.core.storage.StoredImage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The result's uploads survive a run cut off between Slack sharing a file and the delivery recording
 * it: the next run finds the file in the message's thread by its name instead of uploading it again.
 */
class SlackDeliveryUploadTest {

    private final SlackWebApi slack = mock(SlackWebApi.class);
    private final GenerationService images = mock(GenerationService.class);
    private JdbcTemplate jdbc;
    private SlackDeliveryChannel channel;

    private final StoredImage first = image("img-1", 0);
    private final StoredImage second = image("img-2", 1);
    private final ChatView.Result result = new ChatView.Result("0190abcd-0000-7000-8000-000000000001", "a harbour", "a harbour",
            "local/preview", 7, 900L, "1:1", List.of(first, second), List.of(), null);
    private final ChatDelivery delivery = new ChatDelivery("d1", result.generationId(), "team-1", ChatPlatform.SLACK, "T1", "U1",
            new DeliveryTarget("C1", Map.of(SlackDeliveryChannel.REQUESTER, "U1", SlackDeliveryChannel.TS, "1700.0001")),
            ChatDelivery.State.ACTIVE, null, null, 0, null, Instant.now());

    @BeforeEach
    void database() throws Exception {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:slack-uploads-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        channel = new SlackDeliveryChannel(slack, images, new SlackUploads(jdbc), mock(ChatDeliveries.class));
        when(images.readImage(any())).thenAnswer(i -> Optional.of(new byte[] {1, 2, 3}));
    }

    @Test
    void aSecondRunReusesWhatTheFirstRecorded() {
        when(slack.uploadFile(eq("C1"), eq("1700.0001"), anyString(), anyString(), any())).thenReturn("F1", "F2");

        assertThat(channel.deliver(delivery, result)).isEqualTo(DeliveryOutcome.Delivered.ok());
        assertThat(channel.deliver(delivery, result)).isEqualTo(DeliveryOutcome.Delivered.ok());

        verify(slack, times(2)).uploadFile(anyString(), anyString(), anyString(), anyString(), any());
        verify(slack, never()).filesInThread(anyString(), anyString());
        assertThat(jdbc.queryForList("SELECT file_id FROM slack_uploads ORDER BY image_id", String.class)).containsExactly("F1", "F2");
    }

    @Test
    void aRunCutOffAfterSlackSharedTheFileFindsItInTheThread() {
        // The first run claimed both uploads, Slack shared the first image's file, then the run died.
        jdbc.update("INSERT INTO slack_uploads (delivery_id, image_id, file_id, created_at) VALUES ('d1', 'img-1', '', CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO slack_uploads (delivery_id, image_id, file_id, created_at) VALUES ('d1', 'img-2', '', CURRENT_TIMESTAMP)");
        when(slack.filesInThread("C1", "1700.0001")).thenReturn(Map.of("atelier-0190abcd-1.png", "F1", "someone-else.png", "F9"));
        when(slack.uploadFile(eq("C1"), eq("1700.0001"), eq("atelier-0190abcd-2.png"), anyString(), any())).thenReturn("F2");

        assertThat(channel.deliver(delivery, result)).isEqualTo(DeliveryOutcome.Delivered.ok());

        verify(slack, never()).uploadFile(anyString(), anyString(), eq("atelier-0190abcd-1.png"), anyString(), any());
        verify(slack, times(1)).filesInThread("C1", "1700.0001");
        assertThat(jdbc.queryForList("SELECT file_id FROM slack_uploads ORDER BY image_id", String.class)).containsExactly("F1", "F2");
        verify(slack).updateMessage(eq("C1"), eq("1700.0001"), anyString(), any());
    }

    private static StoredImage image(String id, int index) {
        return new StoredImage(id, "gen", "team-1", index, "hash-" + id, "token", "image/png", 64, 64, 3, null, Instant.now());
    }
}
