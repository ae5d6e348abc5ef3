package io.secondlook.app;

import io.secondlook.app.gui.AnalysisView;
import io.secondlook.app.gui.DetectionView;
import io.secondlook.app.gui.ModelChoice;
import io.secondlook.app.gui.ModelEntryView;
import io.secondlook.app.gui.ModelService;
import io.secondlook.app.gui.SegmentationView;
import io.secondlook.app.gui.SeriesAnalysisView;
import io.secondlook.app.gui.TaskProgress;
import io.secondlook.app.workflow.AnalysisResult;
import io.secondlook.app.workflow.Detections;
import io.secondlook.app.workflow.ModelCardText;
import io.secondlook.app.workflow.SeriesAnalysis;
import io.secondlook.app.workflow.Segmentations;
import io.secondlook.app.workflow.Workstation;
import io.secondlook.dicom.series.DicomInstance;
import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.inference.classify.Classification;
import io.secondlook.inference.classify.SeriesClassification;
import io.secondlook.inference.detect.DetectionResult;
import io.secondlook.inference.model.ModelCard;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.saliency.Colormap;
import io.secondlook.inference.saliency.SaliencyMap;
import io.secondlook.inference.saliency.SanityRecords;
import io.secondlook.inference.segment.SegmentClass;
import io.secondlook.inference.segment.SegmentationResult;
import io.secondlook.viewer.DetectionOverlay;
import io.secondlook.viewer.Heatmap;
import io.secondlook.viewer.LabelVolume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** The window's {@link ModelService}, backed by the {@link Workstation}'s model registry and store. */
final class WorkstationModelService implements ModelService, AutoCloseable {
    private final Workstation workstation;
    private final Detections detections;

    WorkstationModelService(Workstation workstation) {
        this.workstation = workstation;
        this.detections = new Detections(workstation);
    }

    @Override
    public List<ModelEntryView> allModels() {
        workstation.models().rescan();
        return workstation.models().list().stream().map(e -> new ModelEntryView(e.id(), e.version(), e.task(),
                e.modality().isEmpty() ? "-" : String.join(", ", e.modality()),
                e.bundled() ? "bundled" : e.source().toString(), e.valid(), e.status())).toList();
    }

    @Override
    public List<ModelChoice> modelsFor(DicomSeries series) {
        return workstation.models().modelsFor(series.modality()).stream().map(ModelPackage::card)
                .map(c -> new ModelChoice(c.id(), c.version(), c.name(), c.task(), ModelCardText.render(c)))
                .toList();
    }

