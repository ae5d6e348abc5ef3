package io.secondlook.core.worklist;

/** A worklist column one can sort by. */
public enum WorklistColumn { PATIENT_NAME, PATIENT_ID, MODALITY, DATE, DESCRIPTION, ACCESSION, AI_STATUS, AI_SCORE }
