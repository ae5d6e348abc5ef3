package io.secondlook.inference.image;

/** A reference for resizing tests, independent of {@link AreaResize}. */
public final class BoxAverage {

    private BoxAverage() {
    }

    /** The definition in double precision: each target pixel integrates the source over its rectangle. */
    public static double[] exact(GrayImage src, int width, int height) {
        double sx = (double) src.width() / width;
        double sy = (double) src.height() / height;
        double[] out = new double[width * height];
        for (int ty = 0; ty < height; ty++) {
            for (int tx = 0; tx < width; tx++) {
                double x0 = tx * sx;
                double x1 = (tx + 1) * sx;
                double y0 = ty * sy;
                double y1 = (ty + 1) * sy;
                double sum = 0;
                for (int y = (int) y0; y < Math.min(src.height(), Math.ceil(y1)); y++) {
                    double oy = Math.min(y1, y + 1) - Math.max(y0, y);
                    for (int x = (int) x0; x < Math.min(src.width(), Math.ceil(x1)); x++) {
                        double ox = Math.min(x1, x + 1) - Math.max(x0, x);
                        sum += ox * oy * src.at(x, y);
                    }
                }
                out[ty * width + tx] = sum / ((x1 - x0) * (y1 - y0));
            }
        }
        return out;
    }
}
