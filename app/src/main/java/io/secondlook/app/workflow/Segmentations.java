package io.secondlook.app.workflow;

import io.secondlook.core.domain.Finding;
import io.secondlook.core.domain.ModelRun;
import io.secondlook.core.domain.NewFinding;
import io.secondlook.core.domain.NewModelRun;
import io.secondlook.core.store.ClinicalStore;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.dicom.series.DicomStudy;
import io.secondlook.inference.image.GrayImage;
import io.secondlook.inference.model.ModelCard;
import io.secondlook.inference.segment.SegmentClass;
import io.secondlook.inference.segment.SegmentationModel;
import io.secondlook.inference.segment.SegmentationProgress;
import io.secondlook.inference.segment.SegmentationResult;
import io.secondlook.inference.runtime.RuntimeOptions;
import io.secondlook.inference.segment.VolumeSegmenter;
import io.secondlook.inference.volume.DicomVolumeLoader;
import io.secondlook.inference.volume.Volume;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Volume segmentation of a series: the series is stacked into a volume, segmented by a 3D model, and recorded
 * as one series finding. The finding's label carries the per-label volumes ("Segmentation: lung 812.4 ml"); its
 * probability is the model's mean certainty (1 − normalised entropy) over the labelled voxels, positive when any
 * voxel is labelled; its image is the slice with the most labelled voxels. Segmenters are opened once per model
 * and closed with this object. Thread-safe.
 */
public final class Segmentations implements AutoCloseable {
    /** Share of the progress bar spent reading the series. */
    private static final double LOADING_SHARE = 0.3;
    private static final double KEY_IMAGE_OPACITY = 0.45;
    private static final int KEPT_RESULTS = 4;

    /** Progress of one run: {@code fraction} in [0, 1], the step, and the time left (null while unknown). */
    @FunctionalInterface
    public interface Progress {
        void update(double fraction, String step, Duration remaining);
    }

    /**
     * @param keySlice the slice (viewer order) with the most labelled voxels
     * @param deviceFallbackReason why CUDA was not used although allowed, or null
     */
    public record Result(Finding finding, SegmentationResult segmentation, ModelCard card, DicomSeries series,
                         int keySlice, String deviceFallbackReason) {
    }

