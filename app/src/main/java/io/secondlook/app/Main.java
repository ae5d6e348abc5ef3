package io.secondlook.app;

import io.secondlook.app.cli.SecondLookCommand;
import io.secondlook.app.workflow.OfflineMode;

/**
 * Entry point. Without a command it opens the workstation; with one it is the {@code secondlook} command line.
 * Kept free of JavaFX types so the command line never needs a display.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        OfflineMode.configure();
        int exitCode = SecondLookCommand.execute(args, GuiLauncher::launch);
        if (exitCode != 0 || args.length > 0) {
            System.exit(exitCode);
        }
    }
}
