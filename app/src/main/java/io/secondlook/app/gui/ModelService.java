package io.secondlook.app.gui;

import io.secondlook.dicom.series.DicomInstance;
import io.secondlook.dicom.series.DicomSeries;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The models the window offers and runs: the registry's packages with their status, the ones that apply to a
 * series, and runs on one image, a whole series or a volume. Like {@link ReadingService}, every method may block
 * and is called on background threads; runs report progress with the time left in the message, stop when
 * {@code cancelled} turns true (throwing {@link java.util.concurrent.CancellationException}) and record their
 * finding before returning.
 */
public interface ModelService {

    /** Every package known (bundled and in the user's model folder), valid or refused with the reason. */
    List<ModelEntryView> allModels() throws Exception;

    /** The valid models whose card lists the series' modality, bundled first. */
    List<ModelChoice> modelsFor(DicomSeries series) throws Exception;

    /** A classification model on one frame, with its saliency map. */
    AnalysisView analyzeImage(String modelId, DicomInstance instance, int frame, TaskProgress progress,
                              BooleanSupplier cancelled) throws Exception;

    /** A classification model on every image of the series; one series finding. */
    SeriesAnalysisView analyzeSeries(String modelId, DicomSeries series, TaskProgress progress,
                                     BooleanSupplier cancelled) throws Exception;

    /** A segmentation model on the series stacked as a volume; one finding with the label volumes. */
    SegmentationView segment(String modelId, DicomSeries series, TaskProgress progress, BooleanSupplier cancelled)
            throws Exception;

    /** A detection model on one frame; one finding counting the boxes. */
    DetectionView detect(String modelId, DicomInstance instance, int frame, TaskProgress progress,
                         BooleanSupplier cancelled) throws Exception;

    /**
     * Whether the saliency sanity check passed for this model and method: "sanity check passed on DATE",
     * "not validated for this model" or "sanity not checked".
     */
    String saliencyValidation(String modelId, String method) throws Exception;
}
