-- Schema 4: per-study AI summary for the worklist, kept exact by triggers in the writing transaction, so listing
-- 10,000 studies is one join instead of five index lookups per study.
CREATE TABLE study_ai_summary (
    study_instance_uid TEXT PRIMARY KEY REFERENCES studies (study_instance_uid),
    runs          INTEGER NOT NULL DEFAULT 0,
    running       INTEGER NOT NULL DEFAULT 0,
    findings      INTEGER NOT NULL DEFAULT 0,
    undecided     INTEGER NOT NULL DEFAULT 0,
    max_score     REAL,
    reports       INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

INSERT INTO study_ai_summary (study_instance_uid, runs, running, findings, undecided, max_score, reports)
SELECT s.study_instance_uid,
       (SELECT count(*) FROM model_runs m WHERE m.study_instance_uid = s.study_instance_uid),
       (SELECT count(*) FROM model_runs m WHERE m.study_instance_uid = s.study_instance_uid AND m.status = 'RUNNING'),
       (SELECT count(*) FROM findings f WHERE f.study_instance_uid = s.study_instance_uid),
       (SELECT count(*) FROM findings f WHERE f.study_instance_uid = s.study_instance_uid
            AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.finding_id = f.id)),
       (SELECT max(probability) FROM findings f WHERE f.study_instance_uid = s.study_instance_uid),
       (SELECT count(*) FROM reports r WHERE r.study_instance_uid = s.study_instance_uid)
FROM studies s
WHERE EXISTS (SELECT 1 FROM model_runs m WHERE m.study_instance_uid = s.study_instance_uid)
   OR EXISTS (SELECT 1 FROM reports r WHERE r.study_instance_uid = s.study_instance_uid);

CREATE TRIGGER study_ai_run_inserted AFTER INSERT ON model_runs
BEGIN
    INSERT INTO study_ai_summary (study_instance_uid) VALUES (NEW.study_instance_uid)
        ON CONFLICT (study_instance_uid) DO NOTHING;
    UPDATE study_ai_summary SET runs = runs + 1, running = running + (NEW.status = 'RUNNING')
        WHERE study_instance_uid = NEW.study_instance_uid;
END;

CREATE TRIGGER study_ai_run_status AFTER UPDATE OF status ON model_runs
BEGIN
    UPDATE study_ai_summary SET running = running - (OLD.status = 'RUNNING') + (NEW.status = 'RUNNING')
        WHERE study_instance_uid = NEW.study_instance_uid;
END;

CREATE TRIGGER study_ai_finding_inserted AFTER INSERT ON findings
BEGIN
    INSERT INTO study_ai_summary (study_instance_uid) VALUES (NEW.study_instance_uid)
        ON CONFLICT (study_instance_uid) DO NOTHING;
    UPDATE study_ai_summary SET findings = findings + 1, undecided = undecided + 1,
        max_score = max(coalesce(max_score, NEW.probability), NEW.probability)
        WHERE study_instance_uid = NEW.study_instance_uid;
END;

-- Only a finding's first decision makes it decided; later ones supersede without changing the count.
CREATE TRIGGER study_ai_first_decision AFTER INSERT ON decisions
WHEN NOT EXISTS (SELECT 1 FROM decisions d WHERE d.finding_id = NEW.finding_id AND d.id <> NEW.id)
BEGIN
    UPDATE study_ai_summary SET undecided = undecided - 1
        WHERE study_instance_uid = (SELECT study_instance_uid FROM findings WHERE id = NEW.finding_id);
END;

CREATE TRIGGER study_ai_report_inserted AFTER INSERT ON reports
BEGIN
    INSERT INTO study_ai_summary (study_instance_uid) VALUES (NEW.study_instance_uid)
        ON CONFLICT (study_instance_uid) DO NOTHING;
    UPDATE study_ai_summary SET reports = reports + 1 WHERE study_instance_uid = NEW.study_instance_uid;
END;
