package io.secondlook.app.workflow;

import io.secondlook.core.domain.Finding;
import io.secondlook.core.domain.ModelRun;
import io.secondlook.core.domain.NewFinding;
import io.secondlook.core.domain.NewModelRun;
import io.secondlook.core.store.ClinicalStore;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.series.DicomInstance;
import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.dicom.series.DicomStudy;
import io.secondlook.inference.detect.Detection;
import io.secondlook.inference.detect.DetectionResult;
import io.secondlook.inference.detect.ObjectDetector;
import io.secondlook.inference.model.ModelCard;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.runtime.RuntimeOptions;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Object detection on one frame as the reader sees it, recorded as one finding: its label counts the boxes per
 * label ("Detection: 2 × nodule"), its probability is the highest box score, its threshold the card's score
 * threshold. Detectors are opened once per model and closed with this object. Thread-safe.
 */
public final class Detections implements AutoCloseable {

    /** @param deviceFallbackReason why CUDA was not used although allowed, or null */
    public record Result(Finding finding, DetectionResult detections, ModelCard card, String deviceFallbackReason) {
    }

    private final Workstation workstation;
    private final RuntimeOptions options = RuntimeOptions.defaults();
    private final OpenModels<ObjectDetector> detectors = new OpenModels<>();

    public Detections(Workstation workstation) {
        this.workstation = workstation;
    }

    public Result run(String modelId, DicomSeries series, DicomInstance instance, int frameIndex)
            throws DicomException {
        ModelPackage pkg = workstation.models().require(modelId);
        if (!pkg.card().appliesTo(series.modality())) {
            throw new IllegalArgumentException("Model '" + modelId + "' applies to " + pkg.card().modality()
                    + " images, not " + series.modality());
        }
        DicomStudy study = workstation.studyOf(series).orElseThrow(() -> new IllegalArgumentException(
                "Series " + series.seriesNumber() + " is not in the catalogue"));
        var image = Workstation.displayImage(instance.path(), frameIndex);
        ObjectDetector detector = detector(pkg);
        ClinicalStore store = workstation.store();
        ModelRun run = store.recordModelRun(NewModelRun.started(pkg.id(), pkg.version(), detector.device(),
                study.studyInstanceUid(), series.seriesInstanceUid()));
        DetectionResult result;
        try {
            result = detector.detect(image);
        } catch (RuntimeException e) {
            store.finishModelRun(run.id(), ModelRun.Status.FAILED);
            throw e;
        }
        store.finishModelRun(run.id(), ModelRun.Status.SUCCEEDED);
        double top = result.detections().stream().mapToDouble(Detection::score).max().orElse(0);
        Finding finding = store.recordFinding(new NewFinding(run.id(), series.seriesInstanceUid(),
                instance.sopInstanceUid(), frameIndex + 1, label(result), Math.max(0, Math.min(1, top)),
                result.scoreThreshold(), !result.detections().isEmpty()));
        return new Result(finding, result, pkg.card(), RuntimeFallback.reason(options, detector.device()));
    }

    /** "Detection: 2 × nodule, 1 × mass", or "Detection: nothing found". */
    static String label(DetectionResult r) {
        if (r.detections().isEmpty()) {
            return "Detection: nothing found";
        }
        Map<String, Long> counts = r.detections().stream()
                .collect(Collectors.groupingBy(Detection::label, java.util.LinkedHashMap::new, Collectors.counting()));
        return "Detection: " + counts.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%d \u00d7 %s", e.getValue(), e.getKey()))
                .collect(Collectors.joining(", "));
    }

    private ObjectDetector detector(ModelPackage pkg) {
        return detectors.get(pkg, () -> ObjectDetector.open(pkg, options));
    }

    @Override
    public void close() {
        detectors.close();
    }
}
