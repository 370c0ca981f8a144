package io.atelier.core.account;

/** The rule for a configured first admin key ({@code atelier.bootstrap-api-key}). */
public final class BootstrapKeys {

    public static final int MIN_LENGTH = 32;

    private BootstrapKeys() {
    }

    /** @throws IllegalStateException naming the setting when a configured bootstrap key is too short */
    public static void requireStrong(String configured) {
        if (configured != null && !configured.isBlank() && configured.trim().length() < MIN_LENGTH) {
            throw new IllegalStateException("atelier.bootstrap-api-key (ATELIER_BOOTSTRAP_API_KEY) must be at least "
                    + MIN_LENGTH + " characters, but it has " + configured.trim().length()
                    + "; use a long random value (for example: openssl rand -hex 24), or unset it to have a key generated");
        }
    }
}
