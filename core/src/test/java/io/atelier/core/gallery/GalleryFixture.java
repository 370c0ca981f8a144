package io.atelier.core.gallery;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.account.Team;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationSource;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.prompt.moderation.PromptModerator;
import io.atelier.core.storage.ContentHash;
import io.atelier.core.storage.ImageRepository;
import io.atelier.core.storage.ImageStore;
import io.atelier.core.storage.StoredImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link GalleryService} on a real database (every migration applied) with the generation side
 * mocked: generations are rows inserted here and answered by a mocked {@link GenerationService}.
 */
final class GalleryFixture {

    final JdbcClient jdbc;
    final GalleryService service;
    final GalleryRepository repository;
    final GenerationService generations = mock(GenerationService.class);
    final ImageRepository images = mock(ImageRepository.class);
    final PromptModerator moderator = mock(PromptModerator.class);
    final AccountService accounts = mock(AccountService.class);
    final MemoryImageStore store = new MemoryImageStore();
    private final Map<String, Generation> byId = new HashMap<>();

    GalleryFixture(DataSource dataSource, GalleryProperties properties) {
        this.jdbc = JdbcClient.create(dataSource);
        this.repository = new GalleryRepository(jdbc, new NamedParameterJdbcTemplate(dataSource));
        this.service = new GalleryService(repository, generations, images, store, moderator, accounts, properties,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        when(accounts.findTeam(anyString())).thenAnswer(inv -> Optional.of(
                new Team(inv.getArgument(0), "Team " + inv.getArgument(0, String.class).substring(0, 4), false, 10, Instant.now())));
        when(generations.find(any(Caller.class), anyString())).thenAnswer(inv -> {
            Generation g = byId.get(inv.getArgument(1, String.class));
            return Optional.ofNullable(g).filter(x -> x.teamId().equals(inv.getArgument(0, Caller.class).teamId()));
        });
        when(images.findById(anyString())).thenAnswer(inv -> byId.values().stream()
                .flatMap(g -> g.outcome().images().stream())
                .filter(i -> i.id().equals(inv.getArgument(0))).findFirst());
        when(moderator.moderate(any(Caller.class), anyString())).thenReturn(List.of());
        when(moderator.blocklistMatch(anyString(), anyString())).thenReturn(Optional.empty());
    }

    static GalleryProperties properties(List<String> autoApproveTeams, int reportThreshold, int reportsPerHour) {
        return new GalleryProperties(autoApproveTeams, false, List.of("nsfw", "spam", "other"), List.of("nsfw", "spam", "other"),
                reportThreshold, reportsPerHour, 64, Duration.ofSeconds(30));
    }

    String team() {
        String id = Ids.uuid();
        jdbc.sql("INSERT INTO teams (id, name, admin, credits, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, "team " + id, false, 100L, Timestamps.db(Timestamps.now())).update();
        return id;
    }

    /** A generation row of the team in the given status, with one stored PNG when succeeded. */
    Generation generation(String teamId, String prompt, GenerationStatus status, boolean publicRequested) {
        String id = Ids.uuid();
        Instant now = Timestamps.now();
        jdbc.sql("""
                        INSERT INTO generations (id, team_id, status, source, model, original_prompt, prompt, width, height, image_count,
                            seed, auto_enhance, options_json, request_json, meta_json, warnings_json, public_requested, progress_percent,
                            attempts, credits_charged, created_at, updated_at, completed_at)
                        VALUES (?, ?, ?, 'API', 'local/preview', ?, ?, 64, 48, 1, 7, FALSE, '{}', '{}', '{}', '[]', ?, 100, 1, 1, ?, ?, ?)""")
                .params(id, teamId, status.name(), prompt, prompt, publicRequested, Timestamps.db(now), Timestamps.db(now),
                        Timestamps.db(now))
                .update();
        List<StoredImage> stored = List.of();
        if (status == GenerationStatus.SUCCEEDED) {
            byte[] png = png(Color.ORANGE);
            String hash = store.put(png);
            StoredImage image = new StoredImage(Ids.uuid(), id, teamId, 0, hash, Ids.token(24), "image/png", 64, 48, png.length,
                    null, now);
            jdbc.sql("""
                            INSERT INTO images (id, generation_id, team_id, image_index, content_hash, url_token, mime_type, width, height,
                                                file_size, created_at) VALUES (?, ?, ?, 0, ?, ?, 'image/png', 64, 48, ?, ?)""")
                    .params(image.id(), id, teamId, hash, image.urlToken(), png.length, Timestamps.db(now)).update();
            stored = List.of(image);
        }
        Generation g = new Generation(id, teamId, status, GenerationSource.API,
                new Generation.Asked("local/preview", null, prompt, prompt, null, null, false, null, 64, 48, 1, 7, null,
                        Map.of(), Map.of(), Map.of(), publicRequested),
                Generation.Inputs.NONE, new Generation.Progress(100, null, null, 1),
                new Generation.Outcome(null, null, stored, null, List.of()),
                new Generation.Timing(now, now, now, now, 10L), new Generation.Billing(1));
        byId.put(id, g);
        return g;
    }

    long auditCount(String targetId, AuditAction action) {
        return jdbc.sql("SELECT COUNT(*) FROM moderation_audit WHERE target_id = ? AND action = ?")
                .params(targetId, action.name()).query(Long.class).single();
    }

    static byte[] png(Color color) {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Content-addressed blobs in memory. */
    static final class MemoryImageStore implements ImageStore {
        final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

        @Override
        public String put(byte[] bytes) {
            String hash = ContentHash.of(bytes);
            blobs.put(hash, bytes.clone());
            return hash;
        }

        @Override
        public Optional<InputStream> open(String contentHash) {
            byte[] b = blobs.get(contentHash);
            return b == null ? Optional.empty() : Optional.of(new ByteArrayInputStream(b));
        }

        @Override
        public void delete(String contentHash) {
            blobs.remove(contentHash);
        }

        @Override
        public boolean exists(String contentHash) {
            return blobs.containsKey(contentHash);
        }
    }

    static Caller caller(String teamId) {
        return new Caller(teamId, "key-" + teamId.substring(0, 8), false);
    }

    static Actor owner(String teamId) {
        return new Actor("key:key-" + teamId.substring(0, 8), "Owner " + teamId.substring(0, 4), ActorRole.OWNER);
    }

    static final Actor MODERATOR = new Actor("discord:42", "Mod Alice", ActorRole.MODERATOR);
}
