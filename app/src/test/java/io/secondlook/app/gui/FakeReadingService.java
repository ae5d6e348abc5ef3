package io.secondlook.app.gui;

import io.secondlook.dicom.pixel.GrayscaleFrame;
import io.secondlook.dicom.pixel.VoiWindow;
import io.secondlook.dicom.series.DicomInstance;
import io.secondlook.dicom.series.DicomPatient;
import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.dicom.series.DicomStudy;
import io.secondlook.viewer.Colormap;
import io.secondlook.viewer.FrameSource;
import io.secondlook.viewer.Heatmap;
import io.secondlook.viewer.SliceInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A {@link ReadingService} over synthetic images, for testing the window: one patient, one study with a
 * 20-slice CT series and a one-image DX series. It records what the window asked and can be told to fail, hold
 * or wait for cancellation.
 */
final class FakeReadingService implements ReadingService {
    static final String STUDY_UID = "2.25.1001";
    static final int SIZE = 64;

    final List<DecisionView> decisions = new CopyOnWriteArrayList<>();
    final List<String> analyzed = new CopyOnWriteArrayList<>();
    final List<Path> exports = new CopyOnWriteArrayList<>();
    volatile String analysisFailure;
    volatile boolean analysisWaitsForCancel;
    volatile CountDownLatch decisionGate;
    private final Map<Long, FindingView> findings = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(100);
    private final DicomPatient patient;

    FakeReadingService() {
        List<DicomInstance> ct = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ct.add(new DicomInstance(Path.of("ct" + i + ".dcm"), "2.25.2000." + i, "1.2.840.10008.5.1.4.1.1.2",
                    "1.2.840.10008.1.2.1", i + 1, SIZE, SIZE, 1, new double[] {0, 0, 2.5 * i}, null));
        }
        DicomInstance dx = new DicomInstance(Path.of("dx.dcm"), "2.25.3000.1", "1.2.840.10008.5.1.4.1.1.1.1",
                "1.2.840.10008.1.2.1", 1, SIZE, SIZE, 1, null, null);
        DicomStudy study = new DicomStudy(STUDY_UID, "20240315", "101500", "CT Chest", "ACC1", List.of(
                new DicomSeries("2.25.1001.2", "CT", 2, "Axial 2.5", "CHEST", ct, List.of()),
                new DicomSeries("2.25.1001.3", "DX", 3, "PA", "CHEST", List.of(dx), List.of())));
        patient = new DicomPatient("SL-0001", "", "Test^Patient", "19700102", "F", List.of(study));
    }

    @Override
    public String version() {
        return "0.1.0-test";
    }

    @Override
    public List<DicomPatient> patients() {
        return List.of(patient);
    }

    @Override
    public ImportResult importFolder(Path folder, TaskProgress progress, BooleanSupplier cancelled) {
        progress.update(1, 1, "Indexed 1 file");
        return new ImportResult(1, List.of(folder.resolve("broken.dcm") + ": not a DICOM file"));
    }

    @Override
    public FrameSource openSeries(DicomSeries series) {
        int count = FrameRef.count(series);
        return new FrameSource() {
            @Override
            public int frameCount() {
                return count;
            }

            @Override
            public GrayscaleFrame frame(int index) {
                float[] values = new float[SIZE * SIZE];
                for (int i = 0; i < values.length; i++) {
                    values[i] = i % SIZE < SIZE / 2 ? 100 : -800;
                }
                return new GrayscaleFrame(SIZE, SIZE, values, new VoiWindow(40, 400, ""), false);
            }

            @Override
            public SliceInfo sliceInfo(int index) {
                return new SliceInfo(2.5 * index, 2.5);
            }
        };
    }

    @Override
    public String modelCardText() {
        return "Model: pneumonia-demo 1.0\nIntended use: second reader for adult PA chest radiographs.\n"
                + "Not for: children, lateral views, CT.";
    }

    @Override
    public AnalysisView analyze(DicomInstance instance, int frame, TaskProgress progress, BooleanSupplier cancelled)
            throws Exception {
        progress.update(1, 3, "Preprocessing");
        while (analysisWaitsForCancel) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled");
            }
            Thread.sleep(10);
        }
        if (analysisFailure != null) {
            throw new IllegalStateException(analysisFailure);
        }
        analyzed.add(instance.sopInstanceUid() + "#" + frame);
        long id = ids.incrementAndGet();
        findings.put(id, new FindingView(id, instance.sopInstanceUid(), frame, "Pneumonia", 0.873, true,
                "pneumonia-demo", null));
        float[] grid = new float[16 * 16];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                grid[y * 16 + x] = (float) Math.exp(-((x - 5) * (x - 5) + (y - 9) * (y - 9)) / 12.0);
            }
        }
        progress.update(3, 3, "Done");
        return new AnalysisView(id, STUDY_UID, "Pneumonia", 0.873, 0.5, true, "pneumonia-demo", "1.0", "CPU",
                new Heatmap(grid, 16, 16, "CAM"), Colormap.JET.lut(), modelCardText());
    }

    @Override
    public DecisionView decide(long findingId, boolean accept, String comment) throws Exception {
        CountDownLatch gate = decisionGate;
        if (gate != null && !gate.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("decision gate never opened");
        }
        DecisionView d = new DecisionView(findingId, accept, comment, Instant.parse("2024-03-15T10:20:30Z"));
        findings.computeIfPresent(findingId, (id, f) -> new FindingView(f.findingId(), f.sopInstanceUid(),
                f.frame(), f.label(), f.probability(), f.positive(), f.modelName(), d));
        decisions.add(d);
        return d;
    }

    @Override
    public List<FindingView> findings(String studyInstanceUid) {
        return findings.values().stream().sorted(java.util.Comparator.comparingLong(FindingView::findingId)).toList();
    }

    @Override
    public Path exportReport(String studyInstanceUid, Path target) throws Exception {
        long undecided = findings.values().stream().filter(f -> !f.decided()).count();
        if (undecided > 0) {
            throw new IllegalStateException(undecided + " findings have no decision");
        }
        Files.writeString(target, "%PDF-1.7 test report for " + studyInstanceUid);
        exports.add(target);
        return target;
    }
}
