package io.atelier.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container's health check (Jib images have no HEALTHCHECK instruction; {@code compose.yaml}
 * runs this): exits 0 when {@code /actuator/health/readiness} on this container answers 200, else 1.
 * JDK classes only, so it starts in a fraction of a second beside the application:
 * {@code java -cp /app/classes io.atelier.app.HealthProbe}.
 */
public final class HealthProbe {

    private HealthProbe() {
    }

    public static void main(String[] args) {
        String port = System.getenv().getOrDefault("SERVER_PORT", "8080");
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:" + port + "/actuator/health/readiness";
        try {
            HttpResponse<Void> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                            HttpResponse.BodyHandlers.discarding());
            System.exit(answer.statusCode() == 200 ? 0 : 1);
        } catch (Exception e) {
            System.err.println("health probe failed: " + e);
            System.exit(1);
        }
    }
}
