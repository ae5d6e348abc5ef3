package io.secondlook.app.workflow;

import io.secondlook.inference.model.ModelPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Models opened once and reused, one per package version (its id and the SHA-256 of its {@code model.onnx}, so a
 * package replaced in the models folder is opened afresh); {@link #close()} closes them all.
 */
final class OpenModels<M extends AutoCloseable> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenModels.class);

    private final Map<String, M> open = new HashMap<>();

    /** The model opened for {@code pkg}, opening it with {@code opener} the first time. */
    synchronized M get(ModelPackage pkg, Supplier<M> opener) {
        return open.computeIfAbsent(pkg.id() + "@" + pkg.card().sha256(), key -> opener.get());
    }

    @Override
    public synchronized void close() {
        open.forEach((key, model) -> {
            try {
                model.close();
            } catch (Exception e) {
                LOG.warn("Closing model {} failed: {}", key, e.toString());
            }
        });
        open.clear();
    }
}
