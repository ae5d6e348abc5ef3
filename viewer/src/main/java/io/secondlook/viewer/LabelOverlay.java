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
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * A {@link LabelVolume} drawn over a {@link Viewport}'s current slice: each label in its colour, or, when
 * {@link #showUncertaintyProperty()} is set, the per-voxel uncertainty through a colour table; with an opacity, a
 * visibility toggle and a legend (label colours with volumes, or the uncertainty scale).
 */
public final class LabelOverlay {
    private static final int LEGEND_WIDTH = 140;

    private final ObjectProperty<LabelVolume> volume = new SimpleObjectProperty<>(this, "volume");
    private final BooleanProperty showUncertainty = new SimpleBooleanProperty(this, "showUncertainty");
    private final DoubleProperty opacity = new SimpleDoubleProperty(this, "opacity", 0.5);
    private final DoubleProperty uncertaintyThreshold = new SimpleDoubleProperty(this, "uncertaintyThreshold", 0.1);
    private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible", true);
    private final int[] uncertaintyLut = Colormap.HOT.lut();
    private final VBox legend = new VBox(2);
    private WritableImage image;
    private int imageSlice = -1;

    LabelOverlay() {
        volume.addListener(this::invalidate);
        showUncertainty.addListener(this::invalidate);
        uncertaintyThreshold.addListener(this::invalidate);
        legend.getStyleClass().add("heatmap-legend");
        legend.setId("labelLegend");
        legend.setAlignment(Pos.CENTER_RIGHT);
        legend.setMouseTransparent(true);
        legend.visibleProperty().bind(visible.and(volume.isNotNull()));
        legend.managedProperty().bind(legend.visibleProperty());
    }

    public ObjectProperty<LabelVolume> volumeProperty() {
        return volume;
    }

    public void setVolume(LabelVolume value) {
        volume.set(value);
    }

    public LabelVolume getVolume() {
        return volume.get();
    }

    /** Shows the uncertainty map instead of the labels. */
    public BooleanProperty showUncertaintyProperty() {
        return showUncertainty;
    }

    /** Uncertainty below this is left transparent, so the confident voxels show the image. */
    public DoubleProperty uncertaintyThresholdProperty() {
        return uncertaintyThreshold;
    }

    /** 0 (invisible) to 1 (opaque). */
    public DoubleProperty opacityProperty() {
        return opacity;
    }

    public BooleanProperty visibleProperty() {
        return visible;
    }

    /** The legend node; the viewport places it in a corner. */
    VBox legend() {
        return legend;
    }

    /** Whether there is something to draw over a {@code width} x {@code height} frame shown as {@code slice}. */
    boolean showing(int slice, int width, int height) {
        LabelVolume v = volume.get();
        return visible.get() && opacity.get() > 0 && v != null && slice >= 0 && slice < v.depth()
                && v.width() == width && v.height() == height;
    }

    /** Labels are crisp (nearest neighbour); the uncertainty map is smoothed like a heatmap. */
    boolean smooth() {
        return showUncertainty.get();
    }

    /** The coloured slice at the volume's resolution; rebuilt when the slice or what is shown changes. */
    WritableImage image(int slice) {
        LabelVolume v = volume.get();
        if (image == null || imageSlice != slice) {
            int[] argb = sliceArgb(v, slice, showUncertainty.get(), uncertaintyLut, uncertaintyThreshold.get());
            image = new WritableImage(v.width(), v.height());
            image.getPixelWriter().setPixels(0, 0, v.width(), v.height(), PixelFormat.getIntArgbInstance(), argb, 0,
                    v.width());
            imageSlice = slice;
        }
        return image;
    }

    /**
     * Slice {@code k} as ARGB pixels: label colours (background transparent) or the uncertainty through {@code lut},
     * transparent below {@code threshold} (and at 0).
     */
    public static int[] sliceArgb(LabelVolume v, int k, boolean uncertainty, int[] lut, double threshold) {
        int n = v.width() * v.height();
        int offset = k * n;
        int[] out = new int[n];
        if (uncertainty) {
            float[] u = v.uncertainty();
            for (int i = 0; i < n; i++) {
                float value = u[offset + i];
                out[i] = value > 0 && value >= threshold ? lut[Math.max(0, Math.min(255, Math.round(value * 255)))] : 0;
            }
        } else {
            byte[] labels = v.labels();
            int[] colours = new int[256];
            for (int c = 0; c < 256; c++) {
                colours[c] = v.argb(c);
            }
            for (int i = 0; i < n; i++) {
                out[i] = colours[labels[offset + i] & 0xFF];
            }
        }
        return out;
    }

    private void invalidate(Observable ignored) {
        image = null;
        imageSlice = -1;
        updateLegend();
    }

    private void updateLegend() {
        legend.getChildren().clear();
        LabelVolume v = volume.get();
        if (v == null) {
            return;
        }
        if (showUncertainty.get()) {
            Canvas bar = new Canvas(LEGEND_WIDTH, 10);
            GraphicsContext g = bar.getGraphicsContext2D();
            for (int x = 0; x < LEGEND_WIDTH; x++) {
                int argb = uncertaintyLut[Math.round(x * 255f / (LEGEND_WIDTH - 1))];
                g.setFill(Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF));
                g.fillRect(x, 0, 1, 10);
            }
            BorderPane scale = new BorderPane();
            scale.setLeft(new Label("0 certain"));
            scale.setRight(new Label("1"));
            scale.setMaxWidth(LEGEND_WIDTH);
            legend.getChildren().addAll(new Label(String.format(Locale.ROOT, "%s  (shown \u2265 %.2f)",
                    v.uncertaintyName(), uncertaintyThreshold.get())), bar, scale);
            return;
        }
        for (LabelVolume.LabelClass c : v.classes()) {
            if ((c.argb() >>> 24) == 0) {
                continue;
            }
            Rectangle swatch = new Rectangle(10, 10, Color.rgb(c.argb() >> 16 & 0xFF, c.argb() >> 8 & 0xFF,
                    c.argb() & 0xFF));
            Label text = new Label(String.format(Locale.ROOT, "%s  %.1f ml", c.name(), c.volumeMl()));
            HBox row = new HBox(6, text, swatch);
            row.setAlignment(Pos.CENTER_RIGHT);
            legend.getChildren().add(row);
        }
    }
}
