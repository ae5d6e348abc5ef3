package io.secondlook.inference.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelPackageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segmentation cards are checked before a model runs; each refusal names the file and the field. */
class SegmentationModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theBrainchopCardLoads() throws IOException {
        SegmentationModel model = Brainchop.model(dir);
        assertEquals("LIA", model.spec().orientation());
        assertEquals(List.of(1.0, 1.0, 1.0), model.spec().spacingMm());
        assertArrayEquals(new int[] {256, 256, 256}, model.inputDims());
        assertEquals(List.of("background", "white matter", "grey matter"), model.labels());
        assertEquals(0x00000000, model.spec().argb(0), "background is transparent");
        assertEquals(0xFFFFFFFF, model.spec().argb(1));
        assertTrue(model.card().appliesTo("MR"));
    }

    @Test
    void aDifferentModelFileIsRefused() throws IOException {
        Brainchop.writePackage(dir);
        edit(card -> card.put("sha256", "0".repeat(64)));
        ModelPackageException e = assertThrows(ModelPackageException.class, () -> SegmentationModel.load(dir, dir));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void cardsThatCannotDriveASegmentationAreRefused() throws IOException {
        Brainchop.writePackage(dir);
        refused(card -> ((ArrayNode) card.get("labelColors")).remove(2), "labelColors");
        refused(card -> ((ObjectNode) card.get("input")).put("spatial", "2d-slice"), "input");
        refused(card -> ((ObjectNode) card.get("input")).put("orientation", "LIX"), "input.orientation");
        refused(card -> ((ObjectNode) card.get("input")).put("layout", "NDHWC"), "input.layout");
        refused(card -> ((ObjectNode) card.get("preprocessing")).put("intensity", "zscore"), "intensity");
    }

    @Test
    void aCardThatDisagreesWithTheOnnxGraphIsRefused() throws IOException {
        Brainchop.writePackage(dir);
        edit(card -> ((ObjectNode) card.get("input")).put("name", "image"));
        ModelPackageException e = assertThrows(ModelPackageException.class, () -> SegmentationModel.load(dir, dir));
        assertTrue(e.getMessage().contains("'image'"), e.getMessage());
    }

    private void refused(Consumer<ObjectNode> change, String field) throws IOException {
        Path card = dir.resolve(ModelPackage.CARD_FILE);
        ObjectNode original = (ObjectNode) JSON.readTree(card.toFile());
        try {
            edit(change);
            ModelPackageException e = assertThrows(ModelPackageException.class, () -> SegmentationModel.load(dir, dir));
            assertTrue(e.getMessage().contains(field) && e.getMessage().contains(card.toString()), e.getMessage());
        } finally {
            JSON.writeValue(card.toFile(), original);
        }
    }

    private void edit(Consumer<ObjectNode> change) throws IOException {
        Path card = dir.resolve(ModelPackage.CARD_FILE);
        ObjectNode node = (ObjectNode) JSON.readTree(card.toFile());
        change.accept(node);
        JSON.writeValue(card.toFile(), node);
    }
}
