package io.secondlook.app.gui;

import io.secondlook.viewer.ImagePng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Lookups, waits and screenshots shared by the window tests. */
public final class WindowTestSupport {
    private WindowTestSupport() {
    }

    public static Label label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class);
    }

    public static Button button(FxRobot robot, String query) {
        return robot.lookup(query).queryButton();
    }

    public static void await(BooleanSupplier condition, Supplier<String> what) {
        await(10, condition, what);
    }

    /** Waits for the condition, then for pending FX events; fails naming what did not happen. */
    public static void await(int seconds, BooleanSupplier condition, Supplier<String> what) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("Timed out waiting for " + what.get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Saves the scene as PNG under {@code -Dsl.screenshots=DIR}, for looking at; no-op otherwise. */
    public static void screenshot(FxRobot robot, Scene scene, String name) {
        String dir = System.getProperty("sl.screenshots");
        if (dir != null && !dir.isBlank()) {
            WritableImage[] shot = new WritableImage[1];
            robot.interact(() -> shot[0] = scene.snapshot(null));
            try {
                ImagePng.write(shot[0], Path.of(dir, name + ".png"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
