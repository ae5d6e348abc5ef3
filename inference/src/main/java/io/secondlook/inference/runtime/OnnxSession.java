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
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * One model, run through DJL's ONNX Runtime engine: an {@link OrtSymbolBlock} over a session created once per
 * model and reused for every call ({@link #run} is thread-safe: each call has its own DJL sub-manager, and
 * ONNX Runtime sessions accept concurrent runs).
 * We build the session ourselves rather than through DJL's model loader so that we control its thread counts
 * and can try CUDA and fall back to the CPU with the reason kept for the findings: CUDA when asked for (or
 * {@code AUTO}) and the CUDA execution provider can be initialised, else the CPU.
 * {@link #runPinned} bypasses DJL for short passes that fetch some outputs into pre-allocated buffers.
 */
public final class OnnxSession implements AutoCloseable {

    private static final String ENGINE = "OnnxRuntime";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final NDManager manager;
    private final OrtSymbolBlock block;
    private final String device;
    private final String fallbackReason;
    /** Direct buffers for {@link #runPinned}, one set per concurrent call, reused. */
    private final ConcurrentLinkedDeque<Buffers> buffers = new ConcurrentLinkedDeque<>();
    private volatile Map<String, NodeInfo> outputInfoCache;

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
        return open((env, opts) -> env.createSession(modelFile.toString(), opts), options);
    }

    /** Opens a model held in memory (e.g. one {@link io.secondlook.inference.onnx.OnnxModel} extended). */
    public static OnnxSession open(byte[] model, RuntimeOptions options) throws OrtException {
        return open((env, opts) -> env.createSession(model, opts), options);
    }

    /** Creates the ONNX Runtime session from whichever source the caller has. */
    @FunctionalInterface
    private interface SessionSource {
        OrtSession create(OrtEnvironment env, OrtSession.SessionOptions options) throws OrtException;
    }

    private static OnnxSession open(SessionSource source, RuntimeOptions options) throws OrtException {
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
                    return wrap(env, source.create(env, opts), "cuda:0", null);
                } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
                    fallback = "CUDA unavailable (" + e.getMessage() + ")";
                }
            }
        }
        try (OrtSession.SessionOptions opts = sessionOptions(options)) {
            return wrap(env, source.create(env, opts), "cpu", fallback);
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

    /** Reads the outputs of {@link #runPinned} while their buffers are lent to it. */
    @FunctionalInterface
    public interface OutputReader<T> {
        /**
         * @param values each requested output, read-only, position 0, valid only until this method returns
         * @param shapes each output's shape
         */
        T read(Map<String, FloatBuffer> values, Map<String, long[]> shapes);
    }

    /**
     * Runs one float input of the given shape directly on the ONNX Runtime session and lends the requested float
     * outputs to {@code reader}. The input and outputs live in direct buffers taken from a pool (one set per
     * concurrent call, so this is thread-safe), and the outputs are ONNX Runtime's pre-allocated ("pinned")
     * outputs: the runtime writes into them, no output tensor is allocated per run (the tensors over the buffers
     * are kept per batch size and reused) and nothing is copied to the heap unless the reader copies it. Only the
     * requested outputs are fetched. An output whose shape is not fixed apart from its first (batch) dimension
     * cannot be pinned; then the pass goes through {@link #run} and the reader sees heap copies.
     */
    public <T> T runPinned(String inputName, float[] data, long[] shape, Set<String> outputs, OutputReader<T> reader)
            throws OrtException {
        if (data.length != elements(shape)) {
            throw new IllegalArgumentException(data.length + " input values for shape "
                    + java.util.Arrays.toString(shape));
        }
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String name : outputs) {
            long[] s = pinnedShape(name, shape[0]);
            if (s == null) {
                Outputs out = run(inputName, data, shape, outputs);
                Map<String, FloatBuffer> values = new LinkedHashMap<>();
                out.values().forEach((n, v) -> values.put(n, FloatBuffer.wrap(v).asReadOnlyBuffer()));
                return reader.read(values, out.shapes());
            }
            shapes.put(name, s);
        }
        Buffers b = buffers.poll();
        if (b == null) {
            b = new Buffers();
        }
        try {
            Pinned in = b.tensor(env, "\0input", shape);
            in.buffer().put(0, data);
            Map<String, OnnxTensor> outTensors = new LinkedHashMap<>();
            Map<String, FloatBuffer> values = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                Pinned out = b.tensor(env, e.getKey(), e.getValue());
                outTensors.put(e.getKey(), out.tensor());
                values.put(e.getKey(), out.view().clear());
            }
            try (OrtSession.Result ignored = session.run(Map.of(inputName, in.tensor()), outTensors)) {
                // The result holds the pinned tensors without owning them; the values are in the buffers.
            }
            return reader.read(values, shapes);
        } finally {
            buffers.push(b);
        }
    }

    /** The output's shape with its batch dimension set to {@code batch}, or null when it cannot be pinned. */
    private long[] pinnedShape(String name, long batch) throws OrtException {
        Map<String, NodeInfo> info = outputInfoCache;
        if (info == null) {
            // ONNX Runtime's Java API builds this map natively on every call.
            info = Map.copyOf(session.getOutputInfo());
            outputInfoCache = info;
        }
        NodeInfo node = info.get(name);
        if (node == null) {
            throw new IllegalArgumentException("Model has no output '" + name + "' (outputs: "
                    + session.getOutputNames() + ")");
        }
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
            throw new IllegalStateException("Output '" + name + "' is " + node.getInfo() + ", expected FLOAT");
        }
        long[] s = tensor.getShape().clone();
        if (s.length == 0) {
            return null;
        }
        if (s[0] < 0) {
            s[0] = batch;
        }
        for (long d : s) {
            if (d < 0) {
                return null;
            }
        }
        return s;
    }

    private static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** A tensor over a slice of a pooled direct buffer, and a read-only view of the same slice. */
    private record Pinned(OnnxTensor tensor, FloatBuffer buffer, FloatBuffer view) {
    }

    /**
     * Direct native-order float buffers by tensor name, grown on demand, with the tensors over them by shape
     * (one per batch size that ran), all reused from run to run.
     */
    private static final class Buffers implements AutoCloseable {
        private final Map<String, FloatBuffer> storage = new HashMap<>();
        private final Map<String, Map<List<Long>, Pinned>> tensors = new HashMap<>();

        Pinned tensor(OrtEnvironment env, String name, long[] shape) throws OrtException {
            Map<List<Long>, Pinned> byShape = tensors.computeIfAbsent(name, k -> new HashMap<>());
            List<Long> key = new ArrayList<>(shape.length);
            for (long d : shape) {
                key.add(d);
            }
            Pinned p = byShape.get(key);
            if (p != null) {
                return p;
            }
            int n = Math.toIntExact(elements(shape));
            FloatBuffer b = storage.get(name);
            if (b == null || b.capacity() < n) {
                // The tensors over the old storage go with it.
                byShape.values().forEach(old -> old.tensor().close());
                byShape.clear();
                b = ByteBuffer.allocateDirect(Math.multiplyExact(n, Float.BYTES)).order(ByteOrder.nativeOrder())
                        .asFloatBuffer();
                storage.put(name, b);
            }
            FloatBuffer slice = b.duplicate().position(0).limit(n).slice();
            p = new Pinned(OnnxTensor.createTensor(env, slice, shape), slice, slice.asReadOnlyBuffer());
            byShape.put(key, p);
            return p;
        }

        @Override
        public void close() {
            tensors.values().forEach(m -> m.values().forEach(p -> p.tensor().close()));
            tensors.clear();
        }
    }

    @Override
    public void close() {
        for (Buffers b; (b = buffers.poll()) != null; ) {
            b.close();
        }
        manager.close();
    }
}
