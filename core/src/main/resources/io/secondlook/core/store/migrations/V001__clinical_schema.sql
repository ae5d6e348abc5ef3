-- Schema 1: imaging index, model runs, findings, decisions and exported reports.
CREATE TABLE patients (
    id          INTEGER PRIMARY KEY,
    patient_id  TEXT NOT NULL,
    issuer      TEXT NOT NULL DEFAULT '',
    name        TEXT,
    birth_date  TEXT,
    sex         TEXT,
    UNIQUE (patient_id, issuer)
);

CREATE TABLE studies (
    study_instance_uid TEXT PRIMARY KEY,
    patient_ref        INTEGER NOT NULL REFERENCES patients (id),
    study_date         TEXT,
    study_time         TEXT,
    description        TEXT,
    accession_number   TEXT,
    modalities         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX studies_patient ON studies (patient_ref);

CREATE TABLE series (
    series_instance_uid TEXT PRIMARY KEY,
    study_instance_uid  TEXT NOT NULL REFERENCES studies (study_instance_uid),
    modality            TEXT,
    series_number       INTEGER,
    description         TEXT,
    instance_count      INTEGER NOT NULL DEFAULT 0 CHECK (instance_count >= 0)
);
CREATE INDEX series_study ON series (study_instance_uid);

CREATE TABLE instances (
    sop_instance_uid    TEXT PRIMARY KEY,
    series_instance_uid TEXT NOT NULL REFERENCES series (series_instance_uid),
    sop_class_uid       TEXT,
    instance_number     INTEGER,
    frame_count         INTEGER NOT NULL DEFAULT 1 CHECK (frame_count >= 1),
    path                TEXT NOT NULL
);
CREATE INDEX instances_series ON instances (series_instance_uid);

CREATE TABLE model_runs (
    id                  INTEGER PRIMARY KEY,
    model_id            TEXT NOT NULL,
    model_version       TEXT NOT NULL,
    device              TEXT NOT NULL,
    started_at          TEXT NOT NULL,
    finished_at         TEXT,
    study_instance_uid  TEXT NOT NULL REFERENCES studies (study_instance_uid),
    series_instance_uid TEXT REFERENCES series (series_instance_uid),
    status              TEXT NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED'))
);
CREATE INDEX model_runs_study ON model_runs (study_instance_uid);

CREATE TABLE findings (
    id                  INTEGER PRIMARY KEY,
    finding_uid         TEXT NOT NULL UNIQUE,
    model_run_id        INTEGER NOT NULL REFERENCES model_runs (id),
    study_instance_uid  TEXT NOT NULL REFERENCES studies (study_instance_uid),
    series_instance_uid TEXT REFERENCES series (series_instance_uid),
    sop_instance_uid    TEXT REFERENCES instances (sop_instance_uid),
    frame               INTEGER CHECK (frame >= 1),
    label               TEXT NOT NULL,
    probability         REAL NOT NULL CHECK (probability BETWEEN 0 AND 1),
    threshold           REAL NOT NULL CHECK (threshold BETWEEN 0 AND 1),
    positive            INTEGER NOT NULL CHECK (positive IN (0, 1)),
    created_at          TEXT NOT NULL
);
CREATE INDEX findings_study ON findings (study_instance_uid);

-- Decisions are never updated: a later row for the same finding supersedes the earlier one.
CREATE TABLE decisions (
    id         INTEGER PRIMARY KEY,
    finding_id INTEGER NOT NULL REFERENCES findings (id),
    outcome    TEXT NOT NULL CHECK (outcome IN ('ACCEPTED', 'REJECTED')),
    comment    TEXT,
    reader     TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
CREATE INDEX decisions_finding ON decisions (finding_id, id);

CREATE TABLE reports (
    id                 INTEGER PRIMARY KEY,
    study_instance_uid TEXT NOT NULL REFERENCES studies (study_instance_uid),
    path               TEXT NOT NULL,
    sha256             TEXT NOT NULL CHECK (length(sha256) = 64),
    reader             TEXT NOT NULL,
    created_at         TEXT NOT NULL
);
CREATE INDEX reports_study ON reports (study_instance_uid);
