package io.secondlook.inference.volume;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.pixel.FramePlane;
import io.secondlook.dicom.pixel.GrayscaleFrame;
import io.secondlook.dicom.pixel.PixelPipeline;
import io.secondlook.dicom.series.DicomInstance;
import io.secondlook.dicom.series.DicomSeries;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Stacks a sorted series of single-frame images (CT, MR, PET...), or one stack of an enhanced multi-frame object
 * as the series assembler splits it, into a {@link Volume} in modality units. Voxel
 * axis i runs along a row (Image Orientation's first vector), j down the columns, k through the series in its
 * sorted order; the affine comes from Image Position/Orientation (Patient) and Pixel Spacing. Series whose slices
 * differ in size or orientation, or are not evenly spaced, are refused with the reason: a volume model would
 * otherwise see a distorted anatomy.
 */
public final class DicomVolumeLoader {

    /** Largest deviation of one slice step from the mean step, in mm, before the series counts as uneven. */
    private static final double POSITION_TOLERANCE_MM = 0.01;
    private static final double ORIENTATION_TOLERANCE = 1e-4;

    private DicomVolumeLoader() {
    }

    public static Volume load(DicomSeries series) throws DicomException {
        return load(series, done -> { }, () -> false);
    }

    /**
     * @param slicesDone called after each slice with the number read so far
     * @param cancelled polled before each slice; a cancelled load throws {@link CancellationException}
     */
    public static Volume load(DicomSeries series, IntConsumer slicesDone, BooleanSupplier cancelled)
            throws DicomException {
        List<DicomInstance> instances = series.instances();
        String name = "series " + series.seriesNumber() + " (" + series.modality() + ", " + instances.size()
                + " images)";
        if (instances.isEmpty()) {
            throw new DicomException(name + " has no images");
        }
        DicomInstance first = instances.get(0);
        int rows = first.rows();
        int columns = first.columns();
        double[] orientation = first.imageOrientation();
        for (DicomInstance in : instances) {
            if (in.frames() > 1) {
                throw new DicomException(in.path() + ": multi-frame image in " + name
                        + "; only single-frame series can be stacked");
            }
            if (in.rows() != rows || in.columns() != columns) {
                throw new DicomException(in.path() + ": " + in.columns() + "x" + in.rows() + " pixels, but " + name
                        + " starts with " + columns + "x" + rows);
            }
            if (instances.size() > 1 && (in.imagePosition() == null || in.imageOrientation() == null)) {
                throw new DicomException(in.path() + ": no Image Position/Orientation (Patient); " + name
                        + " cannot be stacked into a volume");
            }
            if (orientation != null && !close(orientation, in.imageOrientation(), ORIENTATION_TOLERANCE)) {
                throw new DicomException(in.path() + ": Image Orientation differs from the first image of " + name);
            }
        }
        int sliceSize = rows * columns;
        Dataset firstDataset = null;
        float[] values = new float[Math.multiplyExact(sliceSize, instances.size())];
        FramePlane firstPlane = null;
        DicomFile file = null;
        for (int k = 0; k < instances.size(); k++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("Loading " + name + " cancelled");
            }
            DicomInstance instance = instances.get(k);
            if (file == null || !instance.path().equals(file.source())) {
                file = DicomReader.read(instance.path()); // a stack's frames share one file
            }
            GrayscaleFrame frame = PixelPipeline.grayscale(file, instance.fileFrame(0));
            if (frame.width() != columns || frame.height() != rows) {
                throw new DicomException(file.source() + ": decoded " + frame.width() + "x" + frame.height()
                        + " pixels, the header says " + columns + "x" + rows);
            }
            System.arraycopy(frame.values(), 0, values, k * sliceSize, sliceSize);
            if (firstPlane == null) {
                firstPlane = PixelPipeline.framePlane(file, instance.fileFrame(0));
                firstDataset = file.dataset();
            }
            slicesDone.accept(k + 1);
        }
        return new Volume(columns, rows, instances.size(), values, affine(instances, firstDataset, firstPlane, name),
                name);
    }

    /** Pixel spacing and slice thickness from the first frame's plane: functional groups for enhanced objects. */
    private static Affine affine(List<DicomInstance> instances, Dataset ds, FramePlane plane, String name)
            throws DicomException {
        double[] spacing = plane.pixelSpacing() != null ? plane.pixelSpacing() : new double[0];
        if (spacing.length < 2) {
            spacing = ds.getDoubles(Tag.ImagerPixelSpacing);
        }
        double rowSpacing = spacing.length >= 2 && spacing[0] > 0 ? spacing[0] : 1;
        double columnSpacing = spacing.length >= 2 && spacing[1] > 0 ? spacing[1] : 1;
        double[] o = instances.get(0).imageOrientation();
        double[] rowDir = o == null ? new double[] {1, 0, 0} : new double[] {o[0], o[1], o[2]};
        double[] colDir = o == null ? new double[] {0, 1, 0} : new double[] {o[3], o[4], o[5]};
        double[] origin = instances.get(0).imagePosition() == null ? new double[3]
                : instances.get(0).imagePosition().clone();
        int n = instances.size();
        double[] step;
        if (n == 1) {
            double thickness = Double.isNaN(plane.sliceThickness()) ? ds.getDouble(Tag.SliceThickness, 1)
                    : plane.sliceThickness();
            step = scale(cross(rowDir, colDir), thickness > 0 ? thickness : 1);
        } else {
            double[] last = instances.get(n - 1).imagePosition();
            step = scale(minus(last, origin), 1.0 / (n - 1));
            if (Affine.norm(step) < POSITION_TOLERANCE_MM) {
                throw new DicomException(name + ": all images share one position; not a volume");
            }
            for (int k = 1; k < n; k++) {
                double[] expected = plus(origin, scale(step, k));
                double[] actual = instances.get(k).imagePosition();
                if (Affine.norm(minus(actual, expected)) > POSITION_TOLERANCE_MM + 0.01 * Affine.norm(step)) {
                    throw new DicomException(instances.get(k).path() + ": slice " + (k + 1) + " of " + name
                            + " is not evenly spaced (missing or duplicate slices?)");
                }
            }
        }
        return Affine.fromLps(scale(rowDir, columnSpacing), scale(colDir, rowSpacing), step, origin);
    }

    private static boolean close(double[] a, double[] b, double tolerance) {
        if (a == null || b == null) {
            return a == b;
        }
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] scale(double[] v, double s) {
        return new double[] {v[0] * s, v[1] * s, v[2] * s};
    }

    private static double[] minus(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double[] plus(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }
}
