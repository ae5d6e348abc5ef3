package io.secondlook.inference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
