package io.atelier.core.brand;

import io.atelier.core.common.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code brand_kits} table: one row per team, colours and style words as JSON text. */
@Repository
class BrandKitRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Map<String, String>>> COLORS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> WORDS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    BrandKitRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<BrandKit> find(String teamId) {
        return jdbc.sql("SELECT colors_json, style_words_json FROM brand_kits WHERE team_id = ?")
                .param(teamId)
                .query((rs, i) -> new BrandKit(
                        JSON.readValue(rs.getString("colors_json"), COLORS).stream()
                                .map(c -> new BrandColor(c.get("hex"), c.get("name"))).toList(),
                        JSON.readValue(rs.getString("style_words_json"), WORDS)))
                .optional();
    }

    /** Insert or replace; portable (no MERGE / ON CONFLICT): update, else insert, and on a lost race update. */
    void save(String teamId, BrandKit kit) {
        String colors = JSON.writeValueAsString(kit.colors().stream().map(BrandKitRepository::colorMap).toList());
        String words = JSON.writeValueAsString(kit.styleWords());
        var now = Timestamps.db(Timestamps.now());
        int updated = update(teamId, colors, words, now);
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO brand_kits (team_id, colors_json, style_words_json, updated_at) VALUES (?, ?, ?, ?)")
                        .params(teamId, colors, words, now)
                        .update();
            } catch (DuplicateKeyException concurrentInsert) {
                update(teamId, colors, words, now);
            }
        }
    }

    private int update(String teamId, String colors, String words, Object now) {
        return jdbc.sql("UPDATE brand_kits SET colors_json = ?, style_words_json = ?, updated_at = ? WHERE team_id = ?")
                .params(colors, words, now, teamId)
                .update();
    }

    private static Map<String, String> colorMap(BrandColor color) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("hex", color.hex());
        if (color.name() != null) {
            out.put("name", color.name());
        }
        return out;
    }
}
