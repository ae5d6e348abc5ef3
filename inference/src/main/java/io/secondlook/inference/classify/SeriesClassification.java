package io.secondlook.inference.classify;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * A classifier's results over a series: one {@link Classification} per analysed image ({@code null} where the
 * image failed; {@code errors} says why), and the aggregate: the highest positive-class probability and its image,
 * the mean over analysed images, and the series decision (maximum at or above the operating threshold).
 * {@code cancelled} results cover the images before cancellation only.
 */
public record SeriesClassification(
        List<Classification> images,
        List<ImageError> errors,
        int total,
        boolean cancelled,
        String device,
        Duration elapsed,
        StageTimes stages) {

    /**
     * Time spent in each stage, summed over the run's images (with overlap, loading and preprocessing run on a
     * worker while the network runs, so the sum can exceed {@code elapsed}): the caller's loader (reading,
     * decoding, windowing), preprocessing (resize, normalisation into the input tensor), the network (input
     * copy and ONNX Runtime's pass) and post-processing (decisions, CAMs).
     */
    public record StageTimes(Duration loading, Duration preprocessing, Duration network, Duration postprocessing) {

        public static final StageTimes NONE = new StageTimes(Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ZERO);

        /** Pre- and post-processing as a share of the model's work (preprocessing, network, post-processing). */
        public double prePostShare() {
            long around = preprocessing.toNanos() + postprocessing.toNanos();
            long total = around + network.toNanos();
            return total == 0 ? Double.NaN : (double) around / total;
        }
    }

    /** An image that could not be read or classified; {@code index} is its position in the series. */
    public record ImageError(int index, String message) {
    }

    public SeriesClassification {
        images = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(images));
        errors = List.copyOf(errors);
    }

    public int analysed() {
        return (int) images.stream().filter(java.util.Objects::nonNull).count();
    }

    /** Index (in the series) of the image with the highest positive probability, if any was analysed. */
    public OptionalInt maxIndex() {
        int best = -1;
        for (int i = 0; i < images.size(); i++) {
            Classification c = images.get(i);
            if (c != null && (best < 0 || c.positiveProbability() > images.get(best).positiveProbability())) {
                best = i;
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }

    public double maxProbability() {
        return maxIndex().isPresent() ? images.get(maxIndex().getAsInt()).positiveProbability() : Double.NaN;
    }

    public double meanProbability() {
        return images.stream().filter(java.util.Objects::nonNull).mapToDouble(Classification::positiveProbability)
                .average().orElse(Double.NaN);
    }

    /** Positive when the most suspicious image reaches the operating threshold. */
    public boolean positive() {
        return maxIndex().isPresent() && images.get(maxIndex().getAsInt()).positive();
    }
}
