package io.secondlook.testdata;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.VR;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The data sets of the demo study: every Type 1 and Type 2 attribute of the Digital X-Ray Image – For
 * Presentation and CT Image IODs, with fixed dates and name-derived UIDs so the files are reproducible.
 */
final class DemoAttributes {
    static final String DX_SERIES_DESCRIPTION = "Chest PA";
    static final String CT_SERIES_DESCRIPTION = "Chest 4.0 mm";
    private static final String DX_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.1.1";
    private static final String CT_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.2";
    private static final String STUDY_DATE = "20240314";
    private static final String STUDY_TIME = "093000";

    // Tags the shared dictionary does not name yet.
    private static final int PRESENTATION_INTENT_TYPE = Tag.of(0x0008, 0x0068);
    private static final int ANATOMIC_REGION_SEQUENCE = Tag.of(0x0008, 0x2218);
    private static final int CODE_VALUE = Tag.of(0x0008, 0x0100);
    private static final int CODING_SCHEME_DESIGNATOR = Tag.of(0x0008, 0x0102);
    private static final int CODE_MEANING = Tag.of(0x0008, 0x0104);
    private static final int DATA_COLLECTION_DIAMETER = Tag.of(0x0018, 0x0090);
    private static final int GANTRY_DETECTOR_TILT = Tag.of(0x0018, 0x1120);
    private static final int TABLE_HEIGHT = Tag.of(0x0018, 0x1130);
    private static final int ROTATION_DIRECTION = Tag.of(0x0018, 0x1140);
    private static final int FILTER_TYPE = Tag.of(0x0018, 0x1160);
    private static final int DETECTOR_TYPE = Tag.of(0x0018, 0x7004);
    private static final int IMAGE_LATERALITY = Tag.of(0x0020, 0x0062);
    private static final int POSITIONER_TYPE = Tag.of(0x0018, 0x1508);
    private static final int VIEW_CODE_SEQUENCE = Tag.of(0x0054, 0x0220);
    private static final int VIEW_MODIFIER_CODE_SEQUENCE = Tag.of(0x0054, 0x0222);
    private static final int ACQUISITION_CONTEXT_SEQUENCE = Tag.of(0x0040, 0x0555);
    private static final int PATIENT_IDENTITY_REMOVED = Tag.of(0x0012, 0x0062);

    private final UnaryOperator<String> uid;
    private final String studyUid;
    private final String accession;

    /** @param uid maps a name within the study to its UID */
    DemoAttributes(UnaryOperator<String> uid, String studyUid, String accession) {
        this.uid = uid;
        this.studyUid = studyUid;
        this.accession = accession;
    }

    Dataset radiograph(String seriesUid, short[] pixels) {
        Dataset ds = common(seriesUid, DX_SOP_CLASS, "DX", 1, DX_SERIES_DESCRIPTION, 1);
        ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY");
        ds.setString(PRESENTATION_INTENT_TYPE, VR.CS, "FOR PRESENTATION");
        ds.setSequence(ANATOMIC_REGION_SEQUENCE, List.of(code("51185008", "SCT", "Chest")));
        ds.setString(Tag.BodyPartExamined, VR.CS, "CHEST");
        ds.setString(Tag.KVP, VR.DS, "125");
        ds.setString(Tag.DistanceSourceToDetector, VR.DS, "1800");
        ds.setInt(Tag.ExposureTime, VR.IS, 8);
        ds.setInt(Tag.XRayTubeCurrent, VR.IS, 320);
        ds.setInt(Tag.Exposure, VR.IS, 3);
        ds.setDouble(Tag.ImagerPixelSpacing, VR.DS, ChestRadiographPhantom.SPACING_MM, ChestRadiographPhantom.SPACING_MM);
        ds.setString(Tag.ProtocolName, VR.LO, "Chest PA");
        ds.setString(Tag.ViewPosition, VR.CS, "PA");
        Dataset view = code("399348003", "SCT", "postero-anterior");
        view.setSequence(VIEW_MODIFIER_CODE_SEQUENCE, List.of());
        ds.setSequence(VIEW_CODE_SEQUENCE, List.of(view));
        ds.setString(POSITIONER_TYPE, VR.CS);
        ds.setString(DETECTOR_TYPE, VR.CS, "SCINTILLATOR");
        ds.setString(Tag.PatientOrientation, VR.CS, "L", "F");
        ds.setString(IMAGE_LATERALITY, VR.CS, "U");
        ds.setSequence(ACQUISITION_CONTEXT_SEQUENCE, List.of());
        int bits = ChestRadiographPhantom.BITS_STORED;
        pixelModule(ds, ChestRadiographPhantom.SIZE, bits, false);
        ds.setString(Tag.PixelIntensityRelationship, VR.CS, "LOG");
        ds.setInt(Tag.PixelIntensityRelationshipSign, VR.SS, -1);
        ds.setString(Tag.RescaleIntercept, VR.DS, "0");
        ds.setString(Tag.RescaleSlope, VR.DS, "1");
        ds.setString(Tag.RescaleType, VR.LO, "US");
        int[] window = percentileWindow(pixels);
        ds.setDouble(Tag.WindowCenter, VR.DS, window[0]);
        ds.setDouble(Tag.WindowWidth, VR.DS, window[1]);
        ds.setString(Tag.WindowCenterWidthExplanation, VR.LO, "DEFAULT");
        ds.setString(Tag.PresentationLUTShape, VR.CS, "IDENTITY");
        ds.setBytes(Tag.PixelData, VR.OW, toBytes(pixels));
        return ds;
    }

