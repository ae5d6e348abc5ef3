package io.secondlook.testdata;

import io.secondlook.dicom.DicomWriter;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.UidGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Writes the synthetic demo study as DICOM Part 10 files (Explicit VR Little Endian): a PA chest radiograph
 * (Digital X-Ray Image Storage – For Presentation) and an axial chest CT (CT Image Storage) of one fictional
 * patient. Every UID is derived from a fixed name, so writing again reproduces byte-identical files.
 */
public final class DemoStudyGenerator {
    public static final String PATIENT_ID = "SL-DEMO-0001";
    public static final String PATIENT_NAME = "DEMO^Chest";
    public static final String STUDY_DESCRIPTION = "CT chest and chest radiograph (synthetic demo)";
    public static final int CT_SLICES = 64;
    public static final double CT_SLICE_SPACING_MM = 4.0;
    /** Anatomical level (mm below the lung apices) of the first CT slice; later slices move up, feet first. */
    private static final double CT_FIRST_LEVEL_MM = 248;

    private final boolean consolidation;
    private final String uidRoot;

    /** The demo study, with a pneumonia-like consolidation in the right lower zone for the AI to find. */
    public DemoStudyGenerator() {
        this(true);
    }

    /** @param consolidation whether the right lower lobe carries a patchy consolidation (different UIDs each way) */
    public DemoStudyGenerator(boolean consolidation) {
        this.consolidation = consolidation;
        this.uidRoot = "io.secondlook.testdata/demo-study/v1/" + (consolidation ? "consolidation" : "clear") + "/";
    }

    /** Writes (or rewrites, identically) the study into {@code folder}: {@code DX/IM0001.dcm}, {@code CT/IM0001.dcm}… */
    public DemoStudy writeTo(Path folder) throws IOException {
        ChestCtPhantom ctPhantom = new ChestCtPhantom(consolidation);
        String studyUid = uid("study");
        String accession = consolidation ? "SLDEMO0001" : "SLDEMO0002";

        Path dxFile = folder.resolve("DX").resolve("IM0001.dcm");
        String dxSeriesUid = uid("series/DX");
        short[] dxPixels = new ChestRadiographPhantom(consolidation).render(ctPhantom.vessels());
        DemoAttributes attributes = new DemoAttributes(this::uid, studyUid, accession);
        DicomWriter.write(dxFile, attributes.radiograph(dxSeriesUid, dxPixels),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        String ctSeriesUid = uid("series/CT");
        List<Path> ctFiles = new ArrayList<>();
        for (int n = 1; n <= CT_SLICES; n++) {
            ctFiles.add(folder.resolve("CT").resolve(String.format(Locale.ROOT, "IM%04d.dcm", n)));
        }
        try {
            IntStream.rangeClosed(1, CT_SLICES).parallel().forEach(n -> {
                double level = CT_FIRST_LEVEL_MM - (n - 1) * CT_SLICE_SPACING_MM;
                short[] pixels = ctPhantom.renderSlice(level, 0xC7L * 1000 + n);
                try {
                    DicomWriter.write(ctFiles.get(n - 1), attributes.ctSlice(ctSeriesUid, n, level, pixels),
                            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new DemoStudy(folder, PATIENT_ID, PATIENT_NAME, studyUid, accession,
                new DemoStudy.Series("DX", dxSeriesUid, DemoAttributes.DX_SERIES_DESCRIPTION, List.of(dxFile)),
                new DemoStudy.Series("CT", ctSeriesUid, DemoAttributes.CT_SERIES_DESCRIPTION, ctFiles));
    }

    /** Writes the demo study into the folder named by the first argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: DemoStudyGenerator <output-folder>");
            System.exit(2);
        }
        long start = System.nanoTime();
        DemoStudy study = new DemoStudyGenerator().writeTo(Path.of(args[0]));
        System.out.printf(Locale.ROOT, "Wrote %d files to %s in %d ms%n", study.files().size(), study.folder(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private String uid(String name) {
        return UidGenerator.fromName(uidRoot + name);
    }
}
