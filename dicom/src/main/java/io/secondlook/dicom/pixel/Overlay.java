package io.secondlook.dicom.pixel;

/**
 * One overlay plane (PS3.3 C.9, group 60xx) for one image frame, as a bitmap.
 *
 * @param group the overlay group, 0x6000..0x601E
 * @param originRow Overlay Origin row (1 = the first image row), where the bitmap's top-left pixel lies
 * @param originColumn Overlay Origin column (1 = the first image column)
 * @param type "G" (graphics) or "R" (region of interest)
 * @param embedded whether the bits came from unused high bits of Pixel Data (retired, still found in old files)
 * @param bits rows × columns values, row-major, 1 where the overlay is set
 */
public record Overlay(int group, int rows, int columns, int originRow, int originColumn, String type,
                      String description, String label, boolean embedded, byte[] bits) {

    public Overlay {
        if (rows <= 0 || columns <= 0 || bits.length != rows * columns) {
            throw new IllegalArgumentException("Overlay " + rows + "x" + columns + " holds " + bits.length + " bits");
        }
    }

    /** Whether the overlay is set at overlay pixel (x, y) (0-based, relative to the overlay's own origin). */
    public boolean isSet(int x, int y) {
        return bits[y * columns + x] != 0;
    }

    /** Whether the overlay covers image pixel (x, y) (0-based image coordinates). */
    public boolean coversImagePixel(int x, int y) {
        int ox = x - (originColumn - 1);
        int oy = y - (originRow - 1);
        return ox >= 0 && oy >= 0 && ox < columns && oy < rows && isSet(ox, oy);
    }

    /** How many bits are set. */
    public int count() {
        int n = 0;
        for (byte b : bits) {
            n += b;
        }
        return n;
    }
}
