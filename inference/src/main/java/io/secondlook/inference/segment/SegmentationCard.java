package io.secondlook.inference.segment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The card of a segmentation model ({@code model-card.json} with task "segmentation"). It shares the common card
 * fields of {@link io.secondlook.inference.model.ModelCard} and adds what a volume model needs: the voxel
 * orientation and spacing the network expects, the intensity scaling, and a colour per label. Read and validated by
 * {@link SegmentationModel#load}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SegmentationCard(
        String id,
        String version,
        String name,
        String task,
        List<String> modality,
        String bodyPart,
        Input input,
        Preprocessing preprocessing,
        List<Output> outputs,
        List<String> labels,
        List<int[]> labelColors,
        String intendedUse,
        List<String> limitations,
        String source,
        String sha256,
        String licence) {

    public static final String TASK = "segmentation";

    /**
     * The network input.
     *
     * @param shape [1, 1, D, H, W] (layout NCDHW: W is voxel axis i, the fastest; D is axis k)
     * @param orientation the voxel axis code the network was trained on, e.g. "LIA" (FreeSurfer conformed)
     * @param spacingMm the voxel size the network expects along i, j, k
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(String name, List<Long> shape, String dtype, String layout, String orientation,
                        List<Double> spacingMm) {

        public int width() {
            return shape.get(4).intValue();
        }

        public int height() {
            return shape.get(3).intValue();
        }

        public int depth() {
            return shape.get(2).intValue();
        }
    }

    /**
     * How voxel values become network input.
     *
     * @param intensity "minMax": {@code (v - min) * (1 / (max - min))} over the whole volume, in double precision
     *                  rounded to float32 (as the brainchop and niivue web demos do); "none": values as they are
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Preprocessing(String intensity, String description) {
    }

    /** One network output; a segmentation output holds per-class logits, layout NCDHW. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Output(String name, List<Long> shape, String meaning) {
    }

    /** The first output: the per-class logits. */
    public Output logits() {
        return outputs.get(0);
    }

    /** Label {@code index}'s colour as 0xAARRGGBB, opaque; background (index 0) transparent. */
    public int argb(int index) {
        int[] c = labelColors.get(index);
        int alpha = index == 0 ? 0 : 0xFF;
        return alpha << 24 | (c[0] & 0xFF) << 16 | (c[1] & 0xFF) << 8 | (c[2] & 0xFF);
    }
}
