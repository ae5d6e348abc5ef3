package io.secondlook.dicom.series;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.pixel.FramePlane;
import io.secondlook.dicom.pixel.PixelPipeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * Splits an enhanced multi-frame instance (per-frame functional groups) into one entry per frame, each with its
 * own plane and the stack it belongs to: its Stack ID from the Frame Content Sequence, else its orientation.
 * Segmentations are left whole: their frames are grouped by segment, not by stack.
 */
final class EnhancedStacks {
    private static final String SEGMENTATION = "1.2.840.10008.5.1.4.1.1.66.4";
    /** Orientations whose direction cosines agree this closely are one stack. */
    private static final double SAME_ORIENTATION = 1e-4;

    private EnhancedStacks() {
    }

    /**
     * One frame of a stack.
     *
     * @param stackId the Stack ID, or null when the frame has none
     * @param inStackPosition In-Stack Position Number, or {@link Integer#MAX_VALUE} when absent
     */
    record StackFrame(DicomInstance entry, String stackId, int inStackPosition) {
    }

    /**
     * The frames of {@code instance}, or an empty list when it is not an enhanced multi-frame object whose
     * frames each give a Stack ID or a plane (position and orientation).
     */
    static List<StackFrame> frames(DicomInstance instance, Dataset header) {
        List<Dataset> perFrame = header.getSequence(Tag.PerFrameFunctionalGroupsSequence);
        int frames = instance.frames();
        if (frames < 2 || perFrame.size() < frames || SEGMENTATION.equals(instance.sopClassUid())) {
            return List.of();
        }
        List<StackFrame> out = new ArrayList<>(frames);
        for (int k = 0; k < frames; k++) {
            FramePlane plane = PixelPipeline.framePlane(header, k);
            List<Dataset> content = perFrame.get(k).getSequence(Tag.FrameContentSequence);
            String stackId = content.isEmpty() ? null : content.get(0).getString(Tag.StackID);
            int inStack = content.isEmpty() ? Integer.MAX_VALUE
                    : content.get(0).getInt(Tag.InStackPositionNumber, Integer.MAX_VALUE);
            boolean hasPlane = plane.position() != null && plane.orientation() != null;
            if (stackId == null && !hasPlane) {
                return List.of();
            }
            DicomInstance entry = new DicomInstance(instance.path(), instance.sopInstanceUid(), instance.sopClassUid(),
                    instance.transferSyntaxUid(), instance.instanceNumber(), instance.rows(), instance.columns(), 1,
                    plane.position(), plane.orientation(), k);
            out.add(new StackFrame(entry, stackId == null || stackId.isBlank() ? null : stackId.trim(), inStack));
        }
        return out;
    }

    /** A stack: its label and its frames in In-Stack Position order (then file order). */
    record Stack(String label, List<DicomInstance> entries) {
    }

    /**
     * Groups frames (of one or more instances of a series) into stacks: by Stack ID where a frame has one, else by
     * orientation. Stacks come in order of their first frame.
     */
    static List<Stack> group(List<StackFrame> frames) {
        List<String> keys = new ArrayList<>();
        List<double[]> orientations = new ArrayList<>();
        List<List<StackFrame>> members = new ArrayList<>();
        for (StackFrame f : frames) {
            int index = -1;
            for (int i = 0; i < keys.size() && index < 0; i++) {
                boolean same = f.stackId() != null ? f.stackId().equals(keys.get(i))
                        : keys.get(i) == null && sameOrientation(orientations.get(i), f.entry().imageOrientation());
                if (same) {
                    index = i;
                }
            }
            if (index < 0) {
                keys.add(f.stackId());
                orientations.add(f.entry().imageOrientation());
                members.add(new ArrayList<>());
                index = keys.size() - 1;
            }
            members.get(index).add(f);
        }
        List<Stack> stacks = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            List<StackFrame> m = members.get(i);
            m.sort(Comparator.comparingInt(StackFrame::inStackPosition));
            String label = keys.get(i) != null ? "Stack " + keys.get(i) : orientationName(orientations.get(i));
            stacks.add(new Stack(label, m.stream().map(StackFrame::entry).toList()));
        }
        return distinctLabels(stacks);
    }

    /** Numbers stacks that would share a label (two axial stacks: "Axial 1", "Axial 2"). */
    private static List<Stack> distinctLabels(List<Stack> stacks) {
        Map<String, Integer> total = new HashMap<>();
        stacks.forEach(s -> total.merge(s.label(), 1, Integer::sum));
        Map<String, Integer> seen = new HashMap<>();
        List<Stack> out = new ArrayList<>();
        for (Stack s : stacks) {
            int n = seen.merge(s.label(), 1, Integer::sum);
            out.add(total.get(s.label()) > 1 ? new Stack(s.label() + " " + n, s.entries()) : s);
        }
        return out;
    }

    private static boolean sameOrientation(double[] a, double[] b) {
        if (a == null || b == null) {
            return a == b;
        }
        for (int k = 0; k < 6; k++) {
            if (Math.abs(a[k] - b[k]) > SAME_ORIENTATION) {
                return false;
            }
        }
        return true;
    }

    /** Axial, coronal or sagittal by the slice normal's main axis, oblique when none dominates. */
    static String orientationName(double[] orientation) {
        if (orientation == null) {
            return "Unknown orientation";
        }
        double[] n = SeriesAssembler.normal(orientation);
        double x = Math.abs(n[0]);
        double y = Math.abs(n[1]);
        double z = Math.abs(n[2]);
        double max = Math.max(x, Math.max(y, z));
        if (max < 0.8) {
            return "Oblique";
        }
        return max == z ? "Axial" : max == y ? "Coronal" : "Sagittal";
    }
}
