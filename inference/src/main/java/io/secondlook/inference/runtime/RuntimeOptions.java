package io.secondlook.inference.runtime;

import java.util.Locale;

/**
 * How to run models: the device ({@code AUTO}: CUDA when the GPU runtime and a device are present, else CPU)
 * and ONNX Runtime's intra-op thread count (0: its default, one per physical core). Defaults come from the
 * system properties {@code secondlook.device} (auto, cpu, cuda) and {@code secondlook.threads}.
 */
public record RuntimeOptions(Device device, int intraOpThreads) {

    public enum Device { AUTO, CPU, CUDA }

    public RuntimeOptions {
        if (device == null) {
            throw new IllegalArgumentException("device is required");
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0, got " + intraOpThreads);
        }
    }

    public static RuntimeOptions defaults() {
        String device = System.getProperty("secondlook.device", "auto").trim().toUpperCase(Locale.ROOT);
        int threads = Integer.getInteger("secondlook.threads", 0);
        try {
            return new RuntimeOptions(Device.valueOf(device), threads);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secondlook.device must be auto, cpu or cuda, got '"
                    + System.getProperty("secondlook.device") + "'", e);
        }
    }

    public static RuntimeOptions cpu(int intraOpThreads) {
        return new RuntimeOptions(Device.CPU, intraOpThreads);
    }

    public RuntimeOptions withThreads(int threads) {
        return new RuntimeOptions(device, threads);
    }
}
