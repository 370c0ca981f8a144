package io.atelier.core.account;

/**
 * A role held by an API key, stored with the key (never taken from a request). An admin team's
 * keys hold every role implicitly.
 */
public enum KeyRole {
    /** May review the public gallery: approve, reject, hide, read reports and the audit log. */
    MODERATOR
}
