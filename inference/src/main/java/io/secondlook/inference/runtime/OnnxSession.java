package io.secondlook.inference.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.onnxruntime.engine.OrtNDArray;
import ai.djl.onnxruntime.engine.OrtNDManager;
import ai.djl.onnxruntime.engine.OrtSymbolBlock;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One model, run through DJL's ONNX Runtime engine: an {@link OrtSymbolBlock} over a session created once per
 * model and reused for every call ({@link #run} is thread-safe: each call has its own DJL sub-manager, and
 * ONNX Runtime sessions accept concurrent runs).
 * We build the session ourselves rather than through DJL's model loader so that we control its thread counts
 * and can try CUDA and fall back to the CPU with the reason kept for the findings: CUDA when asked for (or
 * {@code AUTO}) and the CUDA execution provider can be initialised, else the CPU.
 */
public final class OnnxSession implements AutoCloseable {

    private static final String ENGINE = "OnnxRuntime";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final NDManager manager;
    private final OrtSymbolBlock block;
    private final String device;
    private final String fallbackReason;

    private OnnxSession(OrtEnvironment env, OrtSession session, String device, String fallbackReason) {
        this.env = env;
        this.session = session;
        this.device = device;
        this.fallbackReason = fallbackReason;
        // Tensors live on the heap whatever the session's device; naming the CPU also spares DJL its CUDA probe.
        this.manager = djlEngine().newBaseManager(Device.cpu());
        // The block attaches itself to the manager: closing the manager closes the block and the session.
        this.block = new OrtSymbolBlock(session, (OrtNDManager) manager);
    }

    public static OnnxSession open(Path modelFile, RuntimeOptions options) throws OrtException {
        OfflineRuntime.ensureConfigured();
        // DJL's engine creates the ONNX Runtime environment (with thread-pool options) and fails if one
        // already exists, so it must start before anything asks for the environment.
        djlEngine();
        OfflineRuntime.disableOrtTelemetry();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String fallback = null;
        if (options.device() != RuntimeOptions.Device.CPU) {
            if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
                fallback = "CUDA execution provider not in this ONNX Runtime build (build with -Pgpu)";
            } else {
                try (OrtSession.SessionOptions opts = sessionOptions(options)) {
                    opts.addCUDA(0);
                    return wrap(env, env.createSession(modelFile.toString(), opts), "cuda:0", null);
                } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
                    fallback = "CUDA unavailable (" + e.getMessage() + ")";
                }
            }
        }
        try (OrtSession.SessionOptions opts = sessionOptions(options)) {
            return wrap(env, env.createSession(modelFile.toString(), opts), "cpu", fallback);
        }
    }

    private static OnnxSession wrap(OrtEnvironment env, OrtSession session, String device, String fallback)
            throws OrtException {
        try {
            return new OnnxSession(env, session, device, fallback);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static Engine djlEngine() {
        try {
            return Engine.getEngine(ENGINE);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("DJL's ONNX Runtime engine could not start: " + e, e);
        }
    }

    private static OrtSession.SessionOptions sessionOptions(RuntimeOptions options) throws OrtException {
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        if (options.intraOpThreads() > 0) {
            opts.setIntraOpNumThreads(options.intraOpThreads());
        }
        opts.setInterOpNumThreads(1);
        // Pool threads sleep once a run ends instead of spinning: on a few cores the spinning takes the CPU from
        // the pre/post-processing between runs (and from a worker preparing the next batch).
        opts.addConfigEntry("session.intra_op.allow_spinning", "0");
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

    /**
     * Runs one float input of the given shape through DJL and copies the requested float outputs
     * (DJL's block computes every output of the model; the others are dropped).
     */
    public Outputs run(String inputName, float[] data, long[] shape, Set<String> outputs) throws OrtException {
        if (!session.getOutputNames().containsAll(outputs)) {
            throw new IllegalArgumentException("Model has no output among " + outputs + " (outputs: "
                    + session.getOutputNames() + ")");
        }
        try (NDManager call = manager.newSubManager()) {
            NDArray input = call.create(FloatBuffer.wrap(data), new Shape(shape));
            input.setName(inputName);
            NDList result = block.forward(new ParameterStore(call, false), new NDList(input), false);
            Map<String, float[]> values = new LinkedHashMap<>();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (NDArray out : result) {
                String name = out.getName();
                if (!outputs.contains(name)) {
                    continue;
                }
                if (out.getDataType() != DataType.FLOAT32) {
                    throw new IllegalStateException("Output '" + name + "' is " + out.getDataType() + ", expected FLOAT");
                }
                if (out instanceof OrtNDArray ort) {
                    // One copy straight into a heap array; DJL's toFloatArray copies twice (bytes, then floats).
                    OnnxTensor tensor = ort.getTensor();
                    values.put(name, tensor.getFloatBuffer().array());
                    shapes.put(name, tensor.getInfo().getShape());
                } else {
                    values.put(name, out.toFloatArray());
                    shapes.put(name, out.getShape().getShape());
                }
            }
            return new Outputs(values, shapes);
        } catch (EngineException e) {
            if (e.getCause() instanceof OrtException ort) {
                throw ort;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
