package io.secondlook.app.gui;

import io.secondlook.viewer.LabelOverlay;
import io.secondlook.viewer.LabelVolume;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * A segmentation's result: per-label volumes with their colours, whether the viewer shows the labels or the
 * uncertainty map, the overlay's opacity, and a jump to the slice with the most labelled voxels.
 */
final class SegmentationPanel {
    final Label summary = new Label();
    final VBox volumes = new VBox(3);
    final CheckBox overlayToggle = new CheckBox("Show segmentation");
    final CheckBox uncertaintyToggle = new CheckBox("Show uncertainty instead of labels");
    final Slider opacity = new Slider(0, 1, 0.5);
    final Slider uncertaintyThreshold = new Slider(0, 1, 0.1);
    final Button keySliceButton = new Button();
    private final VBox root;

    SegmentationPanel(LabelOverlay overlay) {
        summary.setId("segmentationSummary");
        summary.setWrapText(true);
        volumes.setId("segmentationVolumes");
        overlayToggle.setId("segmentationToggle");
        overlayToggle.setSelected(true);
        uncertaintyToggle.setId("uncertaintyToggle");
        opacity.setId("segmentationOpacity");
        keySliceButton.setId("keySliceButton");
        keySliceButton.setMaxWidth(Double.MAX_VALUE);
        overlayToggle.selectedProperty().bindBidirectional(overlay.visibleProperty());
        uncertaintyToggle.selectedProperty().bindBidirectional(overlay.showUncertaintyProperty());
        opacity.valueProperty().bindBidirectional(overlay.opacityProperty());
        uncertaintyThreshold.setId("uncertaintyThreshold");
        uncertaintyThreshold.valueProperty().bindBidirectional(overlay.uncertaintyThresholdProperty());
        uncertaintyToggle.disableProperty().bind(overlayToggle.selectedProperty().not());
        HBox hideBelow = sliderRow("Hide below", uncertaintyThreshold);
        hideBelow.visibleProperty().bind(uncertaintyToggle.selectedProperty());
        hideBelow.managedProperty().bind(hideBelow.visibleProperty());
        root = new VBox(6, summary, volumes, overlayToggle, uncertaintyToggle, hideBelow,
                sliderRow("Opacity", opacity), keySliceButton);
        root.setId("segmentationPanel");
        show(null);
    }

    private static HBox sliderRow(String text, Slider slider) {
        Label label = new Label(text);
        label.setMinWidth(72);
        HBox.setHgrow(slider, Priority.ALWAYS);
        return new HBox(6, label, slider);
    }

    VBox view() {
        return root;
    }

    /** Shows a result, or hides the panel for null. */
    void show(SegmentationView s) {
        root.setVisible(s != null);
        root.setManaged(s != null);
        volumes.getChildren().clear();
        if (s == null) {
            return;
        }
        summary.setText(String.format(Locale.ROOT, "%s\nMean certainty %.1f %% over the labelled voxels\n"
                        + "Model %s %s on %s, %.1f s",
                s.findingLabel(), s.certainty() * 100, s.modelName(), s.modelVersion(), s.device(), s.seconds()));
        for (LabelVolume.LabelClass c : s.labels().classes()) {
            if (c.index() == 0) {
                continue;
            }
            Rectangle swatch = new Rectangle(12, 12, Color.rgb(c.argb() >> 16 & 0xFF, c.argb() >> 8 & 0xFF,
                    c.argb() & 0xFF));
            Label text = new Label(String.format(Locale.ROOT, "%s  %.1f ml", c.name(), c.volumeMl()));
            text.setId("volume-" + c.index());
            HBox row = new HBox(8, swatch, text);
            row.setAlignment(Pos.CENTER_LEFT);
            volumes.getChildren().add(row);
        }
        keySliceButton.setText("Go to slice " + (s.keySlice() + 1) + " (most labelled)");
    }
}
