package io.secondlook.core.audit;

/** The kind of record an audit event is about. */
public enum EntityType { PATIENT, MODEL_RUN, FINDING, DECISION, REPORT, IDENTITY_CONFLICT }
