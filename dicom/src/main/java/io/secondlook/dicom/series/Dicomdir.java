package io.secondlook.dicom.series;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A DICOMDIR read into its record tree (PATIENT → STUDY → SERIES → IMAGE and the other record types).
 *
 * @param path the DICOMDIR file
 * @param roots the first-level records (PATIENT, or whatever the file has at the top)
 * @param warnings what was odd: records linked by order, referenced files missing, cycles
 */
public record Dicomdir(Path path, List<DirectoryRecord> roots, List<String> warnings) {

    public Dicomdir {
        roots = List.copyOf(roots);
        warnings = List.copyOf(warnings);
    }

    /** All records, depth first. */
    public List<DirectoryRecord> records() {
        List<DirectoryRecord> out = new ArrayList<>();
        roots.forEach(r -> out.addAll(r.flatten()));
        return out;
    }

    /** Records of one type ("IMAGE"), depth first. */
    public List<DirectoryRecord> records(String type) {
        return records().stream().filter(r -> r.type().equals(type)).toList();
    }

    /** The files the records reference, in record order, each once. */
    public List<Path> referencedFiles() {
        return records().stream().map(DirectoryRecord::file).filter(Objects::nonNull).distinct().toList();
    }
}
