package io.secondlook.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An ordered set of data elements, keyed by tag. Binary values are kept little-endian and text values as the
 * bytes found in the file, decoded on access with this dataset's Specific Character Set (inherited by items).
 */
public final class Dataset {
    private final TreeMap<Integer, DicomElement> elements = new TreeMap<>(Integer::compareUnsigned);
    private SpecificCharacterSet inheritedCharset = SpecificCharacterSet.DEFAULT;

    public Dataset() {
    }

    /** A deep copy: nested item datasets are copied too, value bytes are shared. */
    public Dataset copy() {
        Dataset copy = new Dataset();
        copy.inheritedCharset = inheritedCharset;
        for (DicomElement e : elements.values()) {
            if (e.isSequence()) {
                List<Dataset> items = new ArrayList<>();
                for (Dataset item : e.items()) {
                    items.add(item.copy());
                }
                copy.put(new DicomElement(e.tag(), e.vr(), items));
            } else {
                copy.put(e);
            }
        }
        return copy;
    }

    // ---- elements ---------------------------------------------------------------------------------------------

    public void put(DicomElement element) {
        elements.put(element.tag(), element);
    }

    public DicomElement get(int tag) {
        return elements.get(tag);
    }

    public Optional<DicomElement> find(int tag) {
        return Optional.ofNullable(elements.get(tag));
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    public DicomElement remove(int tag) {
        return elements.remove(tag);
    }

    /** Elements in ascending tag order. */
    public Collection<DicomElement> elements() {
        return elements.values();
    }

    public int size() {
        return elements.size();
    }

    public boolean isEmpty() {
        return elements.isEmpty();
    }

    // ---- character set ----------------------------------------------------------------------------------------

    /** The character set for text in this dataset: its own (0008,0005) or the one inherited from its parent. */
    public SpecificCharacterSet charset() {
        DicomElement own = elements.get(Tag.SpecificCharacterSet);
        if (own == null) {
            return inheritedCharset;
        }
        return SpecificCharacterSet.of(splitValues(new String(own.bytes(), StandardCharsets.US_ASCII)));
    }

    /** Sets the character set items inherit from their enclosing dataset. */
    public void inheritCharset(SpecificCharacterSet charset) {
        this.inheritedCharset = charset == null ? SpecificCharacterSet.DEFAULT : charset;
    }

    // ---- typed getters ----------------------------------------------------------------------------------------

    /** The first value as text, trimmed of padding, or null when absent or empty. */
    public String getString(int tag) {
        String[] values = getStrings(tag);
        return values.length == 0 ? null : values[0];
    }

    public String getString(int tag, String defaultValue) {
        String s = getString(tag);
        return s == null || s.isEmpty() ? defaultValue : s;
    }

    /** All values as text. Binary VRs are formatted as numbers; AT as (gggg,eeee). */
    public String[] getStrings(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.isSequence() || e.isEncapsulated()) {
            return new String[0];
        }
        byte[] bytes = e.bytes();
        if (bytes.length == 0) {
            return new String[0];
        }
        if (e.vr().isText()) {
            String text = e.vr().usesSpecificCharacterSet()
                    ? charset().decode(bytes, e.vr() == VR.PN)
                    : new String(bytes, StandardCharsets.ISO_8859_1);
            if (e.vr() == VR.LT || e.vr() == VR.ST || e.vr() == VR.UT || e.vr() == VR.UR) {
                return new String[] {stripTrailing(text)};
            }
            return splitValues(text);
        }
        return formatBinary(e);
    }

    public int getInt(int tag, int defaultValue) {
        int[] values = getInts(tag);
        return values.length == 0 ? defaultValue : values[0];
    }

