package io.secondlook.app.gui;

import java.util.Objects;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application. Its {@link ReadingService} comes from a factory set before launch, e.g.
 * {@code SecondLookApp.launch(() -> new WorkstationService(home), args)}; the factory runs on the JavaFX launcher
 * thread (in {@link #init()}), so opening the store there does not block the UI, and may ask the user through a
 * dialog (e.g. {@link StoreProblemDialog}); a factory that returns null (the user chose to quit) ends the
 * application without a window. A service that is {@link AutoCloseable} is closed when the window closes.
 */
public class SecondLookApp extends Application {
    private static volatile Supplier<? extends ReadingService> serviceFactory;

    private ReadingService service;
    private MainWindow window;

    /** Sets the factory and starts JavaFX; returns when the window has closed. */
    public static void launch(Supplier<? extends ReadingService> factory, String... args) {
        setServiceFactory(factory);
        Application.launch(SecondLookApp.class, args);
    }

    public static void setServiceFactory(Supplier<? extends ReadingService> factory) {
        serviceFactory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public void init() {
        Supplier<? extends ReadingService> factory = serviceFactory;
        if (factory == null) {
            throw new IllegalStateException("SecondLookApp needs a ReadingService: call SecondLookApp.launch(factory)");
        }
        // A dialog the factory shows and closes must not end the application before its window opens.
        Platform.setImplicitExit(false);
        service = factory.get();
    }

    @Override
    public void start(Stage stage) {
        if (service == null) {
            Platform.exit();
            return;
        }
        window = new MainWindow(service);
        window.show(stage);
        Platform.setImplicitExit(true);
    }

    @Override
    public void stop() throws Exception {
        if (window != null) {
            window.close();
        }
        if (service instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
