package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A team seen through both the Cuppa dialect and the native API, and small Cuppa helpers. */
abstract class CuppaTestSupport extends AppTestSupport {

    /** One team's key as a Cuppa client and as a native client. */
    record Team(String name, String key, CuppaClient cuppa, ApiClient api) {
    }

    Team team(String name, long credits) {
        ApiClient.Response created = admin().post("/api/v1/admin/teams", Map.of("name", name, "credits", credits));
        assertThat(created.status()).as(new String(created.bytes())).isEqualTo(201);
        String key = created.json().at("/data/apiKey").stringValue();
        return new Team(name, key, cuppa(key), admin().withKey(key));
    }

    CuppaClient cuppa(String key) {
        return new CuppaClient("http://127.0.0.1:" + port, key);
    }

    static String createArticle(CuppaClient cuppa, String title, String summary, List<String> keywords) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        if (summary != null) {
            body.put("summary", summary);
        }
        body.put("keywords", keywords);
        ApiClient.Response created = cuppa.post("/v1/articles", body);
        assertThat(created.status()).as(new String(created.bytes())).isEqualTo(201);
        return created.json().get("id").stringValue();
    }

    static List<String> createArticles(CuppaClient cuppa, int n, String prefix) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(createArticle(cuppa, prefix + " " + i, "Summary of " + prefix + " " + i, List.of("topic" + i, "news")));
        }
        return ids;
    }

    long credits(String teamName) {
        for (JsonNode team : admin().get("/api/v1/admin/teams").json().get("data")) {
            if (team.get("name").stringValue().equals(teamName)) {
                return team.get("credits").longValue();
            }
        }
        throw new AssertionError("no team " + teamName);
    }

    /** Asserts the dialect's error shape and returns the error object. */
    static JsonNode cuppaError(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(new String(response.bytes())).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.propertyNames()).containsExactly("error");
        JsonNode error = body.get("error");
        assertThat(error.get("code").stringValue()).isEqualTo(code);
        assertThat(error.get("message").stringValue()).isNotBlank();
        return error;
    }
}
