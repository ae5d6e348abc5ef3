package io.secondlook.dicom.series;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.Tag;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Groups indexed instances by patient, study and Series Instance UID, and sorts each series along its slice
 * normal (the cross product of the row and column directions), falling back to Instance Number. Enhanced
 * multi-frame instances are split frame by frame into stacks ({@link EnhancedStacks}), each its own entry sorted
 * the same way. Irregular stacks are reported on their entry: gaps, duplicate positions, mixed orientations and
 * mixed image sizes.
 */
public final class SeriesAssembler {
    /** Relative deviation from the median slice spacing that counts as a gap. */
    static final double GAP_TOLERANCE = 0.10;
    /** Positions closer than this (mm) are the same position. */
    static final double SAME_POSITION_MM = 1e-3;
    private static final double SAME_ORIENTATION = 1e-4;

    private SeriesAssembler() {
    }

    /** The index entry of one file. */
    public static DicomInstance instanceOf(Path path, DicomFile file) {
        Dataset ds = file.dataset();
        double[] position = ds.getDoubles(Tag.ImagePositionPatient);
        double[] orientation = ds.getDoubles(Tag.ImageOrientationPatient);
        return new DicomInstance(path, file.sopInstanceUid(), file.sopClassUid(), file.transferSyntaxUid(),
                ds.getInt(Tag.InstanceNumber, 0), ds.getInt(Tag.Rows, 0), ds.getInt(Tag.Columns, 0),
                Math.max(1, ds.getInt(Tag.NumberOfFrames, 1)),
                position.length == 3 ? position : null, orientation.length == 6 ? orientation : null);
    }

