package io.secondlook.dicom.series;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a DICOMDIR (PS3.10 Media Storage Directory) into its record tree. Records are linked through Offset of
 * the Next Directory Record and Offset of Referenced Lower-Level Directory Entity; records those offsets do not
 * reach (offsets missing or wrong) are placed by their order in the file under the nearest preceding record of a
 * higher level, as readers of old media do. Referenced File IDs resolve against the DICOMDIR's folder, case
 * insensitively when the exact name does not exist (media written on case-insensitive systems).
 */
public final class DicomdirReader {
    private static final int ROOT_OFFSET = 0x00041200;
    private static final int RECORD_SEQUENCE = 0x00041220;
    private static final int NEXT_OFFSET = 0x00041400;
    private static final int LOWER_OFFSET = 0x00041420;
    private static final int RECORD_TYPE = 0x00041430;
    private static final int REFERENCED_FILE_ID = 0x00041500;
    /** DICOMDIRs describe files; one larger than this is not one. */
    private static final long MAX_SIZE = 256L << 20;

    private DicomdirReader() {
    }

    public static Dicomdir read(Path dicomdir) throws DicomException {
        byte[] bytes;
        try {
            long size = Files.size(dicomdir);
            if (size > MAX_SIZE) {
                throw new DicomException(dicomdir + ": " + size + " bytes is too large for a DICOMDIR");
            }
            bytes = Files.readAllBytes(dicomdir);
        } catch (IOException e) {
            throw new DicomException(dicomdir + ": cannot read: " + e.getMessage(), e);
        }
        return read(bytes, dicomdir);
    }