    /** Integer values of US, SS, UL, SL or IS (and DS values rounded); unparsable text values are skipped. */
    public int[] getInts(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.isSequence() || e.isEncapsulated()) {
            return new int[0];
        }
        ByteBuffer buf = ByteBuffer.wrap(e.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        return switch (e.vr()) {
            case US -> readAll(buf, 2, b -> b.getShort() & 0xFFFF);
            case SS -> readAll(buf, 2, ByteBuffer::getShort);
            case UL, SL -> readAll(buf, 4, ByteBuffer::getInt);
            case IS, DS -> Arrays.stream(getDoubles(tag)).mapToInt(d -> (int) Math.round(d)).toArray();
            default -> new int[0];
        };
    }

    public double getDouble(int tag, double defaultValue) {
        double[] values = getDoubles(tag);
        return values.length == 0 ? defaultValue : values[0];
    }

    /** Numeric values of DS, IS, FL, FD and the integer binary VRs; unparsable text values are skipped. */
    public double[] getDoubles(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.isSequence() || e.isEncapsulated()) {
            return new double[0];
        }
        ByteBuffer buf = ByteBuffer.wrap(e.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        return switch (e.vr()) {
            case FL, OF -> {
                double[] out = new double[buf.remaining() / 4];
                for (int i = 0; i < out.length; i++) {
                    out[i] = buf.getFloat();
                }
                yield out;
            }
            case FD, OD -> {
                double[] out = new double[buf.remaining() / 8];
                for (int i = 0; i < out.length; i++) {
                    out[i] = buf.getDouble();
                }
                yield out;
            }
            case DS, IS -> {
                List<Double> values = new ArrayList<>();
                for (String s : getStrings(tag)) {
                    try {
                        values.add(Double.parseDouble(s));
                    } catch (NumberFormatException ignored) {
                        // A malformed number reads as absent; the dumper shows the raw text.
                    }
                }
                yield values.stream().mapToDouble(Double::doubleValue).toArray();
            }
            default -> Arrays.stream(getInts(tag)).asDoubleStream().toArray();
        };
    }

    /** The raw (little-endian) value bytes, or null when absent or not a byte value. */
    public byte[] getBytes(int tag) {
        DicomElement e = elements.get(tag);
        return e == null || e.isSequence() || e.isEncapsulated() ? null : e.bytes();
    }

    /** Items of a sequence; empty when absent. */
    public List<Dataset> getSequence(int tag) {
        DicomElement e = elements.get(tag);
        return e == null ? List.of() : e.items();
    }

    // ---- typed setters ----------------------------------------------------------------------------------------

    /**
     * Sets text values, joined with backslashes and encoded in this dataset's character set (set (0008,0005)
     * first); ISO 2022 code extensions get their escape sequences.
     *
     * @throws UnencodableTextException when a character is not in the character set, naming the element and set
     */
    public Dataset setString(int tag, VR vr, String... values) {
        if (!vr.isText()) {
            throw new IllegalArgumentException(vr + " is not a text VR for " + Tag.toString(tag));
        }
        String joined = String.join("\\", values);
        byte[] bytes;
        if (vr.usesSpecificCharacterSet()) {
            SpecificCharacterSet charset = charset();
            try {
                bytes = charset.encode(joined, vr == VR.PN);
            } catch (UnencodableTextException e) {
                throw new UnencodableTextException("Cannot encode " + Tag.toString(tag) + " "
                        + DicomDictionary.keyword(tag) + " in Specific Character Set " + charset + ": " + e.getMessage());
            }
        } else {
            bytes = joined.getBytes(StandardCharsets.ISO_8859_1);
        }
        put(new DicomElement(tag, vr, bytes));
        return this;
    }

    /** Sets integers: binary for US/SS/UL/SL, decimal text for IS. */
    public Dataset setInt(int tag, VR vr, int... values) {
        switch (vr) {
            case US, SS -> {
                ByteBuffer buf = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (int v : values) {
                    buf.putShort((short) v);
                }
                put(new DicomElement(tag, vr, buf.array()));
            }
            case UL, SL -> {
                ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (int v : values) {
                    buf.putInt(v);
                }
                put(new DicomElement(tag, vr, buf.array()));
            }
            case IS -> setString(tag, vr, Arrays.stream(values).mapToObj(Integer::toString).toArray(String[]::new));
            default -> throw new IllegalArgumentException(vr + " cannot hold integers for " + Tag.toString(tag));
        }
        return this;
    }

