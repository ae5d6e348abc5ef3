package io.secondlook.app.gui;

import io.secondlook.viewer.LabelVolume;

/**
 * A segmentation model's run over a volume.
 *
 * @param findingId the recorded finding (its label lists the volumes)
 * @param labels per-voxel labels and uncertainty on the series' slices, with per-label volumes in ml
 * @param keySlice the slice (0-based) with the most labelled voxels
 * @param certainty 1 − mean normalised entropy over the labelled voxels
 * @param device where it ran, with the reason when CUDA was allowed but not used
 */
public record SegmentationView(long findingId, String findingLabel, String modelName, String modelVersion,
                               LabelVolume labels, int keySlice, double certainty, String device,
                               double seconds) {
}
