package io.secondlook.app.gui;

import java.util.Objects;

/**
 * A model offered for the open series.
 *
 * @param task classification, segmentation or detection (the card's task)
 * @param cardText the model card as readable text, shown before the model is run
 */
public record ModelChoice(String id, String version, String name, String task, String cardText) {

    public static final String CLASSIFICATION = "classification";
    public static final String SEGMENTATION = "segmentation";
    public static final String DETECTION = "detection";

    public ModelChoice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(task, "task");
    }

    @Override
    public String toString() {
        return name + " " + version;
    }
}