    /** Sets decimals: text for DS (at most 16 characters each), binary for FL/FD. */
    public Dataset setDouble(int tag, VR vr, double... values) {
        switch (vr) {
            case DS -> setString(tag, vr, Arrays.stream(values).mapToObj(DecimalString::format).toArray(String[]::new));
            case FL -> {
                ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (double v : values) {
                    buf.putFloat((float) v);
                }
                put(new DicomElement(tag, vr, buf.array()));
            }
            case FD -> {
                ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                for (double v : values) {
                    buf.putDouble(v);
                }
                put(new DicomElement(tag, vr, buf.array()));
            }
            default -> throw new IllegalArgumentException(vr + " cannot hold decimals for " + Tag.toString(tag));
        }
        return this;
    }

    /** Sets a binary value (OB, OW, UN, …) from little-endian bytes. */
    public Dataset setBytes(int tag, VR vr, byte[] bytes) {
        put(new DicomElement(tag, vr, bytes));
        return this;
    }

    public Dataset setSequence(int tag, List<Dataset> items) {
        for (Dataset item : items) {
            item.inheritCharset(charset());
        }
        put(new DicomElement(tag, VR.SQ, new ArrayList<>(items)));
        return this;
    }

    @Override
    public String toString() {
        return "Dataset[" + elements.size() + " elements]";
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static String[] splitValues(String text) {
        if (text.isEmpty()) {
            return new String[0];
        }
        String[] parts = text.split("\\\\", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].strip().replace("\0", "");
        }
        if (parts.length == 1 && parts[0].isEmpty()) {
            return new String[0];
        }
        return parts;
    }

    /** The text without trailing spaces and NULs (value padding). */
    static String stripTrailing(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\0')) {
            end--;
        }
        return text.substring(0, end);
    }

    private static String[] formatBinary(DicomElement e) {
        ByteBuffer buf = ByteBuffer.wrap(e.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        List<String> out = new ArrayList<>();
        switch (e.vr()) {
            case US, OW -> { while (buf.remaining() >= 2) out.add(Integer.toString(buf.getShort() & 0xFFFF)); }
            case SS -> { while (buf.remaining() >= 2) out.add(Short.toString(buf.getShort())); }
            case UL, OL -> { while (buf.remaining() >= 4) out.add(Long.toString(buf.getInt() & 0xFFFFFFFFL)); }
            case SL -> { while (buf.remaining() >= 4) out.add(Integer.toString(buf.getInt())); }
            case FL, OF -> { while (buf.remaining() >= 4) out.add(Float.toString(buf.getFloat())); }
            case FD, OD -> { while (buf.remaining() >= 8) out.add(Double.toString(buf.getDouble())); }
            case SV -> { while (buf.remaining() >= 8) out.add(Long.toString(buf.getLong())); }
            case UV, OV -> { while (buf.remaining() >= 8) out.add(Long.toUnsignedString(buf.getLong())); }
            case AT -> {
                while (buf.remaining() >= 4) {
                    int group = buf.getShort() & 0xFFFF;
                    int element = buf.getShort() & 0xFFFF;
                    out.add(String.format(Locale.ROOT, "(%04x,%04x)", group, element));
                }
            }
            default -> { while (buf.hasRemaining()) out.add(Integer.toString(buf.get() & 0xFF)); }
        }
        return out.toArray(String[]::new);
    }

    private interface IntReader {
        int read(ByteBuffer buf);
    }

    private static int[] readAll(ByteBuffer buf, int size, IntReader reader) {
        int[] out = new int[buf.remaining() / size];
        for (int i = 0; i < out.length; i++) {
            out[i] = reader.read(buf);
        }
        return out;
    }
}
