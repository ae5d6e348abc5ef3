package io.secondlook.inference.eval;

import java.util.Locale;

/** A classifier's discrimination (ROC AUC) and accuracy at its operating threshold on {@code n} images. */
public record EvaluationResult(double auc, double accuracy, int n) {

    /** {@code AUC=0.xxx ACC=0.xxx}, three decimals, locale-independent. */
    public String format() {
        return String.format(Locale.ROOT, "AUC=%.3f ACC=%.3f", auc, accuracy);
    }
}
