package io.secondlook.dicom;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed DICOM Part 10 file: its File Meta Information, its data set, the transfer syntax the data set was
 * encoded with, and the warnings the reader raised (odd lengths, recovered errors), as dcmdump would print them.
 *
 * @param source the file read, or null when read from a stream
 */
public record DicomFile(Path source, Dataset fileMeta, Dataset dataset, String transferSyntaxUid, List<String> warnings) {

    public DicomFile {
        warnings = List.copyOf(warnings);
    }

    public String sopClassUid() {
        String fromMeta = fileMeta.getString(Tag.MediaStorageSOPClassUID);
        return fromMeta != null ? fromMeta : dataset.getString(Tag.SOPClassUID);
    }

    public String sopInstanceUid() {
        String fromMeta = fileMeta.getString(Tag.MediaStorageSOPInstanceUID);
        return fromMeta != null ? fromMeta : dataset.getString(Tag.SOPInstanceUID);
    }
}
