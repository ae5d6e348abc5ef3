-- Schema 3: patient records (problems, medications, allergies, observations, prior reports, imaging study
-- references) with their source, identity conflicts, and indexes for the worklist.

-- One row per imported file (FHIR bundle or lab CSV) and patient; records point at it for their provenance.
CREATE TABLE record_sources (
    id          INTEGER PRIMARY KEY,
    patient_ref INTEGER NOT NULL REFERENCES patients (id),
    kind        TEXT NOT NULL CHECK (kind IN ('FHIR_BUNDLE', 'LAB_CSV')),
    file        TEXT NOT NULL,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    imported_at TEXT NOT NULL,
    -- An open identity conflict holds the file's records back from the patient until the user resolves it.
    conflict_ref INTEGER REFERENCES identity_conflicts (id),
    UNIQUE (patient_ref, file)
);

-- Same Patient ID and issuer, different name or birth date: flagged, never merged silently.
CREATE TABLE identity_conflicts (
    id               INTEGER PRIMARY KEY,
    patient_ref      INTEGER NOT NULL REFERENCES patients (id),
    stored_name      TEXT,
    stored_birth_date TEXT,
    incoming_name    TEXT,
    incoming_birth_date TEXT,
    source           TEXT NOT NULL,
    detected_at      TEXT NOT NULL,
    resolution       TEXT CHECK (resolution IN ('SAME_PATIENT', 'DIFFERENT_PATIENT')),
    resolved_by      TEXT,
    resolved_at      TEXT
);
CREATE INDEX identity_conflicts_open ON identity_conflicts (resolution, patient_ref);

CREATE TABLE problems (
    id          INTEGER PRIMARY KEY,
    source_ref  INTEGER NOT NULL REFERENCES record_sources (id) ON DELETE CASCADE,
    locator     TEXT NOT NULL,
    code_system TEXT,
    code        TEXT,
    display     TEXT NOT NULL,
    clinical_status TEXT,
    onset       TEXT,
    abatement   TEXT
);
CREATE INDEX problems_source ON problems (source_ref);

CREATE TABLE medications (
    id          INTEGER PRIMARY KEY,
    source_ref  INTEGER NOT NULL REFERENCES record_sources (id) ON DELETE CASCADE,
    locator     TEXT NOT NULL,
    code_system TEXT,
    code        TEXT,
    display     TEXT NOT NULL,
    status      TEXT,
    dosage      TEXT,
    start_date  TEXT,
    end_date    TEXT
);
CREATE INDEX medications_source ON medications (source_ref);

CREATE TABLE allergies (
    id          INTEGER PRIMARY KEY,
    source_ref  INTEGER NOT NULL REFERENCES record_sources (id) ON DELETE CASCADE,
    locator     TEXT NOT NULL,
    code_system TEXT,
    code        TEXT,
    display     TEXT NOT NULL,
    criticality TEXT,
    reaction    TEXT
);
CREATE INDEX allergies_source ON allergies (source_ref);

CREATE TABLE observations (
    id          INTEGER PRIMARY KEY,
    source_ref  INTEGER NOT NULL REFERENCES record_sources (id) ON DELETE CASCADE,
    patient_ref INTEGER NOT NULL REFERENCES patients (id),
    locator     TEXT NOT NULL,
    loinc       TEXT NOT NULL,
    display     TEXT NOT NULL,
    value       REAL NOT NULL,
    unit        TEXT,
    ref_low     REAL,
    ref_high    REAL,
    effective_at TEXT NOT NULL
);
CREATE INDEX observations_patient_loinc ON observations (patient_ref, loinc, effective_at);
CREATE INDEX observations_source ON observations (source_ref);

CREATE TABLE prior_reports (
    id          INTEGER PRIMARY KEY,
    source_ref  INTEGER NOT NULL REFERENCES record_sources (id) ON DELETE CASCADE,
    locator     TEXT NOT NULL,
    code        TEXT,
    title       TEXT NOT NULL,
    status      TEXT,
    issued_at   TEXT,
    conclusion  TEXT,
    study_instance_uid TEXT
);
CREATE INDEX prior_reports_source ON prior_reports (source_ref);

CREATE TABLE imaging_study_refs (
    id          INTEGER PRIMARY KEY,
    source_ref  INTEGER NOT NULL REFERENCES record_sources (id) ON DELETE CASCADE,
    locator     TEXT NOT NULL,
    study_instance_uid TEXT NOT NULL,
    started_at  TEXT,
    modalities  TEXT NOT NULL DEFAULT '',
    description TEXT
);
CREATE INDEX imaging_study_refs_source ON imaging_study_refs (source_ref);
CREATE INDEX imaging_study_refs_study ON imaging_study_refs (study_instance_uid);

-- Worklist: sort and filter by date, and aggregate AI state per study.
CREATE INDEX studies_date ON studies (study_date, study_time);
CREATE INDEX findings_study_probability ON findings (study_instance_uid, probability);
CREATE INDEX record_sources_patient ON record_sources (patient_ref);