    Dataset ctSlice(String seriesUid, int number, double level, short[] pixels) {
        Dataset ds = common(seriesUid, CT_SOP_CLASS, "CT", 2, CT_SERIES_DESCRIPTION, number);
        ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.setString(Tag.BodyPartExamined, VR.CS, "CHEST");
        ds.setDouble(Tag.SliceThickness, VR.DS, DemoStudyGenerator.CT_SLICE_SPACING_MM);
        ds.setString(Tag.KVP, VR.DS, "120");
        ds.setDouble(Tag.SpacingBetweenSlices, VR.DS, DemoStudyGenerator.CT_SLICE_SPACING_MM);
        ds.setString(DATA_COLLECTION_DIAMETER, VR.DS, "500");
        ds.setString(Tag.ProtocolName, VR.LO, "Chest routine");
        ds.setDouble(Tag.ReconstructionDiameter, VR.DS, ChestCtPhantom.SIZE * ChestCtPhantom.SPACING_MM);
        ds.setString(GANTRY_DETECTOR_TILT, VR.DS, "0");
        ds.setString(TABLE_HEIGHT, VR.DS, "160");
        ds.setString(ROTATION_DIRECTION, VR.CS, "CW");
        ds.setInt(Tag.ExposureTime, VR.IS, 500);
        ds.setInt(Tag.XRayTubeCurrent, VR.IS, 180);
        ds.setInt(Tag.Exposure, VR.IS, 90);
        ds.setString(FILTER_TYPE, VR.SH, "BODY");
        ds.setString(Tag.ConvolutionKernel, VR.SH, "STANDARD");
        ds.setString(Tag.PatientPosition, VR.CS, "HFS");
        ds.setInt(Tag.AcquisitionNumber, VR.IS, 1);
        double half = (ChestCtPhantom.SIZE - 1) / 2.0 * ChestCtPhantom.SPACING_MM;
        ds.setDouble(Tag.ImagePositionPatient, VR.DS, -half, -half + ChestCtPhantom.BODY_OFFSET_Y_MM, -level);
        ds.setDouble(Tag.ImageOrientationPatient, VR.DS, 1, 0, 0, 0, 1, 0);
        ds.setString(Tag.FrameOfReferenceUID, VR.UI, uid.apply("frame-of-reference/CT"));
        ds.setString(Tag.PositionReferenceIndicator, VR.LO, "SN");
        ds.setDouble(Tag.SliceLocation, VR.DS, -level);
        pixelModule(ds, ChestCtPhantom.SIZE, 16, true);
        ds.setDouble(Tag.PixelSpacing, VR.DS, ChestCtPhantom.SPACING_MM, ChestCtPhantom.SPACING_MM);
        ds.setDouble(Tag.WindowCenter, VR.DS, 40, -600);
        ds.setDouble(Tag.WindowWidth, VR.DS, 400, 1500);
        ds.setString(Tag.WindowCenterWidthExplanation, VR.LO, "MEDIASTINUM", "LUNG");
        ds.setString(Tag.RescaleIntercept, VR.DS, "-1024");
        ds.setString(Tag.RescaleSlope, VR.DS, "1");
        ds.setString(Tag.RescaleType, VR.LO, "HU");
        ds.setBytes(Tag.PixelData, VR.OW, toBytes(pixels));
        return ds;
    }

