package io.secondlook.app;

/** Starts the JavaFX workstation window. */
final class GuiLauncher {
    private GuiLauncher() {
    }

    static void launch(String[] args) {
        System.err.println("The workstation window is not wired yet; use a command (secondlook --help).");
    }
}
