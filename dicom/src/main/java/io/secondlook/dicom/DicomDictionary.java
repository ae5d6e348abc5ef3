package io.secondlook.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The standard data dictionary (PS3.6): keyword, VR(s), VM and name of every standard attribute, including
 * repeating groups such as 60xx and 50xx. Generated from pydicom's dictionary by
 * {@code dicom/tools/generate_dictionary.py} into {@code dictionary.tsv}; loaded once, on first use.
 */
public final class DicomDictionary {

    /**
     * One attribute. {@code vrs} is the dictionary text, e.g. "US or SS"; {@link #vr()} is its first VR.
     */
    public record Entry(int tag, String vrs, String vm, String keyword, String name, boolean retired) {
        public VR vr() {
            String first = vrs.length() >= 2 ? vrs.substring(0, 2) : "";
            VR vr = first.length() == 2 ? VR.fromCode(first.charAt(0), first.charAt(1)) : null;
            return vr == null ? VR.UN : vr;
        }
    }

    private record Repeater(int mask, int value, Entry entry) {
    }

    private static final class Holder {
        static final Map<Integer, Entry> BY_TAG = new HashMap<>(8192);
        static final Map<String, Entry> BY_KEYWORD = new HashMap<>(8192);
        static final List<Repeater> REPEATERS = new ArrayList<>();

        static {
            try (InputStream in = DicomDictionary.class.getResourceAsStream("dictionary.tsv")) {
                if (in == null) {
                    throw new IllegalStateException("dictionary.tsv is missing from the dicom module");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    add(line.split("\t", -1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot load the DICOM dictionary", e);
            }
        }

        private static void add(String[] f) {
            String pattern = f[0];
            int mask = 0;
            int value = 0;
            for (int i = 0; i < 8; i++) {
                char c = pattern.charAt(i);
                mask <<= 4;
                value <<= 4;
                if (c != 'x') {
                    mask |= 0xF;
                    value |= Character.digit(c, 16);
                }
            }
            Entry entry = new Entry(value, f[1], f[2], f[3], f[4], f.length > 5 && "R".equals(f[5]));
            if (mask == -1) {
                BY_TAG.put(value, entry);
            } else {
                REPEATERS.add(new Repeater(mask, value, entry));
            }
            if (!entry.keyword().isEmpty()) {
                BY_KEYWORD.putIfAbsent(entry.keyword(), entry);
            }
        }
    }

    private DicomDictionary() {
    }

    /** The entry for a tag (repeating groups resolved), or empty for private and unknown tags. */
    public static Optional<Entry> lookup(int tag) {
        Entry e = Holder.BY_TAG.get(tag);
        if (e != null) {
            return Optional.of(e);
        }
        if (Tag.isPrivate(tag)) {
            return Optional.empty();
        }
        for (Repeater r : Holder.REPEATERS) {
            if ((tag & r.mask()) == r.value()) {
                Entry re = r.entry();
                return Optional.of(new Entry(tag, re.vrs(), re.vm(), re.keyword(), re.name(), re.retired()));
            }
        }
        return Optional.empty();
    }

    /** The VR to use when the encoding does not say (implicit VR): group lengths UL, private creators LO, unknown UN. */
    public static VR vrOf(int tag) {
        if (Tag.element(tag) == 0x0000) {
            return VR.UL;
        }
        if (Tag.isPrivate(tag)) {
            int element = Tag.element(tag);
            return element >= 0x0010 && element <= 0x00FF ? VR.LO : VR.UN;
        }
        return lookup(tag).map(Entry::vr).orElse(VR.UN);
    }

    /** The keyword (e.g. "PatientName") as dcmdump prints it; "PrivateCreator" or "Unknown Tag &amp; Data" otherwise. */
    public static String keyword(int tag) {
        Optional<Entry> e = lookup(tag);
        if (e.isPresent() && !e.get().keyword().isEmpty()) {
            return e.get().keyword();
        }
        if (Tag.element(tag) == 0x0000) {
            return "GenericGroupLength";
        }
        if (Tag.isPrivate(tag) && Tag.element(tag) >= 0x0010 && Tag.element(tag) <= 0x00FF) {
            return "PrivateCreator";
        }
        return "Unknown Tag & Data";
    }

    /** The tag of a keyword, e.g. "PatientName" gives 0x00100010. Repeating-group keywords give their base group. */
    public static OptionalInt tagOf(String keyword) {
        Entry e = Holder.BY_KEYWORD.get(keyword);
        return e == null ? OptionalInt.empty() : OptionalInt.of(e.tag());
    }
}
