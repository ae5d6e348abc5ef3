package io.secondlook.dicom.series;

import io.secondlook.dicom.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One record of a DICOMDIR (PS3.3 F.3.2.2) with the records below it.
 *
 * @param type Directory Record Type: "PATIENT", "STUDY", "SERIES", "IMAGE", "SR DOCUMENT", …
 * @param offset the record's byte offset in the DICOMDIR file, or -1 when unknown
 * @param attributes the record's item (its keys: Patient ID, Study Instance UID, …)
 * @param file the file Referenced File ID names, resolved against the DICOMDIR's folder (null when none)
 */
public record DirectoryRecord(String type, long offset, Dataset attributes, Path file, List<DirectoryRecord> children) {

    public DirectoryRecord {
        children = List.copyOf(children);
    }

    /** This record and every record below it, depth first. */
    public List<DirectoryRecord> flatten() {
        List<DirectoryRecord> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(DirectoryRecord record, List<DirectoryRecord> out) {
        out.add(record);
        for (DirectoryRecord child : record.children) {
            collect(child, out);
        }
    }
}
