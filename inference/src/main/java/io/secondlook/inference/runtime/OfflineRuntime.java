package io.secondlook.inference.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.file.Path;

/**
 * Keeps DJL and ONNX Runtime offline and private. Every inference entry point calls
 * {@link #ensureConfigured()} before it touches a DJL class: DJL reads these properties when its
 * classes initialise, so setting them later has no effect.
 */
public final class OfflineRuntime {

    private static volatile boolean configured;
    private static volatile boolean telemetryDisabled;

    private OfflineRuntime() {
    }

    /** Sets the offline properties and a local DJL cache folder; idempotent and cheap. */
    public static void ensureConfigured() {
        if (configured) {
            return;
        }
        synchronized (OfflineRuntime.class) {
            if (configured) {
                return;
            }
            System.setProperty("ai.djl.offline", "true");
            System.setProperty("OPT_OUT_TRACKING", "true");
            if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
                System.setProperty("DJL_CACHE_DIR", defaultCacheDir().toString());
            }
            configured = true;
        }
    }

    /** Call once ONNX Runtime is on the way to being used: turns its telemetry off. */
    public static void disableOrtTelemetry() {
        ensureConfigured();
        if (telemetryDisabled) {
            return;
        }
        synchronized (OfflineRuntime.class) {
            if (telemetryDisabled) {
                return;
            }
            try {
                OrtEnvironment.getEnvironment().setTelemetry(false);
            } catch (OrtException e) {
                throw new IllegalStateException("Could not disable ONNX Runtime telemetry", e);
            }
            telemetryDisabled = true;
        }
    }

    /** The DJL cache folder used when neither the property nor the environment names one. */
    public static Path defaultCacheDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "secondlook", "djl-cache");
    }
}
