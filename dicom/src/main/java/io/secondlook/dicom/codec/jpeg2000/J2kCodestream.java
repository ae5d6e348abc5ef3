package io.secondlook.dicom.codec.jpeg2000;

/** Where the codestream starts (raw, or in a JP2 file's jp2c box) and the image size its SIZ marker declares. */
final class J2kCodestream {
    private static final int SOC = 0xFF4F;
    private static final int SIZ = 0xFF51;
    private static final int COD = 0xFF52;
    private static final int SOT = 0xFF90;

    private J2kCodestream() {
    }

    /**
     * Columns, rows and components from SIZ; tiles from its tile grid; quality layers from the main COD (0 if none);
     * whether the tile grid is one T.800 allows (A.5.1: the tile origin at or before the image origin, the first tile
     * overlapping the image).
     */
    record Size(long columns, long rows, int components, long tiles, int layers, boolean tileGridValid) {

        /** Every packet has a header of at least one byte, so a codestream holds at least this many bytes. */
        long minimumPackets() {
            return tiles * layers * components;
        }
    }

    /** Offset of SOC: 0 for a raw codestream, the content of the jp2c box for a JP2 file, else -1. */
    static int start(byte[] data) {
        if (data.length >= 2 && u16(data, 0) == SOC) {
            return 0;
        }
        int pos = 0;
        while (pos + 8 <= data.length) {
            long length = u32(data, pos);
            int header = 8;
            if (length == 1 && pos + 16 <= data.length) {
                length = (u32(data, pos + 8) << 32) | u32(data, pos + 12);
                header = 16;
            } else if (length == 0) {
                length = data.length - pos;
            }
            if (data[pos + 4] == 'j' && data[pos + 5] == 'p' && data[pos + 6] == '2' && data[pos + 7] == 'c') {
                int content = pos + header;
                return content + 2 <= data.length && u16(data, content) == SOC ? content : -1;
            }
            if (length < header || pos + length > data.length) {
                return -1;
            }
            pos += (int) length;
        }
        return -1;
    }

    /** The SIZ marker right after SOC, or null where there is none. */
    static Size size(byte[] data) {
        int soc = start(data);
        if (soc < 0 || soc + 42 > data.length || u16(data, soc + 2) != SIZ) {
            return null;
        }
        int siz = soc + 4; // Lsiz, Rsiz, Xsiz, Ysiz, XOsiz, YOsiz, XTsiz, YTsiz, XTOsiz, YTOsiz, Csiz
        long width = u32(data, siz + 4);
        long height = u32(data, siz + 8);
        long tileWidth = Math.max(1, u32(data, siz + 20));
        long tileHeight = Math.max(1, u32(data, siz + 24));
        long imageX = u32(data, siz + 12);
        long imageY = u32(data, siz + 16);
        long tileX = u32(data, siz + 28);
        long tileY = u32(data, siz + 32);
        long tiles = ceilDiv(width - tileX, tileWidth) * ceilDiv(height - tileY, tileHeight);
        boolean tileGridValid = tileX <= imageX && tileY <= imageY && tileX + tileWidth > imageX
                && tileY + tileHeight > imageY;
        return new Size(width - imageX, height - imageY, u16(data, siz + 36), tiles, layers(data, soc + 2),
                tileGridValid);
    }

    private static long ceilDiv(long a, long b) {
        return a <= 0 ? 0 : (a + b - 1) / b;
    }

    /** The number of quality layers in the main header's COD marker, 0 where it is missing. */
    private static int layers(byte[] data, int marker) {
        int pos = marker;
        while (pos + 4 <= data.length && (data[pos] & 0xFF) == 0xFF && u16(data, pos) != SOT) {
            if (u16(data, pos) == COD && pos + 8 <= data.length) {
                return u16(data, pos + 6); // Lcod, Scod, progression order, then the layers
            }
            pos += 2 + u16(data, pos + 2);
        }
        return 0;
    }

    static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }

    static long u32(byte[] b, int p) {
        return ((long) u16(b, p) << 16) | u16(b, p + 2);
    }
}
