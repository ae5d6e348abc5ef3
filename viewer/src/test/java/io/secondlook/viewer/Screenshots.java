package io.secondlook.viewer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javafx.scene.image.Image;

/** Saves snapshots as PNG under the folder named by {@code -Dsl.screenshots=DIR}, for looking at; no-op otherwise. */
final class Screenshots {
    private Screenshots() {
    }

    static void save(Image image, String name) {
        String dir = System.getProperty("sl.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            ImagePng.write(image, Path.of(dir, name + ".png"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
