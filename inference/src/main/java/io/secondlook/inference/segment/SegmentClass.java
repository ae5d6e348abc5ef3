package io.secondlook.inference.segment;

/**
 * One label of a segmentation with its extent.
 *
 * @param argb display colour 0xAARRGGBB (background transparent)
 * @param volumeMl voxel count times the voxel volume, in millilitres
 */
public record SegmentClass(int index, String name, int argb, long voxels, double volumeMl) {
}
