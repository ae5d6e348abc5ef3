package io.secondlook.app.workflow;

/**
 * Keeps the process offline: DJL reads these before it loads and must never try to download an engine
 * or report usage. Called first thing in {@code main}, before any DJL class is touched.
 */
public final class OfflineMode {
    private OfflineMode() {
    }

    public static void configure() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ORT_DISABLE_TELEMETRY", "1");
    }
}
