-- Schema 5: a log of the studies whose worklist row changed, written by triggers in the changing transaction, so
-- an open store reloads only those rows after its own commits or another process's. Pruned at start-up; a reader
-- that finds its last-seen entry pruned reloads everything.
CREATE TABLE worklist_changes (
    seq                INTEGER PRIMARY KEY AUTOINCREMENT,
    study_instance_uid TEXT NOT NULL
);

CREATE TRIGGER worklist_study_inserted AFTER INSERT ON studies
BEGIN
    INSERT INTO worklist_changes (study_instance_uid) VALUES (NEW.study_instance_uid);
END;

-- Re-imports upsert every study: only a real change is logged.
CREATE TRIGGER worklist_study_updated AFTER UPDATE ON studies
WHEN OLD.study_instance_uid IS NOT NEW.study_instance_uid OR OLD.patient_ref IS NOT NEW.patient_ref
  OR OLD.study_date IS NOT NEW.study_date OR OLD.study_time IS NOT NEW.study_time
  OR OLD.description IS NOT NEW.description OR OLD.accession_number IS NOT NEW.accession_number
  OR OLD.modalities IS NOT NEW.modalities
BEGIN
    INSERT INTO worklist_changes (study_instance_uid) VALUES (OLD.study_instance_uid);
    INSERT INTO worklist_changes (study_instance_uid) SELECT NEW.study_instance_uid
        WHERE NEW.study_instance_uid IS NOT OLD.study_instance_uid;
END;

CREATE TRIGGER worklist_study_deleted AFTER DELETE ON studies
BEGIN
    INSERT INTO worklist_changes (study_instance_uid) VALUES (OLD.study_instance_uid);
END;

CREATE TRIGGER worklist_patient_updated AFTER UPDATE ON patients
WHEN OLD.patient_id IS NOT NEW.patient_id OR OLD.issuer IS NOT NEW.issuer OR OLD.name IS NOT NEW.name
  OR OLD.birth_date IS NOT NEW.birth_date
BEGIN
    INSERT INTO worklist_changes (study_instance_uid)
        SELECT study_instance_uid FROM studies WHERE patient_ref = NEW.id;
END;

CREATE TRIGGER worklist_ai_inserted AFTER INSERT ON study_ai_summary
BEGIN
    INSERT INTO worklist_changes (study_instance_uid) VALUES (NEW.study_instance_uid);
END;

CREATE TRIGGER worklist_ai_updated AFTER UPDATE ON study_ai_summary
BEGIN
    INSERT INTO worklist_changes (study_instance_uid) VALUES (NEW.study_instance_uid);
END;

CREATE TRIGGER worklist_ai_deleted AFTER DELETE ON study_ai_summary
BEGIN
    INSERT INTO worklist_changes (study_instance_uid) VALUES (OLD.study_instance_uid);
END;
