/**
 * The one HTTP kit of the providers that speak plain HTTP (Gemini, Stability, Replicate,
 * AUTOMATIC1111, ComfyUI): {@link io.atelier.core.provider.http.HttpImageProvider} (what every such
 * provider shares), {@link io.atelier.core.provider.http.ProviderHttpClient} (a cancellable,
 * size-bounded call on {@code java.net.http}, the mapping of HTTP statuses and transport failures into
 * {@link io.atelier.core.provider.ProviderException}, billing-safe retries), {@code Retry-After}
 * parsing, the checked connection and retry settings of every provider's properties, image sniffing,
 * downloads and multipart bodies. The OpenAI provider keeps its own streaming exchange and uses the
 * failure mapping, waits and downloads from here. Wire formats stay in each provider's own
 * {@code internal} package.
 */
package io.atelier.core.provider.http;
