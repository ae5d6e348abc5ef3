package io.secondlook.app.workflow;

import io.secondlook.inference.model.ModelCard;
import java.util.Locale;
import java.util.Map;

/** The model card as text a clinician reads before running the model. */
public final class ModelCardText {
    private ModelCardText() {
    }

    public static String render(ModelCard card) {
        StringBuilder s = new StringBuilder();
        s.append(card.name()).append('\n');
        s.append("Model ").append(card.id()).append(", version ").append(card.version()).append('\n');
        s.append("Task: ").append(card.task()).append(" of ").append(String.join("/", card.modality())).append(" images");
        if (card.bodyPart() != null) {
            s.append(" of the ").append(card.bodyPart().toLowerCase(Locale.ROOT));
        }
        s.append("\n\n");
        s.append("INTENDED USE\n").append(card.intendedUse()).append("\n\n");
        if (card.limitations() != null && !card.limitations().isEmpty()) {
            s.append("LIMITATIONS\n");
            card.limitations().forEach(l -> s.append("• ").append(l).append('\n'));
            s.append('\n');
        }
        s.append("OUTPUT\n");
        s.append("Labels: ").append(String.join(", ", card.labels()));
        if (card.positiveLabel() != null && card.operatingThreshold() != null) {
            s.append("; flags '").append(card.positiveLabel()).append("' when its probability ≥ ")
                    .append(String.format(Locale.ROOT, "%.3f", card.operatingThreshold())).append(" (operating threshold)");
        }
        s.append('\n');
        if (card.saliency() != null) {
            s.append("Explanation: ").append(String.join(", ", card.saliency().methods()))
                    .append(" heat map over the image (where the evidence for the label lies)\n");
        }
        s.append('\n');
        ModelCard.Input in = card.input();
        if (in != null) {
            s.append("INPUT\n").append(in.width()).append('×').append(in.height()).append(' ')
                    .append(in.channels() == 1 ? "grayscale" : in.channels() + "-channel");
            if (card.preprocessing() != null && card.preprocessing().steps() != null) {
                s.append(", ").append(String.join(" → ", card.preprocessing().steps().stream().map(ModelCard.Step::op).toList()));
            }
            s.append("\n\n");
        }
        if (card.trainingData() != null) {
            ModelCard.TrainingData t = card.trainingData();
            s.append("TRAINING DATA\n").append(t.name());
            if (t.splits() != null) {
                s.append(" (");
                int i = 0;
                for (Map.Entry<String, Integer> e : t.splits().entrySet()) {
                    s.append(i++ > 0 ? ", " : "").append(e.getKey()).append(' ').append(e.getValue());
                }
                s.append(')');
            }
            s.append(", licence ").append(t.licence()).append('\n');
            if (t.citation() != null) {
                s.append(t.citation()).append('\n');
            }
            s.append('\n');
        }
        if (card.metrics() != null && card.metrics().test() != null) {
            ModelCard.Score test = card.metrics().test();
            s.append("PERFORMANCE (held-out test split, n=").append(test.n()).append(")\n")
                    .append(String.format(Locale.ROOT, "AUC %.3f, accuracy %.3f at the operating threshold", test.auc(), test.accuracy()))
                    .append("\n\n");
        }
        s.append("Licence: ").append(card.licence()).append('\n');
        s.append("SHA-256 of model.onnx: ").append(card.sha256()).append('\n');
        return s.toString();
    }
}
