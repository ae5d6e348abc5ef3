package io.secondlook.inference.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A protocol-buffers message as an ordered list of fields in wire format, enough to read, edit and re-serialise
 * ONNX files without generated classes. Length-delimited fields keep their bytes, so unknown and untouched
 * fields survive a round trip byte for byte. Not thread-safe while being built.
 */
public final class ProtoMessage {

    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LEN = 2;
    public static final int FIXED32 = 5;

    /** One field occurrence: {@code value} holds varints and fixed-width bits, {@code bytes} length-delimited data. */
    public record Field(int number, int wireType, long value, byte[] bytes) {
    }

    private final List<Field> fields;

    public ProtoMessage() {
        this.fields = new ArrayList<>();
    }

    private ProtoMessage(List<Field> fields) {
        this.fields = fields;
    }

    public static ProtoMessage parse(byte[] buf) {
        return parse(buf, 0, buf.length);
    }

    public static ProtoMessage parse(byte[] buf, int offset, int length) {
        List<Field> fields = new ArrayList<>();
        int[] pos = {offset};
        int end = offset + length;
        while (pos[0] < end) {
            long key = readVarint(buf, pos, end);
            int number = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (number <= 0) {
                throw new IllegalArgumentException("Invalid protobuf field number " + number + " at byte " + pos[0]);
            }
            switch (wire) {
                case VARINT -> fields.add(new Field(number, wire, readVarint(buf, pos, end), null));
                case FIXED64 -> fields.add(new Field(number, wire, readFixed(buf, pos, end, 8), null));
                case FIXED32 -> fields.add(new Field(number, wire, readFixed(buf, pos, end, 4), null));
                case LEN -> {
                    long len = readVarint(buf, pos, end);
                    if (len < 0 || len > end - pos[0]) {
                        throw new IllegalArgumentException("Field " + number + " claims " + len + " bytes, "
                                + (end - pos[0]) + " left");
                    }
                    byte[] bytes = new byte[(int) len];
                    System.arraycopy(buf, pos[0], bytes, 0, bytes.length);
                    pos[0] += bytes.length;
                    fields.add(new Field(number, wire, 0, bytes));
                }
                default -> throw new IllegalArgumentException("Unsupported protobuf wire type " + wire + " (field "
                        + number + ")");
            }
        }
        return new ProtoMessage(fields);
    }

    public List<Field> fields() {
        return Collections.unmodifiableList(fields);
    }

    /** Occurrences of field {@code number}, in order. */
    public List<Field> all(int number) {
        return fields.stream().filter(f -> f.number() == number).toList();
    }

    public String string(int number) {
        Field f = last(number);
        return f == null ? null : new String(f.bytes(), StandardCharsets.UTF_8);
    }

    public List<String> strings(int number) {
        return all(number).stream().map(f -> new String(f.bytes(), StandardCharsets.UTF_8)).toList();
    }

    public long varint(int number, long absent) {
        Field f = last(number);
        return f == null ? absent : f.value();
    }

    public ProtoMessage message(int number) {
        Field f = last(number);
        return f == null ? null : parse(f.bytes());
    }

    public List<ProtoMessage> messages(int number) {
        return all(number).stream().map(f -> parse(f.bytes())).toList();
    }

    public byte[] bytes(int number) {
        Field f = last(number);
        return f == null ? null : f.bytes();
    }

    /** Repeated integer field, packed or not. */
    public long[] longs(int number) {
        List<Long> out = new ArrayList<>();
        for (Field f : all(number)) {
            if (f.wireType() == LEN) {
                int[] pos = {0};
                while (pos[0] < f.bytes().length) {
                    out.add(readVarint(f.bytes(), pos, f.bytes().length));
                }
            } else {
                out.add(f.value());
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** Repeated float field, packed or not. */
    public float[] floats(int number) {
        List<Float> out = new ArrayList<>();
        for (Field f : all(number)) {
            if (f.wireType() == LEN) {
                for (int i = 0; i + 4 <= f.bytes().length; i += 4) {
                    out.add(Float.intBitsToFloat((int) littleEndian(f.bytes(), i, 4)));
                }
            } else {
                out.add(Float.intBitsToFloat((int) f.value()));
            }
        }
        float[] a = new float[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    private Field last(int number) {
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (fields.get(i).number() == number) {
                return fields.get(i);
            }
        }
        return null;
    }

    // ---- building ------------------------------------------------------------------------------------------

    public ProtoMessage addVarint(int number, long value) {
        fields.add(new Field(number, VARINT, value, null));
        return this;
    }

    public ProtoMessage addFixed32(int number, float value) {
        fields.add(new Field(number, FIXED32, Float.floatToRawIntBits(value) & 0xFFFFFFFFL, null));
        return this;
    }

    public ProtoMessage addBytes(int number, byte[] value) {
        fields.add(new Field(number, LEN, 0, value.clone()));
        return this;
    }

    public ProtoMessage addString(int number, String value) {
        return addBytes(number, value.getBytes(StandardCharsets.UTF_8));
    }

    public ProtoMessage addMessage(int number, ProtoMessage value) {
        return addBytes(number, value.toBytes());
    }

    /** Replaces the {@code index}-th occurrence of field {@code number} by a message, keeping its position. */
    public ProtoMessage replace(int number, int index, ProtoMessage value) {
        int seen = 0;
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).number() == number && seen++ == index) {
                fields.set(i, new Field(number, LEN, 0, value.toBytes()));
                return this;
            }
        }
        throw new IndexOutOfBoundsException("No occurrence " + index + " of field " + number);
    }

    /** Removes every occurrence of field {@code number}. */
    public ProtoMessage remove(int number) {
        fields.removeIf(f -> f.number() == number);
        return this;
    }

    public ProtoMessage copy() {
        return new ProtoMessage(new ArrayList<>(fields));
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Field f : fields) {
            writeVarint(out, ((long) f.number() << 3) | f.wireType());
            switch (f.wireType()) {
                case VARINT -> writeVarint(out, f.value());
                case FIXED64 -> writeLittleEndian(out, f.value(), 8);
                case FIXED32 -> writeLittleEndian(out, f.value(), 4);
                default -> {
                    writeVarint(out, f.bytes().length);
                    out.writeBytes(f.bytes());
                }
            }
        }
        return out.toByteArray();
    }

    // ---- wire primitives -----------------------------------------------------------------------------------

    static long readVarint(byte[] buf, int[] pos, int end) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= end) {
                throw new IllegalArgumentException("Truncated varint at byte " + pos[0]);
            }
            byte b = buf[pos[0]++];
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("Varint longer than 10 bytes at byte " + pos[0]);
    }

    private static long readFixed(byte[] buf, int[] pos, int end, int width) {
        if (end - pos[0] < width) {
            throw new IllegalArgumentException("Truncated fixed" + width * 8 + " at byte " + pos[0]);
        }
        long v = littleEndian(buf, pos[0], width);
        pos[0] += width;
        return v;
    }

    static long littleEndian(byte[] buf, int offset, int width) {
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = (v << 8) | (buf[offset + i] & 0xFF);
        }
        return v;
    }

    static void writeVarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void writeLittleEndian(ByteArrayOutputStream out, long value, int width) {
        for (int i = 0; i < width; i++) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
    }
}
