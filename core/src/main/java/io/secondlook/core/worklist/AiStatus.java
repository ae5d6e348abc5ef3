package io.secondlook.core.worklist;

/**
 * Where a study stands with the AI second reader, derived from model runs, findings, decisions and reports:
 * {@link #REPORTED} once a report was exported; else {@link #NOT_RUN} without any model run; else
 * {@link #PENDING_REVIEW} while a run is still running or a finding has no decision; else {@link #REVIEWED}.
 */
public enum AiStatus { NOT_RUN, PENDING_REVIEW, REVIEWED, REPORTED }
