package io.secondlook.core.records;

/** The kind of file patient records were imported from. */
public enum RecordSourceKind { FHIR_BUNDLE, LAB_CSV }
