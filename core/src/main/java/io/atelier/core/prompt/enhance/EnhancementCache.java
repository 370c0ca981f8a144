package io.atelier.core.prompt.enhance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * LLM rewrites by (prompt, template, image model, LLM), least recently used evicted first. In
 * memory: a restart or another instance simply asks the LLM again.
 */
final class EnhancementCache {

    /** What makes two enhancements the same. */
    record Key(String prompt, String templateName, String templateFingerprint, String imageModel, int limit, String llm) {
    }

    private final int capacity;
    private final LinkedHashMap<Key, String> entries;

    EnhancementCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) {
                return size() > EnhancementCache.this.capacity;
            }
        };
    }

    synchronized Optional<String> get(Key key) {
        return Optional.ofNullable(entries.get(key));
    }

    synchronized void put(Key key, String prompt) {
        if (capacity > 0) {
            entries.put(key, prompt);
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