    @Override
    public AnalysisView analyzeImage(String modelId, DicomInstance instance, int frame, TaskProgress progress,
                                     BooleanSupplier cancelled) throws Exception {
        DicomSeries series = seriesOf(instance);
        progress.update(0, 2, "Running " + modelId);
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("Analysis cancelled");
        }
        AnalysisResult result = workstation.analyze(modelId, series, instance, frame);
        progress.update(2, 2, "Done");
        SaliencyMap map = result.classification().saliency();
        return new AnalysisView(result.finding().id(), result.finding().studyUid(), result.finding().label(),
                result.finding().probability(), result.finding().threshold(), result.finding().positive(),
                result.card().name(), result.card().version(),
                device(result.classification().device(), classifierFallback(modelId)),
                map == null ? null : new Heatmap(map.values(), map.width(), map.height(), map.method()),
                Colormap.JET.lut256(), ModelCardText.render(result.card()));
    }

    @Override
    public SeriesAnalysisView analyzeSeries(String modelId, DicomSeries series, TaskProgress progress,
                                            BooleanSupplier cancelled) {
        SeriesAnalysis.Result run = SeriesAnalysis.run(workstation, modelId, series, p -> progress.update(p.done(),
                p.total(), "Image " + p.done() + " of " + p.total() + timeLeft(p.done() == 0 ? null : p.remaining())),
                cancelled);
        SeriesClassification c = run.classification();
        List<Double> probabilities = new ArrayList<>();
        for (Classification image : c.images()) {
            probabilities.add(image == null ? Double.NaN : image.positiveProbability());
        }
        while (probabilities.size() < c.total()) {
            probabilities.add(Double.NaN);
        }
        ModelCard card = run.card();
        return new SeriesAnalysisView(run.finding().id(), card.name(), card.version(), run.finding().label(),
                card.positiveLabel(), card.operatingThreshold(), c.positive(), c.maxProbability(),
                c.maxIndex().orElse(0), c.meanProbability(), c.analysed(), c.total(), probabilities,
                c.errors().stream().map(e -> "Slice " + (e.index() + 1) + ": " + e.message()).toList(),
                device(c.device(), run.deviceFallbackReason()), c.elapsed().toMillis() / 1000.0);
    }

    @Override
    public SegmentationView segment(String modelId, DicomSeries series, TaskProgress progress,
                                    BooleanSupplier cancelled) throws Exception {
        Segmentations.Result run = workstation.segmentations().run(modelId, series, (fraction, step, remaining) ->
                progress.update(Math.round(fraction * 1000), 1000, step + timeLeft(remaining)), cancelled);
        SegmentationResult r = run.segmentation();
        List<LabelVolume.LabelClass> classes = new ArrayList<>();
        for (SegmentClass c : r.classes()) {
            classes.add(new LabelVolume.LabelClass(c.index(), c.name(), c.argb(), c.volumeMl()));
        }
        LabelVolume labels = new LabelVolume(r.width(), r.height(), r.depth(), r.labels(), r.entropy(), classes,
                "Uncertainty (softmax entropy)");
        return new SegmentationView(run.finding().id(), run.finding().label(), run.card().name(), run.card().version(),
                labels, run.keySlice(), run.finding().probability(), device(r.device(), run.deviceFallbackReason()),
                r.inferenceSeconds());
    }

    @Override
    public DetectionView detect(String modelId, DicomInstance instance, int frame, TaskProgress progress,
                                BooleanSupplier cancelled) throws Exception {
        progress.update(0, 1, "Running " + modelId);
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("Detection cancelled");
        }
        Detections.Result run = detections.run(modelId, seriesOf(instance), instance, frame);
        progress.update(1, 1, "Done");
        DetectionResult r = run.detections();
        List<DetectionOverlay.Box> boxes = r.detections().stream()
                .map(d -> new DetectionOverlay.Box(d.x1(), d.y1(), d.x2(), d.y2(), d.label(), d.score())).toList();
        return new DetectionView(run.finding().id(), run.finding().label(), run.card().name(), run.card().version(),
                boxes, r.scoreThreshold(), device(r.device(), run.deviceFallbackReason()));
    }

    @Override
    public void close() {
        detections.close();
    }

    @Override
    public String saliencyValidation(String modelId, String method) {
        ModelPackage pkg = workstation.models().require(modelId);
        String status = SanityRecords.status(workstation.sanityRecords(), pkg, method);
        if (!SanityRecords.VALIDATED.equals(status)) {
            return SanityRecords.NOT_CHECKED.equals(status) ? "sanity not checked" : status;
        }
        return "sanity check passed" + checkedOn(pkg);
    }

    /** The date of the sanity report ({@link SanityRecords} names it {@code <id>-<version>-<sha256 prefix>.json}). */
    private String checkedOn(ModelPackage pkg) {
        Path report = workstation.sanityRecords().resolve(pkg.id() + "-" + pkg.version() + "-"
                + pkg.card().sha256().substring(0, 12) + ".json");
        try {
            return " on " + LocalDate.ofInstant(Files.getLastModifiedTime(report).toInstant(), ZoneId.systemDefault());
        } catch (IOException e) {
            return "";
        }
    }

    private String classifierFallback(String modelId) {
        return workstation.classifier(workstation.models().require(modelId)).deviceFallbackReason();
    }

    /** "CPU", or "CPU (CUDA execution provider not in this ONNX Runtime build)" after a fallback. */
    static String device(String device, String fallbackReason) {
        String shown = device.toUpperCase(Locale.ROOT);
        return fallbackReason == null ? shown : shown + " (" + fallbackReason + ")";
    }

    /** " · about 12 s left", or nothing while no estimate exists. */
    static String timeLeft(Duration remaining) {
        if (remaining == null) {
            return "";
        }
        long s = Math.max(0, Math.round(remaining.toMillis() / 1000.0));
        return s < 60 ? " \u00b7 about " + s + " s left"
                : String.format(Locale.ROOT, " \u00b7 about %d min %02d s left", s / 60, s % 60);
    }

    private DicomSeries seriesOf(DicomInstance instance) {
        return workstation.patients().stream().flatMap(p -> p.studies().stream()).flatMap(s -> s.series().stream())
                .filter(s -> s.instances().stream().anyMatch(i -> i.sopInstanceUid().equals(instance.sopInstanceUid())))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The image is not in the catalogue any more"));
    }
}
