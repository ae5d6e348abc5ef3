package io.secondlook.dicom.series;

/** Progress of a scan: files examined of the files found. */
@FunctionalInterface
public interface ScanProgress {
    ScanProgress NONE = (done, total) -> { };

    void progress(int done, int total);
}
