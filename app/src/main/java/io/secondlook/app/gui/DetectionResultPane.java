package io.secondlook.app.gui;

import java.util.Locale;
import javafx.scene.control.Label;

/** A detection run's result: the finding, each box with its score and place, and where the model ran. */
final class DetectionResultPane {
    private final Label text = new Label();

    DetectionResultPane() {
        text.setId("detectionSummary");
        text.setWrapText(true);
        text.managedProperty().bind(text.textProperty().isNotEmpty());
    }

    Label view() {
        return text;
    }

    /** Shows the boxes found on {@code slice} (0-based), or nothing for null. */
    void show(DetectionView r, int slice) {
        if (r == null) {
            text.setText("");
            return;
        }
        StringBuilder s = new StringBuilder(r.findingLabel()).append(" on slice ").append(slice + 1)
                .append(String.format(Locale.ROOT, " (scores \u2265 %.2f)", r.scoreThreshold()));
        r.boxes().forEach(b -> s.append('\n').append(b.caption()).append(String.format(Locale.ROOT,
                " at %.0f,%.0f\u2013%.0f,%.0f", b.x1(), b.y1(), b.x2(), b.y2())));
        s.append("\nModel ").append(r.modelName()).append(' ').append(r.modelVersion()).append(" on ")
                .append(r.device());
        text.setText(s.toString());
    }
}
