package io.secondlook.app.workflow;

import io.secondlook.core.domain.Finding;
import io.secondlook.core.domain.ModelRun;
import io.secondlook.core.domain.NewFinding;
import io.secondlook.core.domain.NewModelRun;
import io.secondlook.core.store.ClinicalStore;
import io.secondlook.dicom.series.DicomInstance;
import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.dicom.series.DicomStudy;
import io.secondlook.inference.classify.Classification;
import io.secondlook.inference.classify.ImageClassifier;
import io.secondlook.inference.classify.SeriesClassification;
import io.secondlook.inference.classify.SeriesClassifier;
import io.secondlook.inference.classify.SeriesProgress;
import io.secondlook.inference.model.ModelCard;
import io.secondlook.inference.model.ModelPackage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A classification model over every image of a series (each instance's frames in the series' order, the viewer's
 * slice order), recorded as one series finding on the most suspicious image. A cancelled run records no finding.
 */
public final class SeriesAnalysis {

    /** One image of the series: {@code frame} (0-based) of {@code instance}'s file, what to decode. */
    public record Image(DicomInstance instance, int frame) {
    }

    /**
     * @param finding the series finding: label, probability and image of the highest-scoring slice
     * @param images what each slice is, in the order of {@code classification.images()}
     */
    public record Result(Finding finding, SeriesClassification classification, List<Image> images, ModelCard card,
                         String deviceFallbackReason) {
    }

    private SeriesAnalysis() {
    }

    public static Result run(Workstation workstation, String modelId, DicomSeries series,
                             Consumer<SeriesProgress> progress, BooleanSupplier cancelled) {
        ModelPackage pkg = workstation.models().require(modelId);
        ModelCard card = pkg.card();
        if (!"classification".equals(card.task())) {
            throw new IllegalArgumentException("Model '" + modelId + "' is a " + card.task()
                    + " model; series analysis needs a classification model");
        }
        if (!card.appliesTo(series.modality())) {
            throw new IllegalArgumentException("Model '" + modelId + "' applies to " + card.modality() + " images, not "
                    + series.modality());
        }
        DicomStudy study = workstation.studyOf(series).orElseThrow(() -> new IllegalArgumentException(
                "Series " + series.seriesNumber() + " is not in the catalogue"));
        List<Image> images = images(series);
        ImageClassifier classifier = workstation.classifier(pkg);
        ClinicalStore store = workstation.store();
        ModelRun run = store.recordModelRun(NewModelRun.started(pkg.id(), pkg.version(), classifier.device(),
                study.studyInstanceUid(), series.seriesInstanceUid()));
        SeriesClassification result;
        try {
            result = new SeriesClassifier(classifier).run(images.size(), k -> Workstation.displayImage(
                    images.get(k).instance().path(), images.get(k).frame()), progress, cancelled);
        } catch (RuntimeException e) {
            store.finishModelRun(run.id(), ModelRun.Status.FAILED);
            throw e;
        }
        if (result.cancelled() || result.maxIndex().isEmpty()) {
            store.finishModelRun(run.id(), ModelRun.Status.FAILED);
            if (result.cancelled()) {
                throw new CancellationException("Series analysis cancelled after " + result.analysed() + " of "
                        + result.total() + " images");
            }
            throw new IllegalStateException("No image of series " + series.seriesNumber() + " could be analysed"
                    + (result.errors().isEmpty() ? "" : ": " + result.errors().get(0).message()));
        }
        store.finishModelRun(run.id(), ModelRun.Status.SUCCEEDED);
        int max = result.maxIndex().getAsInt();
        Classification top = result.images().get(max);
        Image where = images.get(max);
        Finding finding = store.recordFinding(new NewFinding(run.id(), series.seriesInstanceUid(),
                where.instance().sopInstanceUid(), where.frame() + 1, top.label(), top.positiveProbability(),
                top.threshold(), result.positive()));
        return new Result(finding, result, images, card, classifier.deviceFallbackReason());
    }

    /** The series' images in viewer order (an enhanced stack's entries name their frame of the shared file). */
    static List<Image> images(DicomSeries series) {
        List<Image> out = new ArrayList<>();
        for (DicomInstance instance : series.instances()) {
            for (int f = 0; f < Math.max(1, instance.frames()); f++) {
                out.add(new Image(instance, instance.fileFrame(f)));
            }
        }
        return out;
    }
}
