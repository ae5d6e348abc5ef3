package io.secondlook.core.audit;

/** What happened, as written to the audit trail. */
public enum AuditAction {
    PATIENT_OPENED,
    MODEL_RUN_RECORDED,
    MODEL_RUN_FINISHED,
    FINDING_RECORDED,
    DECISION_RECORDED,
    REPORT_EXPORTED,
    RECORDS_IMPORTED,
    IDENTITY_CONFLICT_FLAGGED,
    IDENTITY_CONFLICT_RESOLVED
}
