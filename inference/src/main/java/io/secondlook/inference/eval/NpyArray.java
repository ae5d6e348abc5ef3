package io.secondlook.inference.eval;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One NumPy array (C order, little-endian) over its raw bytes. Supported dtypes: {@code u1}, {@code i8},
 * {@code f4} (plus {@code i4}, {@code f8}); element access widens to long or double.
 */
public final class NpyArray {

    private final String dtype;
    private final int[] shape;
    private final ByteBuffer data;
    private final int itemSize;

    NpyArray(String dtype, int[] shape, ByteBuffer data) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.itemSize = itemSize(dtype);
        this.data = data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long expected = (long) size() * itemSize;
        if (data.remaining() != expected) {
            throw new IllegalArgumentException("Array " + dtype + Arrays.toString(shape) + " needs " + expected
                    + " bytes, found " + data.remaining());
        }
    }

    /** The dtype without byte-order mark: "u1", "i8", "f4", "i4" or "f8". */
    public String dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    public long getLong(int index) {
        return switch (dtype) {
            case "u1" -> data.get(index) & 0xFF;
            case "i4" -> data.getInt(index * 4);
            case "i8" -> data.getLong(index * 8);
            case "f4" -> (long) data.getFloat(index * 4);
            case "f8" -> (long) data.getDouble(index * 8);
            default -> throw new IllegalStateException(dtype);
        };
    }

    public double getDouble(int index) {
        return switch (dtype) {
            case "f4" -> data.getFloat(index * 4);
            case "f8" -> data.getDouble(index * 8);
            default -> getLong(index);
        };
    }

    /** The raw bytes of a {@code u1} array from {@code offset} (in elements), {@code length} elements long. */
    public byte[] unsignedBytes(int offset, int length) {
        if (!dtype.equals("u1")) {
            throw new IllegalStateException("Array is " + dtype + ", not u1");
        }
        byte[] out = new byte[length];
        data.get(offset, out);
        return out;
    }

    static int itemSize(String dtype) {
        return switch (dtype) {
            case "u1" -> 1;
            case "i4", "f4" -> 4;
            case "i8", "f8" -> 8;
            default -> throw new IllegalArgumentException("Unsupported NumPy dtype '" + dtype
                    + "' (supported: u1, i4, i8, f4, f8)");
        };
    }
}
