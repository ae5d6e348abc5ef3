package io.secondlook.app.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The user data folder: the database, the demo study, user model packages, logs and backups.
 * Chosen by {@code --home}, else {@code SECONDLOOK_HOME}, else the platform's per-user application folder.
 */
public record AppHome(Path root) {
    public static final String ENVIRONMENT_VARIABLE = "SECONDLOOK_HOME";

    public AppHome {
        root = root.toAbsolutePath().normalize();
    }

    /** Resolves the folder from an explicit choice (may be null), the environment and the platform. */
    public static AppHome resolve(Path explicit) {
        return resolve(explicit, System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    static AppHome resolve(Path explicit, Map<String, String> env, String osName, Path userHome) {
        if (explicit != null) {
            return new AppHome(explicit);
        }
        String fromEnv = env.get(ENVIRONMENT_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new AppHome(Path.of(fromEnv));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            return new AppHome(local != null ? Path.of(local, "SecondLook") : userHome.resolve("AppData/Local/SecondLook"));
        }
        if (os.contains("mac")) {
            return new AppHome(userHome.resolve("Library/Application Support/SecondLook"));
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".local/share");
        return new AppHome(base.resolve("secondlook"));
    }

    public Path database() {
        return root.resolve("secondlook.db");
    }

    public Path demoStudy() {
        return root.resolve("demo");
    }

    public Path models() {
        return root.resolve("models");
    }

    /** Key images of segmentation findings, kept for reports exported in a later session. */
    public Path keyImages() {
        return root.resolve("key-images");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path backups() {
        return root.resolve("backups");
    }

    /** Creates the folder and its subfolders; a clear error when it cannot be written. */
    public AppHome ensureExists() throws IOException {
        for (Path p : new Path[] {root, models(), logs(), backups()}) {
            Files.createDirectories(p);
        }
        if (!Files.isWritable(root)) {
            throw new IOException("The data folder " + root + " is not writable");
        }
        return this;
    }
}
