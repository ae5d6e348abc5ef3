package io.secondlook.testdata.records;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic rows for a large worklist (the benchmark's 10,000 studies): about three studies per patient over
 * five years, mixed modalities, and every AI state. Rows only; the caller stores them.
 */
public final class SyntheticWorklist {

    /** Where a study stands with the AI, as the worklist derives it. */
    public enum AiState { NOT_RUN, PENDING_REVIEW, REVIEWED, REPORTED }

    /**
     * One study with its patient.
     *
     * @param aiScore highest finding probability; meaningful unless {@code aiState} is {@link AiState#NOT_RUN}
     */
    public record Row(String patientId, String patientName, LocalDate birthDate, String sex, String studyUid,
                      LocalDate date, LocalTime time, String modality, String description, String accession,
                      AiState aiState, double aiScore) {
    }

    private static final String[][] KINDS = {{"DX", "XR chest PA"}, {"CR", "XR chest AP portable"},
        {"CT", "CT chest without contrast"}, {"CT", "CT abdomen and pelvis with contrast"}, {"MR", "MR brain"},
        {"US", "US abdomen"}, {"CT", "CT pulmonary angiogram"}, {"MG", "Mammography screening"}};
    private static final String[] FAMILY = {"Adler", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia",
        "Haddad", "Ivanova", "Jansen", "Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov"};
    private static final String[] GIVEN = {"Anna", "Bruno", "Chiara", "David", "Elena", "Erik", "Fatima", "Hiro",
        "Julia", "Luca", "Mei", "Omar"};

    private SyntheticWorklist() {
    }

    public static List<Row> rows(int studies, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>(studies);
        int patients = Math.max(1, studies / 3);
        LocalDate end = SyntheticRecords.REFERENCE_DATE;
        for (int i = 0; i < studies; i++) {
            int patient = random.nextInt(patients);
            Random person = new Random(seed * 7919 + patient);
            String name = FAMILY[person.nextInt(FAMILY.length)] + "^" + GIVEN[person.nextInt(GIVEN.length)];
            LocalDate birth = end.minusDays(365L * (20 + person.nextInt(70)) + person.nextInt(365));
            String[] kind = KINDS[random.nextInt(KINDS.length)];
            AiState state = AiState.values()[random.nextInt(AiState.values().length)];
            rows.add(new Row(String.format(Locale.ROOT, "SL-WL-%06d", patient), name, birth,
                    person.nextBoolean() ? "F" : "M", SyntheticRecords.uid("io.secondlook.testdata/worklist/" + seed
                    + "/" + i), end.minusDays(random.nextInt(5 * 365)), LocalTime.of(7 + random.nextInt(12),
                    random.nextInt(60)), kind[0], kind[1], String.format(Locale.ROOT, "ACC%08d", i), state,
                    Math.round(random.nextDouble() * 1000) / 1000.0));
        }
        return rows;
    }
}
