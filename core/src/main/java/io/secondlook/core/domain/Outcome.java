package io.secondlook.core.domain;

/** The clinician's verdict on an AI finding. */
public enum Outcome { ACCEPTED, REJECTED }
