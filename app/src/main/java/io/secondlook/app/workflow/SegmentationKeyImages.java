package io.secondlook.app.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.secondlook.core.domain.Finding;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The key image of each segmentation finding, kept on disk when the segmentation runs (the label volume itself
 * lives only in memory, for the session's latest runs): {@code <finding UID>.png}, the key slice with its labels
 * blended in, and {@code <finding UID>.json} with the slice's number. A report exported after a restart uses
 * them. Files are written to a temporary name and moved into place, so a crash never leaves half an image.
 */
final class SegmentationKeyImages {

    /** A key image and the slice (viewer order, from 0) it shows. */
    record KeyImage(BufferedImage image, int keySlice) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    SegmentationKeyImages(Path folder) {
        this.folder = folder;
    }

    void save(Finding finding, BufferedImage image, int keySlice) throws IOException {
        Files.createDirectories(folder);
        String base = fileBase(finding);
        Path png = folder.resolve(base + ".png");
        Path tmp = Files.createTempFile(folder, base, ".tmp");
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("No PNG writer for the key image");
            }
            Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.write(tmp, JSON.writeValueAsBytes(JSON.createObjectNode().put("keySlice", keySlice)));
            Files.move(tmp, folder.resolve(base + ".json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    boolean exists(Finding finding) {
        String base = fileBase(finding);
        return Files.isRegularFile(folder.resolve(base + ".png")) && Files.isRegularFile(folder.resolve(base + ".json"));
    }

    /** The stored key image of a finding; empty when none was saved (or it is incomplete). */
    Optional<KeyImage> load(Finding finding) throws IOException {
        String base = fileBase(finding);
        Path png = folder.resolve(base + ".png");
        Path json = folder.resolve(base + ".json");
        if (!exists(finding)) {
            return Optional.empty();
        }
        JsonNode slice = JSON.readTree(json.toFile()).get("keySlice");
        BufferedImage image = ImageIO.read(png.toFile());
        if (slice == null || !slice.canConvertToInt() || image == null) {
            throw new IOException("The key image files of finding " + finding.findingUid() + " in " + folder
                    + " are damaged");
        }
        return Optional.of(new KeyImage(image, slice.intValue()));
    }

    private static String fileBase(Finding finding) {
        return finding.findingUid().replaceAll("[^A-Za-z0-9.-]", "_");
    }
}
