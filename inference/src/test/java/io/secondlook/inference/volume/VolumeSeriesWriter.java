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
 * Writes a {@link Volume} as an MR Image Storage series, one Explicit VR Little Endian file per k slice: 16-bit
 * pixels holding the voxel values exactly (unsigned, or signed when a value is negative; no rescale), Image
 * Orientation/Position from the volume's affine converted to LPS, Pixel Spacing and Slice Thickness from its voxel
 * sizes, one Frame of Reference. Test helper for the DICOM path of volume models.
 */
public final class VolumeSeriesWriter {

    private static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
    private static final int SCANNING_SEQUENCE = 0x00180020;
    private static final int SEQUENCE_VARIANT = 0x00180021;
    private static final int SCAN_OPTIONS = 0x00180022;
    private static final int MR_ACQUISITION_TYPE = 0x00180023;
    private static final int REPETITION_TIME = 0x00180080;
    private static final int ECHO_TIME = 0x00180081;
    private static final int ECHO_TRAIN_LENGTH = 0x00180091;
    private static final int MAGNETIC_FIELD_STRENGTH = 0x00180087;

    private VolumeSeriesWriter() {
    }

    /** Writes {@code volume} into {@code folder} as {@code 0001.dcm}, {@code 0002.dcm}, ...; returns the files. */
    public static List<Path> write(Volume volume, Path folder) throws IOException {
        boolean signed = false;
        for (float v : volume.values()) {
            if (v != Math.rint(v) || v < Short.MIN_VALUE || v > 65535) {
                throw new IllegalArgumentException("Voxel value " + v + " does not fit 16-bit integer pixels");
            }
            signed |= v < 0;
        }
        if (signed && volume.range()[1] > Short.MAX_VALUE) {
            throw new IllegalArgumentException("Values span more than a signed 16-bit range");
        }
        Affine a = volume.affine();
        double[] spacing = a.spacing();
        double[] rowDir = unit(a.columnLps(0));
        double[] colDir = unit(a.columnLps(1));
        double[] step = a.columnLps(2);
        double[] origin = a.originLps();
        double[] normal = cross(rowDir, colDir);
        String study = UidGenerator.newUid();
        String series = UidGenerator.newUid();
        String frame = UidGenerator.newUid();
        int slice = volume.width() * volume.height();
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < volume.depth(); k++) {
            double[] pos = {origin[0] + k * step[0], origin[1] + k * step[1], origin[2] + k * step[2]};
            Dataset ds = new Dataset();
            ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
            ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "OTHER");
            ds.setString(Tag.SOPClassUID, VR.UI, MR_IMAGE_STORAGE);
            ds.setString(Tag.SOPInstanceUID, VR.UI, UidGenerator.newUid());
            ds.setString(Tag.StudyDate, VR.DA, "20240101");
            ds.setString(Tag.StudyTime, VR.TM, "120000");
            ds.setString(Tag.AccessionNumber, VR.SH);
            ds.setString(Tag.Modality, VR.CS, "MR");
            ds.setString(Tag.Manufacturer, VR.LO, "SecondLook test");
            ds.setString(Tag.ReferringPhysicianName, VR.PN);
            ds.setString(Tag.SeriesDescription, VR.LO, "T1 from " + volume.source());
            ds.setString(Tag.PatientName, VR.PN, "Volume^Test");
            ds.setString(Tag.PatientID, VR.LO, "VOLUME-TEST");
            ds.setString(Tag.PatientBirthDate, VR.DA);
            ds.setString(Tag.PatientSex, VR.CS, "O");
            ds.setString(Tag.BodyPartExamined, VR.CS, "BRAIN");
            ds.setString(SCANNING_SEQUENCE, VR.CS, "GR");
            ds.setString(SEQUENCE_VARIANT, VR.CS, "SP", "MP");
            ds.setString(SCAN_OPTIONS, VR.CS, "IR");
            ds.setString(MR_ACQUISITION_TYPE, VR.CS, "3D");
            ds.setDouble(Tag.SliceThickness, VR.DS, spacing[2]);
            ds.setDouble(REPETITION_TIME, VR.DS, 2300);
            ds.setDouble(ECHO_TIME, VR.DS, 2.98);
            ds.setDouble(MAGNETIC_FIELD_STRENGTH, VR.DS, 3);
            ds.setDouble(Tag.SpacingBetweenSlices, VR.DS, spacing[2]);
            ds.setInt(ECHO_TRAIN_LENGTH, VR.IS, 1);
            ds.setString(Tag.PatientPosition, VR.CS, "HFS");
            ds.setString(Tag.StudyInstanceUID, VR.UI, study);
            ds.setString(Tag.SeriesInstanceUID, VR.UI, series);
            ds.setString(Tag.StudyID, VR.SH, "1");
            ds.setInt(Tag.SeriesNumber, VR.IS, 1);
            ds.setInt(Tag.InstanceNumber, VR.IS, k + 1);
            ds.setDouble(Tag.ImagePositionPatient, VR.DS, pos);
            ds.setDouble(Tag.ImageOrientationPatient, VR.DS, rowDir[0], rowDir[1], rowDir[2],
                    colDir[0], colDir[1], colDir[2]);
            ds.setString(Tag.FrameOfReferenceUID, VR.UI, frame);
            ds.setString(Tag.PositionReferenceIndicator, VR.LO);
            ds.setDouble(Tag.SliceLocation, VR.DS, pos[0] * normal[0] + pos[1] * normal[1] + pos[2] * normal[2]);
            ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
            ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
            ds.setInt(Tag.Rows, VR.US, volume.height());
            ds.setInt(Tag.Columns, VR.US, volume.width());
            ds.setDouble(Tag.PixelSpacing, VR.DS, spacing[1], spacing[0]);
            ds.setInt(Tag.BitsAllocated, VR.US, 16);
            ds.setInt(Tag.BitsStored, VR.US, 16);
            ds.setInt(Tag.HighBit, VR.US, 15);
            ds.setInt(Tag.PixelRepresentation, VR.US, signed ? 1 : 0);
            ByteBuffer pixels = ByteBuffer.allocate(slice * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int p = 0; p < slice; p++) {
                pixels.putShort((short) (int) volume.values()[k * slice + p]);
            }
            ds.setBytes(Tag.PixelData, VR.OW, pixels.array());
            Path file = folder.resolve(String.format("%04d.dcm", k + 1));
            DicomWriter.write(file, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            files.add(file);
        }
        return files;
    }

    private static double[] unit(double[] v) {
        double n = Affine.norm(v);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
