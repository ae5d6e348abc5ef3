package io.secondlook.viewer;

import io.secondlook.dicom.pixel.GrayscaleFrame;
import io.secondlook.dicom.pixel.VoiLut;
import io.secondlook.dicom.pixel.VoiWindow;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class ViewportTest {
    private static final ImageInfo INFO =
            new ImageInfo("Doe^Jane", "PID-7", "19700102", "F", "CT Chest", "20240315", "Axial 2.5", "CT");

    private Viewport viewport;
    private SyntheticStack stack;
    private final List<Integer> loadErrors = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        viewport = new Viewport();
        stack = new SyntheticStack(20, Set.of(17));
        viewport.setOnLoadError((index, e) -> loadErrors.add(index));
        stage.setScene(new Scene(new StackPane(viewport), 400, 400));
        stage.show();
        viewport.setSource(stack, INFO);
    }

    @Test
    void wheelAndKeysScrollSlicesAndAnnotation(FxRobot robot) {
        awaitSlice(0);
        assertTrue(text(robot, "#annotationBottomLeft").startsWith("1 / 20"));
        assertTrue(text(robot, "#annotationBottomLeft").contains("Pos -100.0 mm  Thk 2.5 mm"));
        assertEquals("Doe Jane\nPID-7\n1970-01-02 F", text(robot, "#annotationTopLeft"));
        assertEquals("CT Chest\n2024-03-15\nCT Axial 2.5", text(robot, "#annotationTopRight"));

        // Monocle's robot delivers wheel steps with the opposite sign to desktop platforms: check that robot
        // wheel steps move 1 slice each and undo each other, and the direction with events of known sign.
        robot.interact(() -> viewport.setSliceIndex(10));
        awaitSlice(10);
        robot.moveTo(viewport).scroll(3, javafx.geometry.VerticalDirection.DOWN);
        await(() -> viewport.displayedSliceProperty().get() == 7 || viewport.displayedSliceProperty().get() == 13,
                () -> "3 wheel steps, at " + viewport.getSliceIndex());
        int scrolled = viewport.getSliceIndex();
        assertTrue(text(robot, "#annotationBottomLeft").startsWith((scrolled + 1) + " / 20"));
        robot.scroll(3, javafx.geometry.VerticalDirection.UP);
        awaitSlice(10);
        robot.interact(() -> viewport.fireEvent(wheel(-40)));
        awaitSlice(11);
        robot.interact(() -> viewport.fireEvent(wheel(40)));
        awaitSlice(10);
        robot.interact(() -> viewport.setSliceIndex(2));
        awaitSlice(2);

        robot.clickOn(viewport).type(KeyCode.DOWN);
        awaitSlice(3);
        robot.type(KeyCode.PAGE_DOWN);
        awaitSlice(13);
        robot.type(KeyCode.END);
        awaitSlice(19);
        assertTrue(text(robot, "#annotationBottomLeft").startsWith("20 / 20"));
        robot.type(KeyCode.DOWN);
        robot.type(KeyCode.PAGE_UP);
        awaitSlice(9);
        robot.type(KeyCode.HOME).type(KeyCode.UP);
        awaitSlice(0);
        assertEquals(0, viewport.getSliceIndex());
    }

    @Test
    void rightDragSetsWidthHorizontallyAndCentreVertically(FxRobot robot) {
        awaitSlice(0);
        assertEquals(40, viewport.getWindow().center(), 1e-9);
        assertEquals(400, viewport.getWindow().width(), 1e-9);

        robot.drag(viewport, MouseButton.SECONDARY).moveBy(60, 0).release(MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        VoiWindow wider = viewport.getWindow();
        assertTrue(wider.width() > 450, "width " + wider.width());
        assertEquals(40, wider.center(), 1e-9);

        robot.drag(viewport, MouseButton.SECONDARY).moveBy(0, 40).release(MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(viewport.getWindow().center() > 80, "centre " + viewport.getWindow().center());
        assertEquals(wider.width(), viewport.getWindow().width(), 1e-9);
        assertTrue(text(robot, "#annotationBottomRight").startsWith(viewport.getWindow().toString()));
    }

    @Test
    void presetsSetTheWindowAndTheRenderedPixels(FxRobot robot) {
        awaitSlice(0);
        assertEquals(expectedGray(SyntheticStack.FILE_WINDOW), leftPixel(robot) & 0xFF);

        robot.clickOn(viewport).type(KeyCode.DIGIT1);
        assertEquals(-600, viewport.getWindow().center(), 1e-9);
        assertEquals(1500, viewport.getWindow().width(), 1e-9);
        assertEquals(expectedGray(viewport.getWindow()), leftPixel(robot) & 0xFF);

        robot.interact(() -> viewport.applyPreset(WindowPreset.BRAIN));
        assertTrue(text(robot, "#annotationBottomRight").startsWith("C 40 W 80"));
        assertEquals(255, leftPixel(robot) & 0xFF);
        assertEquals(0, pixel(robot, 48, 32) & 0xFF);

        robot.type(KeyCode.DIGIT3);
        assertEquals(new VoiWindow(400, 1800, "Bone"), viewport.getWindow());
        robot.type(KeyCode.DIGIT5);
        assertEquals(new VoiWindow(40, 400, "From file"), viewport.getWindow());
        assertEquals(expectedGray(SyntheticStack.FILE_WINDOW), leftPixel(robot) & 0xFF);
    }

    @Test
    void zoomKeysAndResetChangeTheScale(FxRobot robot) {
        awaitSlice(0);
        double fit = viewport.zoomProperty().get();
        assertEquals(400.0 / 64, fit, 1e-9);
        robot.clickOn(viewport).type(KeyCode.EQUALS);
        assertEquals(fit * 1.25, viewport.zoomProperty().get(), 1e-9);
        assertTrue(text(robot, "#annotationBottomRight").endsWith("Zoom 781%"));
        robot.press(KeyCode.CONTROL).scroll(1, javafx.geometry.VerticalDirection.UP).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotEquals(fit * 1.25, viewport.zoomProperty().get(), 1e-9);
        assertEquals(0, viewport.getSliceIndex());
        robot.type(KeyCode.R);
        assertEquals(fit, viewport.zoomProperty().get(), 1e-9);
    }

    @Test
    void heatmapOpacityAndToggleChangeTheCompositedPixels(FxRobot robot) {
        awaitSlice(0);
        int gray = leftPixel(robot);
        float[] grid = new float[8 * 8];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 4; x++) {
                grid[y * 8 + x] = 1f;
            }
        }
        int[] lut = Colormap.JET.lut();
        robot.interact(() -> {
            viewport.heatmap().setHeatmap(new Heatmap(grid, 8, 8, "CAM"));
            viewport.heatmap().setColormap(lut);
            viewport.heatmap().setOpacity(1);
        });
        assertEquals(lut[255] & 0xFFFFFF, leftPixel(robot) & 0xFFFFFF);
        assertEquals(0, pixel(robot, 56, 32) & 0xFFFFFF, "below the threshold stays transparent");
        assertTrue(robot.lookup("#heatmapLegend").query().isVisible());

        robot.interact(() -> viewport.heatmap().setOpacity(0.5));
        int half = leftPixel(robot);
        int expectedRed = Math.round(((lut[255] >> 16 & 0xFF) + (gray >> 16 & 0xFF)) / 2f);
        assertEquals(expectedRed, half >> 16 & 0xFF, 2);

        robot.interact(() -> viewport.heatmap().setVisible(false));
        assertEquals(gray, leftPixel(robot));
        assertTrue(!robot.lookup("#heatmapLegend").query().isVisible());
    }

    @Test
    void aFrameThatFailsToLoadIsReportedAndTheViewerGoesOn(FxRobot robot) {
        awaitSlice(0);
        robot.interact(() -> viewport.setSliceIndex(17));
        WaitForAsyncUtils.waitForFxEvents();
        await(() -> !loadErrors.isEmpty());
        assertEquals(List.of(17), loadErrors);
        assertTrue(text(robot, "#viewportMessage").contains("Cannot load slice 18"));
        assertTrue(text(robot, "#viewportMessage").contains("truncated pixel data"));
        robot.interact(() -> viewport.setSliceIndex(16));
        awaitSlice(16);
        assertEquals("", text(robot, "#viewportMessage"));
    }

    @Test
    void leftDragPansAndDoubleClickResets(FxRobot robot) {
        awaitSlice(0);
        Point2D before = viewport.imageToLocal(0, 0);
        robot.drag(viewport, MouseButton.PRIMARY).moveBy(30, 20).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Point2D after = viewport.imageToLocal(0, 0);
        assertEquals(30, after.getX() - before.getX(), 1e-6);
        assertEquals(20, after.getY() - before.getY(), 1e-6);
        robot.interact(() -> viewport.setWindow(new VoiWindow(0, 100, "Custom")));
        robot.doubleClickOn(viewport);
        assertEquals(before, viewport.imageToLocal(0, 0));
        assertEquals(SyntheticStack.FILE_WINDOW.width(), viewport.getWindow().width(), 1e-9);
    }

    @Test
    void revisitedSlicesComeFromTheCache(FxRobot robot) {
        awaitSlice(0);
        for (int i = 1; i <= 4; i++) {
            int slice = i;
            robot.interact(() -> viewport.setSliceIndex(slice));
            awaitSlice(slice);
        }
        WaitForAsyncUtils.waitForFxEvents();
        int loads = stack.loads.get();
        assertTrue(loads <= 7, "each slice loaded once, neighbours ahead: " + loads);
        robot.interact(() -> viewport.setSliceIndex(2));
        awaitSlice(2);
        assertEquals(loads, stack.loads.get(), "slice 3 again without decoding it again");
    }

    @Test
    void imageToLocalMapsTheFittedImage() {
        awaitSlice(0);
        Point2D centre = viewport.imageToLocal(32, 32);
        assertEquals(200, centre.getX(), 1e-9);
        assertEquals(200, centre.getY(), 1e-9);
    }

    /** A wheel event as desktop platforms send it: negative deltaY when the wheel turns towards the user. */
    private ScrollEvent wheel(double deltaY) {
        return new ScrollEvent(ScrollEvent.SCROLL, 200, 200, 200, 200, false, false, false, false, false, false,
                0, deltaY, 0, deltaY, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null);
    }

    @Test
    void segmentationLabelsAndUncertaintyFollowTheSliceOnScreen(FxRobot robot) {
        awaitSlice(0);
        int n = SyntheticStack.SIZE * SyntheticStack.SIZE;
        byte[] labels = new byte[n * 20];
        float[] uncertainty = new float[n * 20];
        for (int y = 0; y < SyntheticStack.SIZE; y++) {
            for (int x = 0; x < SyntheticStack.SIZE / 2; x++) {
                labels[3 * n + y * SyntheticStack.SIZE + x] = 1;
                uncertainty[3 * n + y * SyntheticStack.SIZE + x] = 1;
            }
        }
        int green = 0xFF00FF00;
        robot.interact(() -> {
            viewport.labels().setVolume(new LabelVolume(SyntheticStack.SIZE, SyntheticStack.SIZE, 20, labels,
                    uncertainty, List.of(new LabelVolume.LabelClass(0, "background", 0, 0),
                    new LabelVolume.LabelClass(1, "left", green, 1.5)), "Entropy"));
            viewport.labels().opacityProperty().set(1);
            viewport.setSliceIndex(3);
        });
        awaitSlice(3);
        assertEquals(green, leftPixel(robot), "label colour over the labelled half");
        assertEquals("left  1.5 ml", robot.lookup("#labelLegend .label").queryAs(Label.class).getText());
        robot.interact(() -> viewport.labels().showUncertaintyProperty().set(true));
        assertEquals(Colormap.HOT.lut()[255], leftPixel(robot), "the uncertainty map replaces the labels");
        robot.interact(() -> viewport.setSliceIndex(4));
        awaitSlice(4);
        int gray = expectedGray(viewport.getWindow());
        assertEquals(0xFF000000 | gray << 16 | gray << 8 | gray, leftPixel(robot), "slice 5 has no labels");
    }

    @Test
    void detectionBoxesAreDrawnOnTheirSliceOnly(FxRobot robot) {
        awaitSlice(0);
        robot.interact(() -> {
            viewport.detections().show(2, List.of(new DetectionOverlay.Box(8, 20, 40, 44, "spot", 0.87)));
            viewport.setSliceIndex(2);
        });
        awaitSlice(2);
        int edge = pixel(robot, 8, 32);
        assertTrue((edge >> 16 & 0xFF) > 200 && (edge & 0xFF) < 120, "box outline drawn: " + Integer.toHexString(edge));
        robot.interact(() -> viewport.setSliceIndex(3));
        awaitSlice(3);
        int plain = pixel(robot, 8, 32);
        assertEquals(plain >> 16 & 0xFF, plain & 0xFF, "no box on another slice: " + Integer.toHexString(plain));
        assertEquals("spot 0.87", new DetectionOverlay.Box(0, 0, 1, 1, "spot", 0.871).caption());
    }

    private int expectedGray(VoiWindow window) {
        GrayscaleFrame one = new GrayscaleFrame(1, 1, new float[] {SyntheticStack.LEFT}, null, false);
        return VoiLut.toDisplay(one, window)[0] & 0xFF;
    }

    /** The composited ARGB pixel in the middle of the image's left half. */
    private int leftPixel(FxRobot robot) {
        return pixel(robot, 16, 32);
    }

    private int pixel(FxRobot robot, double imageX, double imageY) {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = viewport.snapshot(null, null));
        Point2D p = viewport.imageToLocal(imageX, imageY);
        Screenshots.save(shot[0], "viewport");
        return shot[0].getPixelReader().getArgb((int) p.getX(), (int) p.getY());
    }

    private void awaitSlice(int index) {
        await(() -> viewport.displayedSliceProperty().get() == index && viewport.getSliceIndex() == index,
                () -> "slice " + index + ", at " + viewport.getSliceIndex() + " showing "
                        + viewport.displayedSliceProperty().get());
    }

    private static void await(BooleanSupplier condition) {
        await(condition, null);
    }

    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> what) {
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("Timed out waiting" + (what == null ? "" : " for " + what.get()), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }
}
