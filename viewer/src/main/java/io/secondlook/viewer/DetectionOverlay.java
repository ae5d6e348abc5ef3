package io.secondlook.viewer;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Detection boxes of one slice drawn over a {@link Viewport}: each box outlined with its label and score, in
 * image pixel coordinates, following pan and zoom; shown only while that slice is on screen.
 */
public final class DetectionOverlay {
    private static final Color BOX = Color.rgb(255, 190, 60);
    private static final Font FONT = Font.font("Monospaced", 12);

    /** One box in image pixels ({@code x1 < x2}, {@code y1 < y2}) with its label and score in [0, 1]. */
    public record Box(double x1, double y1, double x2, double y2, String label, double score) {
        public Box {
            Objects.requireNonNull(label, "label");
            if (!(x1 <= x2 && y1 <= y2)) {
                throw new IllegalArgumentException("A box needs x1 <= x2 and y1 <= y2, got " + x1 + "," + y1 + ","
                        + x2 + "," + y2);
            }
        }

        /** "nodule 0.87". */
        public String caption() {
            return String.format(Locale.ROOT, "%s %.2f", label, score);
        }
    }

    private final ObjectProperty<List<Box>> boxes = new SimpleObjectProperty<>(this, "boxes", List.of());
    private final IntegerProperty slice = new SimpleIntegerProperty(this, "slice", -1);
    private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible", true);

    DetectionOverlay() {
    }

    /** Shows {@code detected} over slice {@code sliceIndex}; an empty list shows none. */
    public void show(int sliceIndex, List<Box> detected) {
        boxes.set(List.copyOf(detected));
        slice.set(sliceIndex);
    }

    public void clear() {
        show(-1, List.of());
    }

    public ObjectProperty<List<Box>> boxesProperty() {
        return boxes;
    }

    public IntegerProperty sliceProperty() {
        return slice;
    }

    public BooleanProperty visibleProperty() {
        return visible;
    }

    boolean showing(int displayedSlice) {
        return visible.get() && displayedSlice >= 0 && displayedSlice == slice.get() && !boxes.get().isEmpty();
    }

    /** Draws the boxes over an image placed at ({@code offsetX}, {@code offsetY}) with {@code zoom} px a pixel. */
    void draw(GraphicsContext g, double offsetX, double offsetY, double zoom) {
        g.setStroke(BOX);
        g.setLineWidth(2);
        g.setFont(FONT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        for (Box b : boxes.get()) {
            double x = offsetX + b.x1() * zoom;
            double y = offsetY + b.y1() * zoom;
            g.strokeRect(x, y, (b.x2() - b.x1()) * zoom, (b.y2() - b.y1()) * zoom);
            g.setFill(Color.rgb(0, 0, 0, 0.6));
            double textWidth = 7.3 * b.caption().length() + 6;
            g.fillRect(x - 1, y - 16, textWidth, 16);
            g.setFill(BOX);
            g.fillText(b.caption(), x + 2, y - 2);
        }
    }
}
