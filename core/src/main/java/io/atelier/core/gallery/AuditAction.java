package io.atelier.core.gallery;

/** What an audit row records. */
public enum AuditAction {
    PUBLISH, AUTO_APPROVE, WITHDRAW, APPROVE, REJECT, HIDE, REPORT, AUTO_HIDE, APPEAL, PUBLISH_BLOCKED
}