    /** Patients, studies and series from instances and their headers (same order, same length). */
    public static List<DicomPatient> assemble(List<DicomInstance> instances, List<Dataset> headers) {
        Map<String, PatientBuilder> patients = new LinkedHashMap<>();
        for (int i = 0; i < instances.size(); i++) {
            Dataset ds = headers.get(i);
            String patientId = ds.getString(Tag.PatientID, "");
            String issuer = ds.getString(Tag.IssuerOfPatientID, "");
            PatientBuilder p = patients.computeIfAbsent(patientId + "\u0000" + issuer, k -> new PatientBuilder(ds));
            StudyBuilder s = p.studies.computeIfAbsent(ds.getString(Tag.StudyInstanceUID, "(no study UID)"), k -> new StudyBuilder(ds));
            SeriesBuilder series = s.series.computeIfAbsent(ds.getString(Tag.SeriesInstanceUID), k -> new SeriesBuilder(ds));
            series.add(instances.get(i), ds);
        }
        List<DicomPatient> out = new ArrayList<>();
        for (PatientBuilder p : patients.values()) {
            List<DicomStudy> studies = new ArrayList<>();
            for (StudyBuilder s : p.studies.values()) {
                List<DicomSeries> series = s.series.values().stream().flatMap(b -> b.build().stream())
                        .sorted(Comparator.comparingInt(DicomSeries::seriesNumber)).toList();
                studies.add(new DicomStudy(s.uid, s.date, s.time, s.description, s.accession, series));
            }
            studies.sort(Comparator.comparing(DicomStudy::date).reversed());
            out.add(new DicomPatient(p.id, p.issuer, p.name, p.birthDate, p.sex, studies));
        }
        out.sort(Comparator.comparing(DicomPatient::name, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    /** Sorts a series' instances and lists what is irregular about the stack. */
    static Sorted sort(List<DicomInstance> instances) {
        List<String> warnings = new ArrayList<>();
        List<DicomInstance> byNumber = new ArrayList<>(instances);
        byNumber.sort(Comparator.comparingInt(DicomInstance::instanceNumber));
        boolean sizesDiffer = instances.stream().map(i -> i.rows() + "x" + i.columns()).distinct().count() > 1;
        if (sizesDiffer) {
            warnings.add("Mixed image sizes: " + instances.stream().map(i -> i.columns() + "x" + i.rows()).distinct().sorted().toList());
        }
        boolean geometry = instances.stream().allMatch(i -> i.imagePosition() != null && i.imageOrientation() != null);
        if (!geometry || instances.size() < 2) {
            return new Sorted(byNumber, warnings);
        }
        double[] o = instances.get(0).imageOrientation();
        boolean orientationsDiffer = instances.stream().anyMatch(i -> !sameOrientation(o, i.imageOrientation()));
        if (orientationsDiffer) {
            warnings.add("Mixed orientations: the series is not one stack; shown in instance order");
            return new Sorted(byNumber, warnings);
        }
        double[] normal = normal(o);
        List<DicomInstance> sorted = new ArrayList<>(byNumber);
        sorted.sort(Comparator.comparingDouble(i -> dot(normal, i.imagePosition())));
        double[] spacing = new double[sorted.size() - 1];
        for (int k = 0; k < spacing.length; k++) {
            spacing[k] = dot(normal, sorted.get(k + 1).imagePosition()) - dot(normal, sorted.get(k).imagePosition());
        }
        int duplicates = 0;
        for (double d : spacing) {
            if (Math.abs(d) < SAME_POSITION_MM) {
                duplicates++;
            }
        }
        if (duplicates > 0) {
            warnings.add(String.format(Locale.ROOT, "Duplicate positions: %d slice(s) share a position with another", duplicates));
        }
        double median = median(Arrays.stream(spacing).filter(d -> Math.abs(d) >= SAME_POSITION_MM).toArray());
        if (median > 0) {
            for (int k = 0; k < spacing.length; k++) {
                if (Math.abs(spacing[k]) >= SAME_POSITION_MM && Math.abs(spacing[k] - median) > GAP_TOLERANCE * median) {
                    warnings.add(String.format(Locale.ROOT, "Gap: %.2f mm between slices %d and %d (typical spacing %.2f mm)",
                            spacing[k], k + 1, k + 2, median));
                }
            }
        }
        return new Sorted(sorted, warnings);
    }

    record Sorted(List<DicomInstance> instances, List<String> warnings) {
    }

    static double[] normal(double[] o) {
        return new double[] {
            o[1] * o[5] - o[2] * o[4],
            o[2] * o[3] - o[0] * o[5],
            o[0] * o[4] - o[1] * o[3]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static boolean sameOrientation(double[] a, double[] b) {
        for (int k = 0; k < 6; k++) {
            if (Math.abs(a[k] - b[k]) > SAME_ORIENTATION) {
                return false;
            }
        }
        return true;
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static final class PatientBuilder {
        final String id;
        final String issuer;
        final String name;
        final String birthDate;
        final String sex;
        final Map<String, StudyBuilder> studies = new LinkedHashMap<>();

        PatientBuilder(Dataset ds) {
            id = ds.getString(Tag.PatientID, "");
            issuer = ds.getString(Tag.IssuerOfPatientID, "");
            name = ds.getString(Tag.PatientName, "");
            birthDate = ds.getString(Tag.PatientBirthDate, "");
            sex = ds.getString(Tag.PatientSex, "");
        }
    }

    private static final class StudyBuilder {
        final String uid;
        final String date;
        final String time;
        final String description;
        final String accession;
        final Map<String, SeriesBuilder> series = new LinkedHashMap<>();

        StudyBuilder(Dataset ds) {
            uid = ds.getString(Tag.StudyInstanceUID, "(no study UID)");
            date = ds.getString(Tag.StudyDate, "");
            time = ds.getString(Tag.StudyTime, "");
            description = ds.getString(Tag.StudyDescription, "");
            accession = ds.getString(Tag.AccessionNumber, "");
        }
    }

    private static final class SeriesBuilder {
        final String uid;
        final String modality;
        final int number;
        final String description;
        final String bodyPart;
        /** Whole files: classic images, and multi-frame objects without stacks. */
        final List<DicomInstance> instances = new ArrayList<>();
        final List<EnhancedStacks.StackFrame> stackFrames = new ArrayList<>();

        SeriesBuilder(Dataset ds) {
            uid = ds.getString(Tag.SeriesInstanceUID);
            modality = ds.getString(Tag.Modality, "OT");
            number = ds.getInt(Tag.SeriesNumber, 0);
            description = ds.getString(Tag.SeriesDescription, "");
            bodyPart = ds.getString(Tag.BodyPartExamined, "");
        }

        void add(DicomInstance instance, Dataset header) {
            List<EnhancedStacks.StackFrame> frames = EnhancedStacks.frames(instance, header);
            if (frames.isEmpty()) {
                instances.add(instance);
            } else {
                stackFrames.addAll(frames);
            }
        }

        /** One entry, or, with enhanced multi-frame stacks, one per stack (after the whole files, if any). */
        List<DicomSeries> build() {
            if (stackFrames.isEmpty()) {
                return List.of(entry(instances, ""));
            }
            List<DicomSeries> out = new ArrayList<>();
            if (!instances.isEmpty()) {
                out.add(entry(instances, "Other images"));
            }
            List<EnhancedStacks.Stack> stacks = EnhancedStacks.group(stackFrames);
            for (EnhancedStacks.Stack stack : stacks) {
                out.add(entry(stack.entries(), out.isEmpty() && stacks.size() == 1 ? "" : stack.label()));
            }
            return out;
        }

        private DicomSeries entry(List<DicomInstance> members, String stack) {
            Sorted sorted = sort(members);
            return new DicomSeries(uid, modality, number, description, bodyPart, sorted.instances(), sorted.warnings(),
                    stack);
        }
    }
}
