package io.secondlook.viewer;

import java.util.Locale;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * A heatmap drawn over a {@link Viewport}'s image with the image's transform, through a colour table, with an
 * opacity, a visibility toggle and a threshold below which values are transparent; plus its colour legend.
 */
public final class HeatmapOverlay {
    private static final int LEGEND_WIDTH = 140;
    private static final int MAX_SIDE = 1024;

    private final ObjectProperty<Heatmap> heatmap = new SimpleObjectProperty<>(this, "heatmap");
    private final ObjectProperty<int[]> colormap = new SimpleObjectProperty<>(this, "colormap", Colormap.JET.lut());
    private final DoubleProperty opacity = new SimpleDoubleProperty(this, "opacity", 0.5);
    private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold", 0.2);
    private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible", true);
    private final VBox legend = new VBox(2);
    private final Label legendMethod = new Label();
    private final Canvas legendBar = new Canvas(LEGEND_WIDTH, 10);
    private WritableImage image;

    HeatmapOverlay() {
        heatmap.addListener(this::invalidateImage);
        colormap.addListener(this::invalidateImage);
        threshold.addListener(this::invalidateImage);
        Label legendMin = new Label("0.0");
        Label legendMax = new Label("1.0");
        BorderPane scale = new BorderPane();
        scale.setLeft(legendMin);
        scale.setRight(legendMax);
        scale.setMaxWidth(LEGEND_WIDTH);
        legend.getChildren().addAll(legendMethod, legendBar, scale);
        legend.setAlignment(Pos.CENTER_RIGHT);
        legend.getStyleClass().add("heatmap-legend");
        legend.setId("heatmapLegend");
        legend.setMouseTransparent(true);
        legend.visibleProperty().bind(visible.and(heatmap.isNotNull()));
        legend.managedProperty().bind(legend.visibleProperty());
        updateLegend();
    }

    /** The map shown, or null for none. */
    public ObjectProperty<Heatmap> heatmapProperty() {
        return heatmap;
    }

    /** 256 ARGB entries for values 0..1. */
    public ObjectProperty<int[]> colormapProperty() {
        return colormap;
    }

    /** 0 (invisible) to 1 (opaque). */
    public DoubleProperty opacityProperty() {
        return opacity;
    }

    /** Values below this are left transparent. */
    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    public BooleanProperty visibleProperty() {
        return visible;
    }

    public void setHeatmap(Heatmap map) {
        heatmap.set(map);
    }

    public void setColormap(int[] lut) {
        if (lut.length != 256) {
            throw new IllegalArgumentException("A colour table has 256 entries, not " + lut.length);
        }
        colormap.set(lut.clone());
    }

    public void setOpacity(double value) {
        opacity.set(Math.max(0, Math.min(1, value)));
    }

    public void setThreshold(double value) {
        threshold.set(value);
    }

    public void setVisible(boolean value) {
        visible.set(value);
    }

    /** The colour legend node (gradient bar, range and method name); the viewport places it in a corner. */
    VBox legend() {
        return legend;
    }

    /** Whether there is anything to draw. */
    boolean showing() {
        return visible.get() && heatmap.get() != null && opacity.get() > 0;
    }

    /**
     * The map coloured at the image's resolution ({@code width} x {@code height}, capped at {@link #MAX_SIDE}),
     * transparent below the threshold; rebuilt only after a change. Upsampling before thresholding keeps the
     * threshold's edge smooth instead of following the coarse grid's cells.
     */
    WritableImage image(int width, int height) {
        Heatmap map = heatmap.get();
        if (map == null) {
            return null;
        }
        double shrink = Math.min(1, (double) MAX_SIDE / Math.max(width, height));
        int w = Math.max(1, (int) Math.round(width * shrink));
        int h = Math.max(1, (int) Math.round(height * shrink));
        if (image == null || (int) image.getWidth() != w || (int) image.getHeight() != h) {
            image = render(map, w, h, colormap.get(), threshold.get());
        }
        return image;
    }

    static WritableImage render(Heatmap map, int width, int height, int[] lut, double threshold) {
        int[] argb = new int[width * height];
        for (int y = 0; y < height; y++) {
            double gy = clamp((y + 0.5) * map.height() / height - 0.5, map.height() - 1);
            for (int x = 0; x < width; x++) {
                double gx = clamp((x + 0.5) * map.width() / width - 0.5, map.width() - 1);
                double v = bilinear(map, gx, gy);
                if (v >= threshold && !Double.isNaN(v)) {
                    argb[y * width + x] = lut[(int) Math.max(0, Math.min(255, Math.round(v * 255)))];
                }
            }
        }
        WritableImage out = new WritableImage(width, height);
        out.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        return out;
    }

    private static double bilinear(Heatmap map, double gx, double gy) {
        int x0 = (int) gx;
        int y0 = (int) gy;
        int x1 = Math.min(x0 + 1, map.width() - 1);
        int y1 = Math.min(y0 + 1, map.height() - 1);
        double fx = gx - x0;
        double fy = gy - y0;
        float[] v = map.values();
        int w = map.width();
        double top = v[y0 * w + x0] * (1 - fx) + v[y0 * w + x1] * fx;
        double bottom = v[y1 * w + x0] * (1 - fx) + v[y1 * w + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static double clamp(double value, double max) {
        return Math.max(0, Math.min(max, value));
    }

    private void invalidateImage(Observable ignored) {
        image = null;
        updateLegend();
    }

    private void updateLegend() {
        Heatmap map = heatmap.get();
        legendMethod.setText(map == null ? ""
                : String.format(Locale.ROOT, "%s  (shown ≥ %.2f)", map.method(), threshold.get()));
        GraphicsContext g = legendBar.getGraphicsContext2D();
        int[] lut = colormap.get();
        double w = legendBar.getWidth();
        for (int x = 0; x < w; x++) {
            int argb = lut[(int) Math.round(x * 255 / (w - 1))];
            g.setFill(Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF));
            g.fillRect(x, 0, 1, legendBar.getHeight());
        }
    }
}
