package io.secondlook.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * Bytes of a file or stream, loaded on demand into one growing array so a header-only read never loads
 * Pixel Data, and a bogus length never allocates more than the data actually present.
 */
final class ByteInput {
    private static final int MAX_SIZE = Integer.MAX_VALUE - 16;

    private final ReadableByteChannel channel;
    private final long knownSize;
    private byte[] buf;
    private int limit;
    private boolean eof;
    int pos;

    ByteInput(byte[] all) {
        this.channel = null;
        this.knownSize = all.length;
        this.buf = all;
        this.limit = all.length;
        this.eof = true;
    }

    /** @param knownSize total bytes the channel holds, or -1 when unknown */
    ByteInput(ReadableByteChannel channel, long knownSize, int initialCapacity) {
        this.channel = channel;
        this.knownSize = knownSize;
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Whether n bytes are available from the current position, loading them when needed. */
    boolean has(long n) throws IOException {
        long target = pos + n;
        if (target <= limit) {
            return true;
        }
        if (eof || target > MAX_SIZE || (knownSize >= 0 && target > knownSize)) {
            return false;
        }
        while (limit < target && !eof) {
            if (limit == buf.length) {
                long grown = Math.max(buf.length * 2L, 1 << 16);
                if (knownSize >= 0) {
                    grown = Math.min(grown, knownSize);
                }
                buf = Arrays.copyOf(buf, (int) Math.min(Math.max(grown, Math.min(target, limit + (1L << 16))), MAX_SIZE));
            }
            int read = channel.read(ByteBuffer.wrap(buf, limit, buf.length - limit));
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }
        return target <= limit;
    }

    /** Bytes left from the position, for messages: exact when the size is known, else what is loaded so far. */
    long remaining() {
        return knownSize >= 0 ? knownSize - pos : limit - pos;
    }

    /** Whether no more bytes follow the position. */
    boolean atEnd() throws IOException {
        return !has(1);
    }

    int u8(int at) {
        return buf[at] & 0xFF;
    }

    int u16(boolean bigEndian) {
        int a = buf[pos] & 0xFF;
        int b = buf[pos + 1] & 0xFF;
        pos += 2;
        return bigEndian ? (a << 8) | b : (b << 8) | a;
    }

    long u32(boolean bigEndian) {
        int v = peekInt(pos, bigEndian);
        pos += 4;
        return v & 0xFFFFFFFFL;
    }

    int peekInt(int at, boolean bigEndian) {
        int a = buf[at] & 0xFF;
        int b = buf[at + 1] & 0xFF;
        int c = buf[at + 2] & 0xFF;
        int d = buf[at + 3] & 0xFF;
        return bigEndian ? (a << 24) | (b << 16) | (c << 8) | d : (d << 24) | (c << 16) | (b << 8) | a;
    }

    int peekU16(int at, boolean bigEndian) {
        int a = buf[at] & 0xFF;
        int b = buf[at + 1] & 0xFF;
        return bigEndian ? (a << 8) | b : (b << 8) | a;
    }

    /** Copies n bytes (the caller has checked {@link #has}). */
    byte[] take(int n) {
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** The loaded bytes from the position on, for handing the rest to an inflater. */
    byte[] loadedRest() {
        return Arrays.copyOfRange(buf, pos, limit);
    }

    ReadableByteChannel channel() {
        return eof ? null : channel;
    }
}
