package io.secondlook.core.records;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A parsed record file, ready to be stored in one transaction.
 *
 * @param sha256  SHA-256 of the file's bytes as read, recorded with the records' source
 * @param skipped resources or rows the file holds that SecondLook does not keep (e.g. an Encounter, or an
 *                Observation without a quantity)
 */
public record RecordFile(Path file, RecordSourceKind kind, String sha256, List<PatientRecords> patients,
                         int skipped) {

    public RecordFile {
        patients = List.copyOf(patients);
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
