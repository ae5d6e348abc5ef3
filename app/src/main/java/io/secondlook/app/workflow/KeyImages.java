package io.secondlook.app.workflow;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import io.secondlook.inference.image.GrayImage;
import java.awt.image.BufferedImage;

/** Prepares key images for reports. */
final class KeyImages {
    private KeyImages() {
    }

    /** A display image ([0, 1] gray levels) as an RGB image. */
    static BufferedImage gray(GrayImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int v = Math.round(255 * Math.max(0, Math.min(1, image.at(x, y))));
                out.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return out;
    }

    /** The image scaled down (never up) so that its longer side is at most {@code maxPixels}. */
    static BufferedImage fitWithin(BufferedImage image, int maxPixels) {
        int longer = Math.max(image.getWidth(), image.getHeight());
        if (longer <= maxPixels) {
            return image;
        }
        double scale = (double) maxPixels / longer;
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