    private final Workstation workstation;
    private final RuntimeOptions options;
    private final OpenModels<VolumeSegmenter> segmenters = new OpenModels<>();
    /** The latest results only: each holds the labels and entropy of a whole volume. */
    private final Map<Long, Result> results = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Result> eldest) {
            return size() > KEPT_RESULTS;
        }
    };

    private static final Logger LOG = LoggerFactory.getLogger(Segmentations.class);

    public Segmentations(Workstation workstation) {
        this.workstation = workstation;
        this.options = RuntimeOptions.defaults();
    }

    public Result run(String modelId, DicomSeries series, Progress progress, BooleanSupplier cancelled)
            throws DicomException {
        SegmentationModel model = SegmentationModel.of(workstation.models().require(modelId));
        if (!model.card().appliesTo(series.modality())) {
            throw new IllegalArgumentException("Model '" + modelId + "' applies to " + model.card().modality()
                    + " images, not " + series.modality());
        }
        DicomStudy study = workstation.studyOf(series).orElseThrow(() -> new IllegalArgumentException(
                "Series " + series.seriesNumber() + " is not in the catalogue"));
        int slices = series.instances().size();
        progress.update(0, "Reading the series", null);
        long start = System.nanoTime();
        Volume volume = DicomVolumeLoader.load(series, done -> {
            double f = (double) done / slices;
            Duration spent = Duration.ofNanos(System.nanoTime() - start);
            progress.update(LOADING_SHARE * f, "Reading the series (" + done + " of " + slices + " images)",
                    done == slices ? null : spent.multipliedBy(slices - done).dividedBy(done));
        }, cancelled);
        VolumeSegmenter segmenter = segmenter(model);
        ClinicalStore store = workstation.store();
        ModelRun run = store.recordModelRun(NewModelRun.started(model.id(), model.card().version(),
                segmenter.device(), study.studyInstanceUid(), series.seriesInstanceUid()));
        SegmentationResult result;
        try {
            result = segmenter.segment(volume, (stage, fraction, remaining) -> progress.update(
                    LOADING_SHARE + (1 - LOADING_SHARE) * fraction, step(stage), remaining), cancelled);
        } catch (RuntimeException e) {
            store.finishModelRun(run.id(), ModelRun.Status.FAILED);
            throw e;
        }
        store.finishModelRun(run.id(), ModelRun.Status.SUCCEEDED);
        int keySlice = keySlice(result);
        SeriesAnalysis.Image key = SeriesAnalysis.images(series).get(keySlice);
        Finding finding = store.recordFinding(new NewFinding(run.id(), series.seriesInstanceUid(),
                key.instance().sopInstanceUid(), key.frame() + 1, label(result), certainty(result), 0,
                labelled(result) > 0));
        Result out = new Result(finding, result, model.card(), series, keySlice,
                RuntimeFallback.reason(options, segmenter.device()));
        synchronized (this) {
            results.put(finding.id(), out);
        }
        try {
            keyImages().save(finding, keyImage(out), keySlice);
        } catch (IOException | DicomException | RuntimeException e) {
            // The finding stands; only a report exported after a restart will lack this key image and say so.
            LOG.warn("Key image of segmentation finding {} not saved: {}", finding.id(), e.toString());
        }
        return out;
    }

    /**
     * The key image of a segmentation finding: rendered from this session's result when it is still held, else
     * the one saved when the finding was recorded (this session or an earlier one).
     */
    Optional<SegmentationKeyImages.KeyImage> keyImage(Finding finding) throws IOException, DicomException {
        Optional<Result> held = result(finding.id());
        if (held.isPresent()) {
            return Optional.of(new SegmentationKeyImages.KeyImage(keyImage(held.get()), held.get().keySlice()));
        }
        return keyImages().load(finding);
    }

    boolean hasKeyImage(Finding finding) {
        return result(finding.id()).isPresent() || keyImages().exists(finding);
    }

    private SegmentationKeyImages keyImages() {
        return new SegmentationKeyImages(workstation.home().keyImages());
    }

    /** A segmentation recorded in this session (one of the latest four), by its finding. */
    public synchronized Optional<Result> result(long findingId) {
        return Optional.ofNullable(results.get(findingId));
    }

    /** "Segmentation: lung 812.4 ml, bone 95.0 ml": every label but the background (index 0). */
    static String label(SegmentationResult r) {
        List<SegmentClass> found = r.classes().stream().filter(c -> c.index() > 0 && c.voxels() > 0).toList();
        return found.isEmpty() ? "Segmentation: nothing labelled" : "Segmentation: " + found.stream()
                .map(c -> String.format(Locale.ROOT, "%s %.1f ml", c.name(), c.volumeMl()))
                .collect(Collectors.joining(", "));
    }

    /** 1 − mean normalised entropy over the labelled voxels; 0 when none is labelled. */
    static double certainty(SegmentationResult r) {
        double sum = 0;
        long n = 0;
        byte[] labels = r.labels();
        float[] entropy = r.entropy();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0) {
                sum += entropy[i];
                n++;
            }
        }
        return n == 0 ? 0 : Math.max(0, Math.min(1, 1 - sum / n));
    }

    private static long labelled(SegmentationResult r) {
        return r.classes().stream().filter(c -> c.index() > 0).mapToLong(SegmentClass::voxels).sum();
    }

    private static int keySlice(SegmentationResult r) {
        int plane = r.width() * r.height();
        int best = 0;
        long bestCount = -1;
        byte[] labels = r.labels();
        for (int k = 0; k < r.depth(); k++) {
            long count = 0;
            for (int i = k * plane; i < (k + 1) * plane; i++) {
                if (labels[i] != 0) {
                    count++;
                }
            }
            if (count > bestCount) {
                best = k;
                bestCount = count;
            }
        }
        return best;
    }

    /** The key slice as the reader sees it with the file's window, labels blended in their colours. */
    BufferedImage keyImage(Result result) throws DicomException {
        SegmentationResult seg = result.segmentation();
        SeriesAnalysis.Image key = SeriesAnalysis.images(result.series()).get(result.keySlice());
        GrayImage image = Workstation.displayImage(key.instance().path(), key.frame());
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        byte[] labels = seg.labelSlice(result.keySlice());
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int gray = Math.round(255 * Math.max(0, Math.min(1, image.at(x, y))));
                int r = gray;
                int g = gray;
                int b = gray;
                int label = labels[y * image.width() + x] & 0xFF;
                if (label != 0) {
                    int argb = seg.argb(label);
                    r = blend(gray, argb >> 16 & 0xFF);
                    g = blend(gray, argb >> 8 & 0xFF);
                    b = blend(gray, argb & 0xFF);
                }
                out.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return out;
    }

    private static int blend(int under, int over) {
        return (int) Math.round(under * (1 - KEY_IMAGE_OPACITY) + over * KEY_IMAGE_OPACITY);
    }

    private static String step(SegmentationProgress.Stage stage) {
        return switch (stage) {
            case PREPARING -> "Preparing the volume";
            case RUNNING_MODEL -> "Running the model";
            case POSTPROCESSING -> "Labelling voxels";
            case DONE -> "Done";
        };
    }

    private VolumeSegmenter segmenter(SegmentationModel model) {
        return segmenters.get(model.modelPackage(), () -> VolumeSegmenter.open(model, options));
    }

    @Override
    public synchronized void close() {
        segmenters.close();
        results.clear();
    }
}
