package io.atelier.core.account;

import java.time.Instant;

/** A team: the owner of generations, images, keys and credits. */
public record Team(String id, String name, boolean admin, long credits, Instant createdAt) {
}
