package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A published image with a signed provenance record (a Recoup generation) links the record and its
 * permanent image from its gallery page; the gallery asks the provenance module for it, never its table.
 */
class GalleryProvenanceLinkTest extends GalleryTestSupport {

    @Test
    void theDetailPageLinksTheSignedRecordOfTheImage() {
        TeamClient owner = team("provenance link owner");
        TeamClient moderator = moderator("provenance link moderators");
        ApiClient.Response recoup = owner.api().get("/api/image/generate?prompt="
                + URLEncoder.encode("a signed lighthouse", StandardCharsets.UTF_8)
                + "&account_id=123e4567-e89b-12d3-a456-426614174000");
        assertThat(recoup.status()).as(new String(recoup.bytes())).isEqualTo(200);
        JsonNode body = recoup.json();
        String signed = body.get("generationId").stringValue();
        String recordId = body.at("/provenance/record/id").stringValue();
        String permanentPath = URI.create(body.get("imageUrl").stringValue()).getPath();
        String unsigned = generate(owner.api(), "an unsigned lighthouse");
        for (String id : new String[] {signed, unsigned}) {
            assertThat(owner.api().post("/api/v1/generations/" + id + "/publish", "{}").status()).isEqualTo(200);
            assertThat(moderator.api().post("/api/v1/moderation/" + id + "/approve", "{}").status()).isEqualTo(200);
        }

        String page = new String(anonymous().get("/gallery/" + signed).bytes(), StandardCharsets.UTF_8);
        assertThat(recordId).isNotBlank();
        assertThat(permanentPath).startsWith("/files/provenance/").endsWith(".png");
        assertThat(page).contains("Signed record").contains(recordId).contains("href=\"" + permanentPath + "\"");
        assertThat(new String(anonymous().get("/gallery/" + unsigned).bytes(), StandardCharsets.UTF_8))
                .doesNotContain("Signed record");
    }
}
