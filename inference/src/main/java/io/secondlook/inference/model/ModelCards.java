package io.secondlook.inference.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Reads and validates {@link ModelCard}s; every failure names the card file and the field. */
public final class ModelCards {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.+-]+)?");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ModelCards() {
    }

    public static ModelCard read(Path cardFile) {
        ModelCard card;
        try (InputStream in = Files.newInputStream(cardFile)) {
            card = JSON.readValue(in, ModelCard.class);
        } catch (JacksonException e) {
            throw new ModelPackageException(cardFile, "not a valid model card: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelPackageException(cardFile, "cannot read model card: " + e.getMessage(), e);
        }
        validate(card, cardFile);
        return card;
    }

    /** Checks required fields and their consistency; {@code source} only labels the error messages. */
    public static void validate(ModelCard card, Path source) {
        if (card == null) {
            throw new ModelPackageException(source, "empty model card");
        }
        require(card.id(), "id", source);
        require(card.version(), "version", source);
        if (!SEMVER.matcher(card.version()).matches()) {
            fail(source, "version", "must be semantic (MAJOR.MINOR.PATCH), got '" + card.version() + "'");
        }
        require(card.name(), "name", source);
        require(card.task(), "task", source);
        require(card.intendedUse(), "intendedUse", source);
        require(card.licence(), "licence", source);
        require(card.sha256(), "sha256", source);
        if (!SHA256.matcher(card.sha256()).matches()) {
            fail(source, "sha256", "must be 64 lower-case hex digits");
        }
        ModelCard.Input in = card.input();
        if (in == null || blank(in.name()) || in.width() <= 0 || in.height() <= 0 || in.channels() != 1) {
            fail(source, "input", "needs name, positive width/height and channels=1");
        }
        ModelCard.Preprocessing pre = card.preprocessing();
        if (pre == null || pre.mean() == null || pre.std() == null || !(pre.std() > 0)) {
            fail(source, "preprocessing", "needs mean and a positive std");
        }
        List<String> labels = card.labels();
        if (labels == null || labels.size() < 2) {
            fail(source, "labels", "needs at least two labels");
        }
        require(card.positiveLabel(), "positiveLabel", source);
        if (!labels.contains(card.positiveLabel())) {
            fail(source, "positiveLabel", "'" + card.positiveLabel() + "' is not one of " + labels);
        }
        Double t = card.operatingThreshold();
        if (t == null || !(t >= 0 && t <= 1)) {
            fail(source, "operatingThreshold", "must be a probability in [0,1]");
        }
        if (card.outputs() == null || card.output("probabilities") == null) {
            fail(source, "outputs", "must describe the 'probabilities' output");
        }
        validateSaliency(card, source);
    }

    private static void validateSaliency(ModelCard card, Path source) {
        ModelCard.Saliency s = card.saliency();
        if (s == null || s.cam() == null) {
            return;
        }
        ModelCard.Cam cam = s.cam();
        if (blank(cam.featureOutput()) || card.output(cam.featureOutput()) == null) {
            fail(source, "saliency.cam.featureOutput", "must name one of the outputs");
        }
        double[][] w = cam.classifierWeights();
        if (w == null || w.length != card.labels().size() || w[0] == null || w[0].length == 0) {
            fail(source, "saliency.cam.classifierWeights", "must be [labels][channels]");
        }
        for (double[] row : w) {
            if (row == null || row.length != w[0].length) {
                fail(source, "saliency.cam.classifierWeights", "rows must all have " + w[0].length + " channels");
            }
        }
        if (cam.classifierBias() != null && cam.classifierBias().length != w.length) {
            fail(source, "saliency.cam.classifierBias", "must have one value per label");
        }
    }

    private static void require(String value, String field, Path source) {
        if (blank(value)) {
            fail(source, field, "is required");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void fail(Path source, String field, String problem) {
        throw new ModelPackageException(source, "field '" + field + "' " + problem);
    }
}
