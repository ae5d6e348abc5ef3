package io.secondlook.inference.saliency;

import io.secondlook.inference.image.GrayImage;
import java.awt.image.BufferedImage;

/**
 * Blends a grayscale image with its saliency map into opaque ARGB pixels (the "key image"); a map coarser than
 * the image is upsampled to it first ({@link SaliencyMap#atImageResolution()}).
 */
public final class SaliencyOverlay {

    private SaliencyOverlay() {
    }

    /**
     * @param opacity heat-map weight in [0,1]; each pixel is {@code (1 - a) * gray + a * colour} with
     *                {@code a = opacity * value}, so cold regions keep the anatomy visible
     */
    public static int[] blend(GrayImage image, SaliencyMap saliency, Colormap colormap, double opacity) {
        if (image.width() != saliency.imageWidth() || image.height() != saliency.imageHeight()) {
            throw new IllegalArgumentException("Image " + image.width() + "x" + image.height()
                    + " is not the " + saliency.imageWidth() + "x" + saliency.imageHeight()
                    + " image the saliency map covers");
        }
        SaliencyMap map = saliency.atImageResolution();
        double alpha = Colormap.clamp(opacity);
        int[] out = new int[image.pixels().length];
        for (int i = 0; i < out.length; i++) {
            double g = Colormap.clamp(image.pixels()[i]) * 255;
            double v = Colormap.clamp(map.values()[i]);
            int c = colormap.argb(v);
            double a = alpha * v;
            int r = (int) Math.round((1 - a) * g + a * (c >> 16 & 0xFF));
            int gr = (int) Math.round((1 - a) * g + a * (c >> 8 & 0xFF));
            int b = (int) Math.round((1 - a) * g + a * (c & 0xFF));
            out[i] = 0xFF000000 | r << 16 | gr << 8 | b;
        }
        return out;
    }

    /** {@link #blend} as a {@code TYPE_INT_ARGB} image. */
    public static BufferedImage render(GrayImage image, SaliencyMap map, Colormap colormap, double opacity) {
        BufferedImage img = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, image.width(), image.height(), blend(image, map, colormap, opacity), 0, image.width());
        return img;
    }
}
