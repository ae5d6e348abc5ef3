package io.secondlook.inference.detect;

/**
 * One detected object: an axis-aligned box in image pixel coordinates ({@code x1,y1} top-left inclusive,
 * {@code x2,y2} bottom-right exclusive, so a box covering pixel 0 only is {@code 0,0,1,1}), its label and score.
 */
public record Detection(double x1, double y1, double x2, double y2, String label, double score) {

    public Detection {
        if (!(x2 >= x1 && y2 >= y1)) {
            throw new IllegalArgumentException("Box corners out of order: " + x1 + "," + y1 + " - " + x2 + "," + y2);
        }
    }

    public double area() {
        return (x2 - x1) * (y2 - y1);
    }

    /** Intersection over union with another box (0 when either is empty). */
    public double iou(Detection o) {
        double iw = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        double ih = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / (area() + o.area() - inter);
    }

    /** The same detection with its box scaled by {@code sx, sy}. */
    public Detection scaled(double sx, double sy) {
        return new Detection(x1 * sx, y1 * sy, x2 * sx, y2 * sy, label, score);
    }
}
