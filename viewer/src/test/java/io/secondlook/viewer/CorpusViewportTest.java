package io.secondlook.viewer;

import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.pixel.GrayscaleFrame;
import io.secondlook.dicom.pixel.PixelPipeline;
import io.secondlook.dicom.pixel.VoiLut;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A real CT series from the shared corpus, decoded by the dicom module and shown 1:1: the screen is VoiLut's output. */
@ExtendWith(ApplicationExtension.class)
class CorpusViewportTest {
    private static final Path SERIES = Path.of(System.getProperty("secondlook.shared", "../shared"),
            "corpus", "dicom", "series", "ct_3slice");

    private Viewport viewport;
    private List<Path> files;

    @Start
    void start(Stage stage) throws IOException {
        assumeTrue(Files.isDirectory(SERIES), "shared corpus absent: " + SERIES);
        try (Stream<Path> s = Files.list(SERIES)) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        viewport = new Viewport();
        viewport.resize(512, 512);
        Pane pane = new Pane(viewport);
        stage.setScene(new Scene(pane, 512, 512));
        stage.show();
        viewport.setSource(new FrameSource() {
            @Override
            public int frameCount() {
                return files.size();
            }

            @Override
            public GrayscaleFrame frame(int index) throws Exception {
                return PixelPipeline.grayscale(DicomReader.read(files.get(index)), 0);
            }
        }, new ImageInfo("Anonymous", "", "", "", "CT", "", "3 slices", "CT"));
    }

    @Test
    void theScreenShowsTheWindowedModalityValuesPixelForPixel(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> viewport.displayedSliceProperty().get() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.0, viewport.zoomProperty().get(), 1e-9, "512 x 512 image in a 512 x 512 viewport");
        for (WindowPreset preset : List.of(WindowPreset.FROM_FILE, WindowPreset.LUNG, WindowPreset.BONE)) {
            robot.interact(() -> viewport.applyPreset(preset));
            GrayscaleFrame frame = viewport.getFrame();
            byte[] expected = VoiLut.toDisplay(frame, viewport.getWindow());
            WritableImage[] shot = new WritableImage[1];
            robot.interact(() -> shot[0] = viewport.snapshot(null, null));
            Screenshots.save(shot[0], "corpus-ct-" + preset.name().toLowerCase(java.util.Locale.ROOT));
            PixelReader px = shot[0].getPixelReader();
            // Sample the middle, away from the corner annotations.
            for (int y = 160; y < 352; y += 7) {
                for (int x = 160; x < 352; x += 7) {
                    int gray = expected[y * 512 + x] & 0xFF;
                    assertEquals(0xFF000000 | gray << 16 | gray << 8 | gray, px.getArgb(x, y),
                            preset + " at " + x + "," + y);
                }
            }
        }
    }
}
