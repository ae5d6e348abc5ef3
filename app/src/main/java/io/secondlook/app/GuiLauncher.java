package io.secondlook.app;

import io.secondlook.app.gui.SecondLookApp;
import io.secondlook.app.workflow.AppHome;
import io.secondlook.app.workflow.Workstation;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Starts the JavaFX workstation window on a data folder; returns when the window closes. */
final class GuiLauncher {
    private GuiLauncher() {
    }

    static void launch(AppHome home) {
        SecondLookApp.launch(() -> {
            try {
                return new WorkstationReadingService(Workstation.open(home));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open the data folder " + home.root() + ": " + e.getMessage(), e);
            }
        });
    }
}
