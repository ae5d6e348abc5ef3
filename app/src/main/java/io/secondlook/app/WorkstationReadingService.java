package io.secondlook.app;

import io.secondlook.app.gui.AnalysisView;
import io.secondlook.app.gui.DecisionView;
import io.secondlook.app.gui.FindingView;
import io.secondlook.app.gui.ImportResult;
import io.secondlook.app.gui.ModelService;
import io.secondlook.app.gui.ReadingService;
import io.secondlook.app.gui.RecordsService;
import io.secondlook.app.gui.TaskProgress;
import io.secondlook.app.workflow.AnalysisResult;
import io.secondlook.app.workflow.AppVersion;
import io.secondlook.app.workflow.FolderImport;
import io.secondlook.app.workflow.ModelCardText;
import io.secondlook.app.workflow.Workstation;
import io.secondlook.core.domain.Decision;
import io.secondlook.core.domain.Outcome;
import io.secondlook.core.domain.Report;
import io.secondlook.core.domain.ReviewedFinding;
import io.secondlook.dicom.pixel.GrayscaleFrame;
import io.secondlook.dicom.series.DicomInstance;
import io.secondlook.dicom.series.DicomPatient;
import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.inference.saliency.Colormap;
import io.secondlook.inference.saliency.SaliencyMap;
import io.secondlook.viewer.FrameSource;
import io.secondlook.viewer.Heatmap;
import io.secondlook.viewer.SliceInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** The window's {@link ReadingService}, backed by the {@link Workstation}. */
final class WorkstationReadingService implements ReadingService, AutoCloseable {
    private final Workstation workstation;
    private final WorkstationModelService models;

    WorkstationReadingService(Workstation workstation) {
        this.workstation = workstation;
        this.models = new WorkstationModelService(workstation);
    }

    @Override
    public Optional<ModelService> modelService() {
        return Optional.of(models);
    }

    @Override
    public String version() {
        return AppVersion.get();
    }

    @Override
    public List<DicomPatient> patients() {
        return workstation.patients();
    }

    @Override
    public ImportResult importFolder(Path folder, TaskProgress progress, BooleanSupplier cancelled) throws Exception {
        FolderImport result = workstation.importFolder(folder, progress::update, cancelled);
        return new ImportResult(result.imagesIndexed(), result.problems());
    }

    @Override
    public FrameSource openSeries(DicomSeries series) {
        List<DicomInstance> instances = series.instances();
        int[] firstFrame = new int[instances.size() + 1];
        for (int i = 0; i < instances.size(); i++) {
            firstFrame[i + 1] = firstFrame[i] + Math.max(1, instances.get(i).frames());
        }
        return new FrameSource() {
            @Override
            public int frameCount() {
                return firstFrame[instances.size()];
            }

            @Override
            public GrayscaleFrame frame(int index) throws Exception {
                int i = instanceAt(index);
                return workstation.frame(instances.get(i), instances.get(i).fileFrame(index - firstFrame[i]));
            }

            @Override
            public SliceInfo sliceInfo(int index) {
                DicomInstance instance = instances.get(instanceAt(index));
                double[] position = instance.imagePosition();
                double[] orientation = instance.imageOrientation();
                if (position == null || orientation == null || orientation.length < 6) {
                    return SliceInfo.UNKNOWN;
                }
                double nx = orientation[1] * orientation[5] - orientation[2] * orientation[4];
                double ny = orientation[2] * orientation[3] - orientation[0] * orientation[5];
                double nz = orientation[0] * orientation[4] - orientation[1] * orientation[3];
                return new SliceInfo(position[0] * nx + position[1] * ny + position[2] * nz, Double.NaN);
            }

            private int instanceAt(int index) {
                for (int i = 0; i < instances.size(); i++) {
                    if (index < firstFrame[i + 1]) {
                        return i;
                    }
                }
                throw new IndexOutOfBoundsException("Slice " + (index + 1) + " of " + frameCount());
            }
        };
    }

    @Override
    public boolean canAnalyze(DicomSeries series) {
        return workstation.modelApplies(Workstation.DEFAULT_MODEL_ID, series);
    }

    @Override
    public String modelCardText() {
        return ModelCardText.render(workstation.modelCard(Workstation.DEFAULT_MODEL_ID));
    }

    @Override
    public AnalysisView analyze(DicomInstance instance, int frame, TaskProgress progress, BooleanSupplier cancelled)
            throws Exception {
        DicomSeries series = seriesOf(instance);
        progress.update(0, 2, "Running " + Workstation.DEFAULT_MODEL_ID);
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("Analysis cancelled");
        }
        AnalysisResult result = workstation.analyze(Workstation.DEFAULT_MODEL_ID, series, instance, frame);
        progress.update(2, 2, "Done");
        SaliencyMap map = result.classification().saliency();
        return new AnalysisView(result.finding().id(), result.finding().studyUid(), result.finding().label(),
                result.finding().probability(), result.finding().threshold(), result.finding().positive(),
                result.card().name(), result.card().version(), result.classification().device().toUpperCase(java.util.Locale.ROOT),
                new Heatmap(map.values(), map.width(), map.height(), map.method()), Colormap.JET.lut256(),
                ModelCardText.render(result.card()));
    }

    private DicomSeries seriesOf(DicomInstance instance) {
        return workstation.patients().stream().flatMap(p -> p.studies().stream()).flatMap(s -> s.series().stream())
                .filter(s -> s.instances().stream().anyMatch(i -> i.sopInstanceUid().equals(instance.sopInstanceUid())))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The image is not in the catalogue any more"));
    }

    @Override
    public DecisionView decide(long findingId, boolean accept, String comment) {
        Decision d = workstation.decide(findingId, accept ? Outcome.ACCEPTED : Outcome.REJECTED, comment);
        return view(d);
    }

    @Override
    public List<FindingView> findings(String studyInstanceUid) {
        return workstation.findings(studyInstanceUid).stream().map(WorkstationReadingService::view).toList();
    }

    @Override
    public Path exportReport(String studyInstanceUid, Path target) throws Exception {
        Report report = workstation.exportReport(studyInstanceUid, target);
        return report.path();
    }

    @Override
    public Optional<RecordsService> recordsService() {
        return Optional.of(new WorkstationRecordsService(workstation));
    }

    @Override
    public void close() {
        models.close();
        workstation.close();
    }

    private static DecisionView view(Decision d) {
        return new DecisionView(d.findingId(), d.outcome() == Outcome.ACCEPTED, d.comment(), d.decidedAt());
    }

    private static FindingView view(ReviewedFinding r) {
        var f = r.finding();
        int frame = f.frame() == null ? 0 : f.frame() - 1;
        return new FindingView(f.id(), f.sopInstanceUid(), frame, f.label(), f.probability(), f.positive(),
                f.modelId() + " " + f.modelVersion(), r.decided() ? view(r.decision()) : null);
    }
}
