package io.secondlook.core.records;

import java.nio.file.Path;

/**
 * What one record file added to the store.
 *
 * @param conflicts patients whose stored name or birth date differed: their records are held back until the
 *                  user resolves the identity conflict
 */
public record ImportSummary(Path file, RecordSourceKind kind, int patients, int problems, int medications,
                            int allergies, int observations, int reports, int imagingStudies, int conflicts) {

    public int records() {
        return problems + medications + allergies + observations + reports + imagingStudies;
    }

    @Override
    public String toString() {
        return patients + " patient(s), " + problems + " problems, " + medications + " medications, " + allergies
                + " allergies, " + observations + " observations, " + reports + " reports, " + imagingStudies
                + " imaging studies" + (conflicts == 0 ? "" : ", " + conflicts + " identity conflict(s) to resolve");
    }
}
