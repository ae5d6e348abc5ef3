package io.secondlook.inference.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.inference.TestData;
import io.secondlook.inference.model.ModelCard;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelRegistry;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The held-out test split through DJL reproduces the card and beats the MedMNIST v2 ResNet baselines; the
 * validation split (where epoch and threshold were chosen) reproduces the card's validation figures.
 */
class ClassifierEvaluationTest {

    @Test
    void testSplitReproducesTheCardAndBeatsMedMnistBaselines(@TempDir Path cache) throws IOException {
        ModelPackage pkg = ModelRegistry.bundled(cache).require("pneumonia-demo");
        EvaluationResult result = ClassifierEvaluation.evaluate(pkg, TestData.pneumoniaNpz());
        ModelCard.Score card = pkg.card().metrics().test();
        assertEquals(624, result.n());
        assertEquals(new EvaluationResult(card.auc(), card.accuracy(), card.n()).format(), result.format());
        assertEquals(pkg.card().operatingThreshold(), pkg.card().metrics().threshold());
        // MedMNIST v2 (Yang et al. 2023), PneumoniaMNIST test: ResNet-50 (28) AUC 0.948, ResNet-18/50 ACC 0.854.
        assertTrue(result.auc() > 0.948, result.format());
        assertTrue(result.accuracy() > 0.854, result.format());

        EvaluationResult val = ClassifierEvaluation.evaluate(pkg, TestData.pneumoniaNpz(), "val");
        ModelCard.Score cardVal = pkg.card().metrics().validation();
        assertEquals(new EvaluationResult(cardVal.auc(), cardVal.accuracy(), cardVal.n()).format(), val.format());
    }
}
