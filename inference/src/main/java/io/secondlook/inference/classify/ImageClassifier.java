package io.secondlook.inference.classify;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import io.secondlook.inference.image.AreaResize;
import io.secondlook.inference.image.GrayImage;
import io.secondlook.inference.model.ModelCard;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelPackageException;
import io.secondlook.inference.runtime.OfflineRuntime;
import io.secondlook.inference.saliency.ClassActivationMap;
import io.secondlook.inference.saliency.SaliencyMap;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Classifies grayscale images with one model package through DJL's ONNX Runtime engine on the CPU. The model
 * is loaded once; {@link #classify} is thread-safe (calls are serialised) and runs one forward pass that yields
 * both the probabilities and, when the card describes CAM, the saliency map.
 */
public final class ImageClassifier implements AutoCloseable {

    private static final String PROBABILITIES = "probabilities";

    private final ModelPackage pkg;
    private final ModelCard card;
    private final ZooModel<float[], RawOutputs> model;
    private final Predictor<float[], RawOutputs> predictor;

    private ImageClassifier(ModelPackage pkg, ZooModel<float[], RawOutputs> model) {
        this.pkg = pkg;
        this.card = pkg.card();
        this.model = model;
        this.predictor = model.newPredictor();
    }

    /** Loads the package's ONNX model; a model DJL cannot load is reported against its file. */
    public static ImageClassifier open(ModelPackage pkg) {
        OfflineRuntime.ensureConfigured();
        ModelCard card = pkg.card();
        Criteria<float[], RawOutputs> criteria = Criteria.builder()
                .setTypes(float[].class, RawOutputs.class)
                .optModelPath(pkg.modelFile())
                .optEngine("OnnxRuntime")
                .optTranslator(new RawTranslator(card))
                .build();
        try {
            ZooModel<float[], RawOutputs> model = criteria.loadModel();
            OfflineRuntime.disableOrtTelemetry();
            return new ImageClassifier(pkg, model);
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new ModelPackageException(pkg.modelFile(), "cannot load model '" + card.id() + "': "
                    + e.getMessage(), e);
        }
    }

    public ModelPackage modelPackage() {
        return pkg;
    }

    /** Resizes to the card's input size (area average), normalises, runs one forward pass. */
    public Classification classify(GrayImage image) {
        ModelCard.Input in = card.input();
        float[] pixels = AreaResize.resize(image, in.width(), in.height());
        float mean = card.preprocessing().mean().floatValue();
        float std = card.preprocessing().std().floatValue();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (pixels[i] - mean) / std;
        }
        RawOutputs out;
        synchronized (this) {
            try {
                out = predictor.predict(pixels);
            } catch (TranslateException e) {
                throw new IllegalStateException("Inference failed for model '" + card.id() + "'", e);
            }
        }
        double[] probs = new double[out.probabilities.length];
        for (int i = 0; i < probs.length; i++) {
            probs[i] = out.probabilities[i];
        }
        List<String> labels = card.labels();
        if (probs.length != labels.size()) {
            throw new ModelPackageException(pkg.modelFile(), "output '" + PROBABILITIES + "' has " + probs.length
                    + " classes but the card lists " + labels.size() + " labels");
        }
        int pos = card.positiveIndex();
        double threshold = card.operatingThreshold();
        boolean positive = probs[pos] >= threshold;
        String label = positive ? card.positiveLabel() : mostProbableOther(labels, probs, pos);
        SaliencyMap saliency = out.features == null ? null
                : cam(out, labels.indexOf(label), image.width(), image.height());
        return new Classification(label, probs[pos], labels, probs, threshold, positive, card.id(),
                card.version(), "cpu", saliency);
    }

    private SaliencyMap cam(RawOutputs out, int classIndex, int width, int height) {
        ModelCard.Cam cam = card.saliency().cam();
        long[] s = out.featureShape;
        return ClassActivationMap.compute(out.features, (int) s[1], (int) s[2], (int) s[3],
                cam.classifierWeights()[classIndex], width, height,
                Map.of("targetLabel", card.labels().get(classIndex), "featureOutput", cam.featureOutput()));
    }

    private static String mostProbableOther(List<String> labels, double[] probs, int exclude) {
        int best = -1;
        for (int i = 0; i < probs.length; i++) {
            if (i != exclude && (best < 0 || probs[i] > probs[best])) {
                best = i;
            }
        }
        return labels.get(best);
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }

    /** The forward pass copied out of native memory. */
    private record RawOutputs(float[] probabilities, float[] features, long[] featureShape) {
    }

    private static final class RawTranslator implements NoBatchifyTranslator<float[], RawOutputs> {
        private final ModelCard card;

        RawTranslator(ModelCard card) {
            this.card = card;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, float[] input) {
            ModelCard.Input in = card.input();
            NDArray array = ctx.getNDManager().create(input, new Shape(1, 1, in.height(), in.width()));
            array.setName(in.name());
            return new NDList(array);
        }

        @Override
        public RawOutputs processOutput(TranslatorContext ctx, NDList list) {
            String featureName = card.saliency() == null || card.saliency().cam() == null ? null
                    : card.saliency().cam().featureOutput();
            NDArray probs = byName(list, PROBABILITIES, 0);
            NDArray features = featureName == null ? null : byName(list, featureName, 1);
            if (features != null && features.getShape().dimension() != 4) {
                throw new IllegalStateException("Output '" + featureName + "' has shape " + features.getShape()
                        + ", expected [N,C,H,W]");
            }
            return new RawOutputs(probs.toFloatArray(), features == null ? null : features.toFloatArray(),
                    features == null ? null : features.getShape().getShape());
        }

        /** Outputs by name when the engine names them, else by their position in the graph. */
        private static NDArray byName(NDList list, String name, int fallbackIndex) {
            NDArray named = list.get(name);
            if (named != null) {
                return named;
            }
            if (list.size() <= fallbackIndex) {
                throw new IllegalStateException("Model has no output '" + name + "' (outputs: "
                        + Arrays.toString(list.stream().map(NDArray::getName).toArray()) + ")");
            }
            return list.get(fallbackIndex);
        }
    }
}
