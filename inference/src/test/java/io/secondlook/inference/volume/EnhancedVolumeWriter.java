package io.secondlook.inference.volume;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomWriter;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.UidGenerator;
import io.secondlook.dicom.VR;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes several {@link Volume}s of one in-plane size as the stacks of a single Enhanced MR Image: Stack ID i + 1
 * for volume i, frames interleaved across the stacks and each stack's slices stored last to first, geometry only in
 * the per-frame Plane Position/Orientation and Pixel Measures groups, signed 16-bit pixels holding the values.
 * Test helper for enhanced multi-frame stacks on the DICOM path of volume models.
 */
final class EnhancedVolumeWriter {
    private static final String ENHANCED_MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4.1";
    private static final int PIXEL_MEASURES_SEQUENCE = 0x00289110;

    private EnhancedVolumeWriter() {
    }

    static Path write(List<Volume> stacks, Path file) throws IOException {
        int width = stacks.get(0).width();
        int height = stacks.get(0).height();
        int maxDepth = stacks.stream().mapToInt(Volume::depth).max().orElse(0);
        List<Dataset> perFrame = new ArrayList<>();
        ByteBuffer pixels = ByteBuffer.allocate(stacks.stream().mapToInt(Volume::voxelCount).sum() * 2)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int n = 0; n < maxDepth; n++) {
            for (int s = 0; s < stacks.size(); s++) {
                Volume v = stacks.get(s);
                if (n >= v.depth()) {
                    continue;
                }
                int k = v.depth() - 1 - n;
                perFrame.add(frameGroups(v, s + 1, k));
                for (int p = 0; p < width * height; p++) {
                    pixels.putShort((short) (int) v.values()[k * width * height + p]);
                }
            }
        }
        Dataset ds = new Dataset();
        ds.setString(Tag.SOPClassUID, VR.UI, ENHANCED_MR_IMAGE_STORAGE);
        ds.setString(Tag.SOPInstanceUID, VR.UI, UidGenerator.newUid());
        ds.setString(Tag.StudyInstanceUID, VR.UI, UidGenerator.newUid());
        ds.setString(Tag.SeriesInstanceUID, VR.UI, UidGenerator.newUid());
        ds.setString(Tag.Modality, VR.CS, "MR");
        ds.setInt(Tag.SeriesNumber, VR.IS, 1);
        ds.setString(Tag.PatientID, VR.LO, "ENHANCED-TEST");
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(perFrame.size()));
        ds.setInt(Tag.Rows, VR.US, height);
        ds.setInt(Tag.Columns, VR.US, width);
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, 16);
        ds.setInt(Tag.HighBit, VR.US, 15);
        ds.setInt(Tag.PixelRepresentation, VR.US, 1);
        ds.setSequence(Tag.PerFrameFunctionalGroupsSequence, perFrame);
        ds.setBytes(Tag.PixelData, VR.OW, pixels.array());
        DicomWriter.write(file, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return file;
    }

    private static Dataset frameGroups(Volume v, int stackId, int k) {
        Affine a = v.affine();
        double[] spacing = a.spacing();
        double[] row = unit(a.columnLps(0));
        double[] column = unit(a.columnLps(1));
        double[] step = a.columnLps(2);
        double[] origin = a.originLps();
        double[] position = {origin[0] + k * step[0], origin[1] + k * step[1], origin[2] + k * step[2]};
        Dataset content = new Dataset().setString(Tag.StackID, VR.SH, Integer.toString(stackId));
        content.setInt(Tag.InStackPositionNumber, VR.UL, k + 1);
        Dataset measures = new Dataset().setDouble(Tag.PixelSpacing, VR.DS, spacing[1], spacing[0]);
        measures.setDouble(Tag.SliceThickness, VR.DS, spacing[2]);
        return new Dataset()
                .setSequence(Tag.FrameContentSequence, List.of(content))
                .setSequence(Tag.PlanePositionSequence,
                        List.of(new Dataset().setDouble(Tag.ImagePositionPatient, VR.DS, position)))
                .setSequence(Tag.PlaneOrientationSequence, List.of(new Dataset().setDouble(
                        Tag.ImageOrientationPatient, VR.DS, row[0], row[1], row[2], column[0], column[1], column[2])))
                .setSequence(PIXEL_MEASURES_SEQUENCE, List.of(measures));
    }

    private static double[] unit(double[] v) {
        double n = Affine.norm(v);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
