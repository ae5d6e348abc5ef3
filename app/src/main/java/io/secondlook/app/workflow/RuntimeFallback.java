package io.secondlook.app.workflow;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.secondlook.inference.runtime.RuntimeOptions;

/** Why a model session runs on the CPU although the options allowed CUDA, for sessions that do not say it. */
final class RuntimeFallback {
    private RuntimeFallback() {
    }

    /** Null when the CPU was asked for or CUDA is in use. */
    static String reason(RuntimeOptions options, String device) {
        if (options.device() == RuntimeOptions.Device.CPU || device.startsWith("cuda")) {
            return null;
        }
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA) ? "CUDA could not start"
                : "CUDA execution provider not in this ONNX Runtime build";
    }
}
