/**
 * HTTP plumbing shared by the hosted providers (Gemini, Stability, Replicate): a cancellable,
 * size-bounded call on {@code java.net.http}, the mapping of HTTP statuses and transport failures
 * into {@link io.atelier.core.provider.ProviderException}, {@code Retry-After} parsing, image
 * sniffing and multipart bodies. Wire formats stay in each provider's own {@code internal} package.
 */
package io.atelier.core.provider.http;
