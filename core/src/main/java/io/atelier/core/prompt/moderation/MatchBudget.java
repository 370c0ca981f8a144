package io.atelier.core.prompt.moderation;

import java.time.Duration;

/**
 * The time every blocklist rule together may spend on one prompt. The regex engine reads the prompt
 * through {@link #watch}, whose reads check the deadline every {@value #CHECK_EVERY} characters, and
 * the budget is checked again before each rule; so a check stops within a few microseconds of the
 * deadline, however many rules are left.
 *
 * <p>Not thread-safe: one budget belongs to one check on one thread.
 */
public final class MatchBudget {

    static final int CHECK_EVERY = 1024;

    private final long deadline;
    private final boolean limited;
    private final Duration limit;
    private int reads;

    private MatchBudget(Duration limit) {
        this.limited = limit != null;
        this.limit = limit;
        this.deadline = limited ? System.nanoTime() + limit.toNanos() : 0;
    }

    /** A budget of {@code limit} from now. */
    public static MatchBudget of(Duration limit) {
        return new MatchBudget(limit);
    }

    /** No limit (tests, operator tools). */
    public static MatchBudget unlimited() {
        return new MatchBudget(null);
    }

    /** How many characters the rules have read so far (a measure of work, for tests and benchmarks). */
    public long reads() {
        return reads;
    }

    /** @throws Exceeded when the deadline has passed */
    void check() {
        if (limited && System.nanoTime() - deadline > 0) {
            throw new Exceeded(limit);
        }
    }

    /** The text as the rules read it: every read is counted and, now and then, checked against the deadline. */
    CharSequence watch(String text) {
        return new Watched(text, 0, text.length());
    }

    /** The budget ran out: the prompt was not checked against every rule. */
    public static final class Exceeded extends RuntimeException {
        Exceeded(Duration limit) {
            super("the blocklists could not be checked within " + limit.toMillis() + " ms", null, false, false);
        }
    }

    private final class Watched implements CharSequence {
        private final String text;
        private final int start;
        private final int end;

        Watched(String text, int start, int end) {
            this.text = text;
            this.start = start;
            this.end = end;
        }

        @Override
        public int length() {
            return end - start;
        }

        @Override
        public char charAt(int index) {
            if (++reads % CHECK_EVERY == 0) {
                check();
            }
            return text.charAt(start + index);
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return new Watched(text, start + from, start + to);
        }

        @Override
        public String toString() {
            return text.substring(start, end);
        }
    }
}
