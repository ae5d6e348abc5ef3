package io.secondlook.core.audit;

/** What happened, as written to the audit trail. */
public enum AuditAction {
    PATIENT_OPENED,
    MODEL_RUN_RECORDED,
    MODEL_RUN_FINISHED,
    FINDING_RECORDED,
    DECISION_RECORDED,
    /** A finding decided before was decided again: a new outcome or an edited comment; before and after given. */
    DECISION_CHANGED,
    REPORT_EXPORTED,
    /** The reader signed an exported report: who, when and the SHA-256 of the file they signed. */
    REPORT_SIGNED,
    RECORDS_IMPORTED,
    IDENTITY_CONFLICT_FLAGGED,
    IDENTITY_CONFLICT_RESOLVED
}