    /** Reads DICOMDIR bytes; referenced files resolve against the folder of {@code path} (which need not exist). */
    public static Dicomdir read(byte[] bytes, Path path) throws DicomException {
        DicomFile file;
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            file = DicomReader.read(in, path.toString(), DicomReader.ReadOptions.DEFAULT);
        } catch (IOException e) {
            throw new DicomException(path + ": cannot read: " + e.getMessage(), e);
        }
        if (!file.dataset().contains(RECORD_SEQUENCE)) {
            throw new DicomException(path + ": not a DICOMDIR (no Directory Record Sequence)");
        }
        List<Dataset> items = file.dataset().getSequence(RECORD_SEQUENCE);
        List<String> warnings = new ArrayList<>(file.warnings());
        long[] offsets = DirectoryRecordOffsets.find(bytes);
        if (offsets != null && offsets.length != items.size()) {
            offsets = null;
        }
        if (offsets == null && !items.isEmpty()) {
            warnings.add("Record offsets could not be located; records are linked by their order");
        }
        Path folder = path.toAbsolutePath().getParent();
        return new Dicomdir(path, new TreeBuilder(items, offsets, folder, warnings)
                .build(file.dataset().getDoubles(ROOT_OFFSET)), warnings);
    }

    /** Hierarchy rank of a record type for linking by order: lower ranks contain higher ones. */
    private static int rank(String type) {
        return switch (type) {
            case "PATIENT" -> 0;
            case "STUDY" -> 1;
            case "SERIES" -> 2;
            default -> 3;
        };
    }

    private static final class TreeBuilder {
        private final List<Dataset> items;
        private final long[] offsets;
        private final Path folder;
        private final List<String> warnings;
        private final Map<Long, Integer> indexByOffset = new HashMap<>();
        private final List<List<Integer>> children = new ArrayList<>();
        private final boolean[] placed;

        TreeBuilder(List<Dataset> items, long[] offsets, Path folder, List<String> warnings) {
            this.items = items;
            this.offsets = offsets;
            this.folder = folder;
            this.warnings = warnings;
            this.placed = new boolean[items.size()];
            for (int i = 0; i < items.size(); i++) {
                children.add(new ArrayList<>());
                if (offsets != null) {
                    indexByOffset.put(offsets[i], i);
                }
            }
        }

        List<DirectoryRecord> build(double[] rootOffset) {
            List<Integer> roots = new ArrayList<>();
            if (offsets != null) {
                boolean[] referenced = referencedRecords();
                Integer declared = rootOffset.length > 0 ? indexByOffset.get((long) rootOffset[0]) : null;
                if (declared != null && !referenced[declared]) {
                    roots.addAll(chain(declared, 0));
                } else if (!items.isEmpty()) {
                    warnings.add("Offset of the First Directory Record of the Root Directory Entity does not point at a root record");
                }
                // Chains no record points to are further root-level entities (a damaged or missing root link).
                for (int i = 0; i < items.size(); i++) {
                    if (!placed[i] && !referenced[i]) {
                        roots.addAll(chain(i, 0));
                    }
                }
            }
            int byOrder = 0;
            for (int i = 0; i < items.size(); i++) {
                if (!placed[i]) {
                    byOrder++;
                    placed[i] = true;
                    int parent = precedingHigherLevel(i);
                    if (parent < 0) {
                        roots.add(i);
                    } else {
                        children.get(parent).add(i);
                    }
                }
            }
            if (byOrder > 0 && offsets != null) {
                warnings.add(byOrder + " directory record(s) not reached through the record offsets; placed by their order");
            }
            List<DirectoryRecord> out = new ArrayList<>();
            for (int r : roots) {
                out.add(record(r, 0));
            }
            return out;
        }

        /** Records that another record names as its next or lower-level record. */
        private boolean[] referencedRecords() {
            boolean[] referenced = new boolean[items.size()];
            for (Dataset item : items) {
                for (int tag : new int[] {NEXT_OFFSET, LOWER_OFFSET}) {
                    Integer target = indexByOffset.get((long) item.getDouble(tag, 0));
                    if (target != null) {
                        referenced[target] = true;
                    }
                }
            }
            return referenced;
        }

        /** The records of one level: {@code start} and the ones its Next offsets lead to, with their lower levels. */
        private List<Integer> chain(int start, int depth) {
            List<Integer> out = new ArrayList<>();
            Integer index = start;
            while (index != null && !placed[index]) {
                placed[index] = true;
                out.add(index);
                Dataset item = items.get(index);
                Integer lower = indexByOffset.get((long) item.getDouble(LOWER_OFFSET, 0));
                if (lower != null && depth < 16) {
                    children.get(index).addAll(chain(lower, depth + 1));
                }
                index = indexByOffset.get((long) item.getDouble(NEXT_OFFSET, 0));
            }
            return out;
        }

        private int precedingHigherLevel(int i) {
            int rank = rank(type(i));
            for (int j = i - 1; j >= 0; j--) {
                if (rank(type(j)) < rank) {
                    return j;
                }
            }
            return -1;
        }

        private String type(int i) {
            return items.get(i).getString(RECORD_TYPE, "UNKNOWN").toUpperCase(Locale.ROOT);
        }

        private DirectoryRecord record(int i, int depth) {
            List<DirectoryRecord> kids = new ArrayList<>();
            if (depth < 16) {
                for (int c : children.get(i)) {
                    kids.add(record(c, depth + 1));
                }
            }
            Dataset item = items.get(i);
            return new DirectoryRecord(type(i), offsets == null ? -1 : offsets[i], item, resolve(item), kids);
        }

        private Path resolve(Dataset item) {
            String[] parts = item.getStrings(REFERENCED_FILE_ID);
            if (parts.length == 0 || folder == null) {
                return null;
            }
            Path exact = folder;
            for (String part : parts) {
                if (part.isEmpty() || part.equals("..") || part.equals(".") || part.contains("/") || part.contains("\\")) {
                    warnings.add("Referenced File ID " + String.join("\\", parts) + " is not a relative file ID; ignored");
                    return null;
                }
                exact = exact.resolve(part);
            }
            if (Files.exists(exact)) {
                return exact;
            }
            Path found = folder;
            for (String part : parts) {
                found = caseInsensitiveChild(found, part);
                if (found == null) {
                    warnings.add("Referenced file " + String.join("\\", parts) + " does not exist");
                    return exact;
                }
            }
            return found;
        }
    }

    private static Path caseInsensitiveChild(Path dir, String name) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().equalsIgnoreCase(name)) {
                    return entry;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** Whether a file name is the standard DICOMDIR name (any case). */
    public static boolean isDicomdirName(Path file) {
        return file.getFileName() != null && file.getFileName().toString().equalsIgnoreCase("DICOMDIR");
    }
}
