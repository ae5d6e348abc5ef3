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

    /** The map coloured at its own resolution, transparent below the threshold; rebuilt only after a change. */
    WritableImage image() {
        Heatmap map = heatmap.get();
        if (map == null) {
            return null;
        }
        if (image == null) {
            image = render(map, colormap.get(), threshold.get());
        }
        return image;
    }

    static WritableImage render(Heatmap map, int[] lut, double threshold) {
        float[] values = map.values();
        int[] argb = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (v >= threshold && !Float.isNaN(v)) {
                argb[i] = lut[Math.max(0, Math.min(255, Math.round(v * 255)))];
            }
        }
        WritableImage out = new WritableImage(map.width(), map.height());
        out.getPixelWriter().setPixels(0, 0, map.width(), map.height(), PixelFormat.getIntArgbInstance(), argb, 0,
                map.width());
        return out;
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
