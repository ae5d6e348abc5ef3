package io.secondlook.inference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.inference.eval.NpyArray;
import io.secondlook.inference.eval.NpzReader;
import io.secondlook.inference.image.GrayImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Locations of the shared corpus used by the tests. */
public final class TestData {

    private TestData() {
    }

    public static Path shared() {
        String prop = System.getProperty("secondlook.shared", "/work/shared");
        return Path.of(prop);
    }

    /** PneumoniaMNIST (MedMNIST v2), train 4708 / val 524 / test 624. */
    public static Path pneumoniaNpz() {
        Path npz = shared().resolve("corpus/dataset/pneumoniamnist/pneumoniamnist_reconstructed_4708_524_624.npz");
        assertTrue(Files.isRegularFile(npz), "PneumoniaMNIST not found at " + npz + " (set -Dsecondlook.shared)");
        return npz;
    }

    /** {@code count} 28x28 images of a PneumoniaMNIST split, from index {@code first}. */
    public static List<GrayImage> pneumoniaImages(String split, int first, int count) {
        try (NpzReader npz = NpzReader.open(pneumoniaNpz())) {
            NpyArray images = npz.array(split + "_images");
            List<GrayImage> out = new ArrayList<>();
            for (int i = first; i < first + count; i++) {
                out.add(GrayImage.fromUnsignedBytes(28, 28, images.unsignedBytes(i * 784, 784), 0));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
