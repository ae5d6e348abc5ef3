package io.secondlook.app;

import io.secondlook.app.gui.SecondLookApp;
import io.secondlook.app.gui.StoreProblemDialog;
import io.secondlook.app.workflow.AppHome;
import io.secondlook.app.workflow.StoreOpening;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Starts the JavaFX workstation window on a data folder; returns when the window closes. When the database is
 * locked or damaged, the user chooses the way out in a dialog before the window opens.
 */
final class GuiLauncher {
    private GuiLauncher() {
    }

    static void launch(AppHome home) {
        SecondLookApp.launch(() -> {
            try {
                return StoreOpening.workstation(home, StoreProblemDialog::ask).map(WorkstationReadingService::new)
                        .orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open the data folder " + home.root() + ": " + e.getMessage(), e);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot start SecondLook on " + home.root() + ": " + e.getMessage(), e);
            }
        });
    }
}
