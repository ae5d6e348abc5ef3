package io.secondlook.inference.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One ONNX Runtime session, created once per model and reused for every call ({@link #run} is thread-safe).
 * The device is chosen at creation: CUDA when asked for (or {@code AUTO}) and the CUDA execution provider can
 * be initialised, else the CPU, with the reason for the fallback kept for the findings.
 */
public final class OnnxSession implements AutoCloseable {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String device;
    private final String fallbackReason;

    private OnnxSession(OrtEnvironment env, OrtSession session, String device, String fallbackReason) {
        this.env = env;
        this.session = session;
        this.device = device;
        this.fallbackReason = fallbackReason;
    }

    public static OnnxSession open(Path modelFile, RuntimeOptions options) throws OrtException {
        OfflineRuntime.disableOrtTelemetry();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String fallback = null;
        if (options.device() != RuntimeOptions.Device.CPU) {
            if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
                fallback = "CUDA execution provider not in this ONNX Runtime build (build with -Pgpu)";
            } else {
                try (OrtSession.SessionOptions opts = sessionOptions(options)) {
                    opts.addCUDA(0);
                    return new OnnxSession(env, env.createSession(modelFile.toString(), opts), "cuda:0", null);
                } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
                    fallback = "CUDA unavailable (" + e.getMessage() + ")";
                }
            }
        }
        try (OrtSession.SessionOptions opts = sessionOptions(options)) {
            return new OnnxSession(env, env.createSession(modelFile.toString(), opts), "cpu", fallback);
        }
    }

    private static OrtSession.SessionOptions sessionOptions(RuntimeOptions options) throws OrtException {
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        if (options.intraOpThreads() > 0) {
            opts.setIntraOpNumThreads(options.intraOpThreads());
        }
        opts.setInterOpNumThreads(1);
        opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return opts;
    }

    /** {@code cpu} or {@code cuda:0}. */
    public String device() {
        return device;
    }

    /** Why CUDA was not used although it was allowed, or null. */
    public String fallbackReason() {
        return fallbackReason;
    }

    /** The underlying session, for callers that measure ONNX Runtime without this wrapper. */
    public OrtSession ortSession() {
        return session;
    }

    public OrtEnvironment environment() {
        return env;
    }

    public Map<String, NodeInfo> inputInfo() throws OrtException {
        return session.getInputInfo();
    }

    public Map<String, NodeInfo> outputInfo() throws OrtException {
        return session.getOutputInfo();
    }

    /** Output tensors copied to the Java heap, with their shapes. */
    public record Outputs(Map<String, float[]> values, Map<String, long[]> shapes) {
        public float[] values(String name) {
            float[] v = values.get(name);
            if (v == null) {
                throw new IllegalStateException("Model has no output '" + name + "' (outputs: " + values.keySet() + ")");
            }
            return v;
        }

        public long[] shape(String name) {
            return shapes.get(name);
        }
    }

    /** Runs one float input of the given shape and copies the requested float outputs. */
    public Outputs run(String inputName, float[] data, long[] shape, Set<String> outputs) throws OrtException {
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
             OrtSession.Result result = session.run(Map.of(inputName, input), outputs)) {
            Map<String, float[]> values = new LinkedHashMap<>();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                OnnxTensor t = (OnnxTensor) e.getValue();
                TensorInfo info = t.getInfo();
                if (info.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
                    throw new IllegalStateException("Output '" + e.getKey() + "' is " + info.type + ", expected FLOAT");
                }
                FloatBuffer fb = t.getFloatBuffer();
                float[] v = new float[fb.remaining()];
                fb.get(v);
                values.put(e.getKey(), v);
                shapes.put(e.getKey(), info.getShape());
            }
            return new Outputs(values, shapes);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("Closing the ONNX Runtime session failed", e);
        }
    }
}