    /** Patient, General Study, General Series, General Equipment, General Image and SOP Common attributes. */
    private Dataset common(String seriesUid, String sopClass, String modality, int seriesNumber,
            String seriesDescription, int instanceNumber) {
        String sopInstance = uid.apply("instance/" + modality + "/" + instanceNumber);
        Dataset ds = new Dataset();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.InstanceCreationDate, VR.DA, STUDY_DATE);
        ds.setString(Tag.InstanceCreationTime, VR.TM, "094500");
        ds.setString(Tag.SOPClassUID, VR.UI, sopClass);
        ds.setString(Tag.SOPInstanceUID, VR.UI, sopInstance);
        ds.setString(Tag.StudyDate, VR.DA, STUDY_DATE);
        ds.setString(Tag.SeriesDate, VR.DA, STUDY_DATE);
        ds.setString(Tag.AcquisitionDate, VR.DA, STUDY_DATE);
        ds.setString(Tag.ContentDate, VR.DA, STUDY_DATE);
        ds.setString(Tag.StudyTime, VR.TM, STUDY_TIME);
        String seriesTime = modality.equals("DX") ? "093200" : "093800";
        ds.setString(Tag.SeriesTime, VR.TM, seriesTime);
        ds.setString(Tag.AcquisitionTime, VR.TM, seriesTime);
        ds.setString(Tag.ContentTime, VR.TM, seriesTime);
        ds.setString(Tag.AccessionNumber, VR.SH, accession);
        ds.setString(Tag.Modality, VR.CS, modality);
        ds.setString(Tag.Manufacturer, VR.LO, "SecondLook");
        ds.setString(Tag.InstitutionName, VR.LO, "Synthetic Demo Hospital");
        ds.setString(Tag.ReferringPhysicianName, VR.PN);
        ds.setString(Tag.StationName, VR.SH, "SLDEMO");
        ds.setString(Tag.StudyDescription, VR.LO, DemoStudyGenerator.STUDY_DESCRIPTION);
        ds.setString(Tag.SeriesDescription, VR.LO, seriesDescription);
        ds.setString(Tag.ManufacturerModelName, VR.LO, "Synthetic phantom");
        ds.setString(Tag.PatientName, VR.PN, DemoStudyGenerator.PATIENT_NAME);
        ds.setString(Tag.PatientID, VR.LO, DemoStudyGenerator.PATIENT_ID);
        ds.setString(Tag.PatientBirthDate, VR.DA, "19700101");
        ds.setString(Tag.PatientSex, VR.CS, "O");
        ds.setString(Tag.PatientAge, VR.AS, "054Y");
        ds.setString(PATIENT_IDENTITY_REMOVED, VR.CS, "NO");
        ds.setString(Tag.DeviceSerialNumber, VR.LO, "SL-PHANTOM-1");
        ds.setString(Tag.SoftwareVersions, VR.LO, "secondlook-test-data 1");
        ds.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
        ds.setString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
        ds.setString(Tag.StudyID, VR.SH, "1");
        ds.setInt(Tag.SeriesNumber, VR.IS, seriesNumber);
        ds.setInt(Tag.InstanceNumber, VR.IS, instanceNumber);
        ds.setString(Tag.BurnedInAnnotation, VR.CS, "NO");
        ds.setString(Tag.LossyImageCompression, VR.CS, "00");
        return ds;
    }

    private static void pixelModule(Dataset ds, int size, int bitsStored, boolean signed) {
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.Rows, VR.US, size);
        ds.setInt(Tag.Columns, VR.US, size);
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, bitsStored);
        ds.setInt(Tag.HighBit, VR.US, bitsStored - 1);
        ds.setInt(Tag.PixelRepresentation, VR.US, signed ? 1 : 0);
    }

    private static Dataset code(String value, String scheme, String meaning) {
        Dataset item = new Dataset();
        item.setString(CODE_VALUE, VR.SH, value);
        item.setString(CODING_SCHEME_DESIGNATOR, VR.SH, scheme);
        item.setString(CODE_MEANING, VR.LO, meaning);
        return item;
    }

    /** A window spanning the 1st to 99.5th percentile of the (unsigned 16-bit) pixel values. */
    private static int[] percentileWindow(short[] pixels) {
        int[] histogram = new int[1 << 16];
        for (short p : pixels) {
            histogram[p & 0xFFFF]++;
        }
        int lo = valueAtRank(histogram, pixels.length / 100);
        int hi = valueAtRank(histogram, (int) (pixels.length * 0.995));
        return new int[] {(lo + hi) / 2, Math.max(1, hi - lo)};
    }

    private static int valueAtRank(int[] histogram, int rank) {
        int seen = 0;
        for (int v = 0; v < histogram.length; v++) {
            seen += histogram[v];
            if (seen > rank) {
                return v;
            }
        }
        return histogram.length - 1;
    }

    private static byte[] toBytes(short[] pixels) {
        ByteBuffer buf = ByteBuffer.allocate(pixels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buf.asShortBuffer().put(pixels);
        return buf.array();
    }
}
