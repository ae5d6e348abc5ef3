package io.secondlook.viewer;

import io.secondlook.dicom.pixel.GrayscaleFrame;
import io.secondlook.dicom.pixel.VoiLut;
import io.secondlook.dicom.pixel.VoiWindow;

import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * Shows a stack of grayscale frames with window/level, pan, zoom, corner annotations, a heatmap overlay,
 * segmentation labels ({@link LabelOverlay}, following the slice on screen) and detection boxes.
 *
 * <p>Mouse: wheel scrolls slices, ctrl+wheel or a zoom gesture zooms about the cursor, left-drag pans, right-drag
 * sets the window (horizontal: width, vertical: centre), double-click resets. Keys: Up/Down, Page Up/Down (±10),
 * Home/End scroll; {@code +}/{@code -} zoom; {@code R} resets; 1–5 apply the {@link WindowPreset}s.
 * Frames load off the JavaFX thread; the image is re-rendered only when the frame or the window changes.
 */
public class Viewport extends Region {
    private static final double ZOOM_STEP = 1.25;
    private static final double MIN_ZOOM = 0.05;
    private static final double MAX_ZOOM = 40;
    private static final double MARGIN = 8;

    private final Canvas canvas = new Canvas();
    private final Label topLeft = corner("annotationTopLeft", TextAlignment.LEFT);
    private final Label topRight = corner("annotationTopRight", TextAlignment.RIGHT);
    private final Label bottomLeft = corner("annotationBottomLeft", TextAlignment.LEFT);
    private final Label bottomRight = corner("annotationBottomRight", TextAlignment.RIGHT);
    private final Label message = corner("viewportMessage", TextAlignment.CENTER);
    private final HeatmapOverlay heatmap = new HeatmapOverlay();
    private final LabelOverlay labels = new LabelOverlay();
    private final DetectionOverlay detections = new DetectionOverlay();
    private final VBox bottomRightBox = new VBox(6, labels.legend(), heatmap.legend(), bottomRight);
    private final FrameLoader loader = new FrameLoader();

    private final IntegerProperty sliceIndex = new SimpleIntegerProperty(this, "sliceIndex", 0);
    private final ReadOnlyIntegerWrapper displayedSlice = new ReadOnlyIntegerWrapper(this, "displayedSlice", -1);
    private final ObjectProperty<VoiWindow> window = new SimpleObjectProperty<>(this, "window");
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(this, "zoom", 1);

    private FrameSource source;
    private ImageInfo info = ImageInfo.EMPTY;
    private GrayscaleFrame frame;
    private WritableImage image;
    private boolean imageDirty;
    private double offsetX;
    private double offsetY;
    private boolean fitted = true;
    private double dragX;
    private double dragY;
    private VoiWindow dragWindow;
    private BiConsumer<Integer, Exception> onLoadError = (index, e) -> { };

    public Viewport() {
        getStyleClass().add("viewport");
        getStylesheets().add(Objects.requireNonNull(Viewport.class.getResource("viewport.css")).toExternalForm());
        setFocusTraversable(true);
        setMinSize(64, 64);
        setPrefSize(512, 512);
        bottomRightBox.setAlignment(Pos.BOTTOM_RIGHT);
        bottomRightBox.setMouseTransparent(true);
        getChildren().addAll(canvas, topLeft, topRight, bottomLeft, bottomRightBox, message);

        sliceIndex.addListener((obs, old, now) -> showSlice(now.intValue()));
        window.addListener((obs, old, now) -> {
            imageDirty = true;
            redraw();
        });
        zoom.addListener((obs, old, now) -> updateAnnotations());
        heatmap.heatmapProperty().addListener(obs -> redraw());
        heatmap.colormapProperty().addListener(obs -> redraw());
        heatmap.opacityProperty().addListener(obs -> redraw());
        heatmap.thresholdProperty().addListener(obs -> redraw());
        heatmap.visibleProperty().addListener(obs -> redraw());
        labels.volumeProperty().addListener(obs -> redraw());
        labels.showUncertaintyProperty().addListener(obs -> redraw());
        labels.opacityProperty().addListener(obs -> redraw());
        labels.visibleProperty().addListener(obs -> redraw());
        detections.boxesProperty().addListener(obs -> redraw());
        detections.sliceProperty().addListener(obs -> redraw());
        detections.visibleProperty().addListener(obs -> redraw());

        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(ZoomEvent.ZOOM, e -> {
            zoomBy(e.getZoomFactor(), e.getX(), e.getY());
            e.consume();
        });
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::onMousePressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onMouseDragged);
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                resetView();
            }
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKeyPressed);
        updateAnnotations();
    }

    /** Shows a new stack from its first slice with the window its first frame suggests; null shows nothing. */
    public void setSource(FrameSource newSource, ImageInfo newInfo) {
        source = newSource;
        info = newInfo == null ? ImageInfo.EMPTY : newInfo;
        loader.setSource(newSource);
        frame = null;
        image = null;
        displayedSlice.set(-1);
        window.set(null);
        heatmap.setHeatmap(null);
        labels.setVolume(null);
        detections.clear();
        fitted = true;
        message.setText(newSource == null ? "" : newSource.frameCount() == 0 ? "No images" : "Loading\u2026");
        if (sliceIndex.get() == 0) {
            showSlice(0);
        } else {
            sliceIndex.set(0);
        }
        requestLayout();
    }

    public FrameSource getSource() {
        return source;
    }

    /** The slice asked for (0-based); the image follows once the frame has loaded. */
    public IntegerProperty sliceIndexProperty() {
        return sliceIndex;
    }

    public int getSliceIndex() {
        return sliceIndex.get();
    }

    /** Moves to a slice, clamped to the stack. */
    public void setSliceIndex(int index) {
        int count = source == null ? 0 : source.frameCount();
        sliceIndex.set(Math.max(0, Math.min(count - 1, index)));
    }

    public void scrollBy(int slices) {
        setSliceIndex(sliceIndex.get() + slices);
    }

    /** The slice whose frame is on screen, -1 while none is. */
    public ReadOnlyIntegerProperty displayedSliceProperty() {
        return displayedSlice.getReadOnlyProperty();
    }

    /** The frame on screen, or null. */
    public GrayscaleFrame getFrame() {
        return frame;
    }

    /** The window applied; null until the first frame has loaded (it then takes the file's window). */
    public ObjectProperty<VoiWindow> windowProperty() {
        return window;
    }

    public VoiWindow getWindow() {
        return window.get();
    }

    public void setWindow(VoiWindow value) {
        window.set(value);
    }

    public void applyPreset(WindowPreset preset) {
        if (preset == WindowPreset.FROM_FILE && frame == null) {
            window.set(null);
        } else {
            window.set(preset.window(frame));
        }
    }

    /** Screen pixels per image pixel (1 = 100 %). */
    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    /** Zooms by {@code factor} keeping the image point under ({@code x}, {@code y}) (local coordinates) still. */
    public void zoomBy(double factor, double x, double y) {
        double now = zoom.get();
        double next = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, now * factor));
        double f = next / now;
        offsetX = x - (x - offsetX) * f;
        offsetY = y - (y - offsetY) * f;
        fitted = false;
        zoom.set(next);
        redraw();
    }

    /** Fits the image to the viewport and restores the file's window. */
    public void resetView() {
        fitted = true;
        fit();
        if (frame != null) {
            window.set(WindowPreset.FROM_FILE.window(frame));
        }
        redraw();
    }

    /** The overlay drawn over the image. */
    public HeatmapOverlay heatmap() {
        return heatmap;
    }

    /** The segmentation labels drawn over the slice on screen. */
    public LabelOverlay labels() {
        return labels;
    }

    /** Detection boxes drawn over the slice they were found on. */
    public DetectionOverlay detections() {
        return detections;
    }

    /** Where the image point (x, y), in image pixels, lies in this viewport's local coordinates. */
    public Point2D imageToLocal(double x, double y) {
        return new Point2D(offsetX + x * zoom.get(), offsetY + y * zoom.get());
    }

    /** Releases the loading thread; call when the viewport is discarded. */
    public void dispose() {
        setSource(null, null);
        loader.shutdown();
    }

    /** Called on the JavaFX thread with the slice index and the error when a frame cannot be loaded. */
    public void setOnLoadError(BiConsumer<Integer, Exception> handler) {
        onLoadError = handler == null ? (index, e) -> { } : handler;
    }

    private void showSlice(int index) {
        if (source == null || source.frameCount() == 0) {
            redraw();
            return;
        }
        loader.request(index, this::frameLoaded, this::frameFailed);
    }

    private void frameLoaded(GrayscaleFrame loaded) {
        boolean sizeChanged = frame == null || frame.width() != loaded.width() || frame.height() != loaded.height();
        frame = loaded;
        displayedSlice.set(sliceIndex.get());
        message.setText("");
        if (sizeChanged) {
            image = new WritableImage(loaded.width(), loaded.height());
            if (fitted) {
                fit();
            }
        }
        imageDirty = true;
        if (window.get() == null) {
            window.set(WindowPreset.FROM_FILE.window(loaded));
        }
        redraw();
    }

    private void frameFailed(int index, Exception error) {
        String why = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        message.setText("Cannot load slice " + (index + 1) + ":\n" + why);
        onLoadError.accept(index, error);
    }

    private void fit() {
        if (frame == null || getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        double scale = Math.min(getWidth() / frame.width(), getHeight() / frame.height());
        offsetX = (getWidth() - frame.width() * scale) / 2;
        offsetY = (getHeight() - frame.height() * scale) / 2;
        zoom.set(scale);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            if (fitted) {
                fit();
            }
        }
        for (var node : new javafx.scene.Node[] {topLeft, topRight, bottomLeft, bottomRightBox, message}) {
            node.autosize();
        }
        topLeft.relocate(MARGIN, MARGIN);
        topRight.relocate(w - MARGIN - topRight.getWidth(), MARGIN);
        bottomLeft.relocate(MARGIN, h - MARGIN - bottomLeft.getHeight());
        bottomRightBox.relocate(w - MARGIN - bottomRightBox.getWidth(), h - MARGIN - bottomRightBox.getHeight());
        message.relocate((w - message.getWidth()) / 2, (h - message.getHeight()) / 2);
        redraw();
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setGlobalAlpha(1);
        g.setFill(Color.BLACK);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (frame != null && window.get() != null) {
            if (imageDirty) {
                renderImage();
            }
            double scale = zoom.get();
            double w = frame.width() * scale;
            double h = frame.height() * scale;
            g.setImageSmoothing(Math.abs(scale - 1) > 1e-6);
            g.drawImage(image, offsetX, offsetY, w, h);
            if (heatmap.showing()) {
                g.setImageSmoothing(true);
                g.setGlobalAlpha(heatmap.opacityProperty().get());
                g.drawImage(heatmap.image(frame.width(), frame.height()), offsetX, offsetY, w, h);
                g.setGlobalAlpha(1);
            }
            int shown = displayedSlice.get();
            if (labels.showing(shown, frame.width(), frame.height())) {
                g.setImageSmoothing(labels.smooth());
                g.setGlobalAlpha(labels.opacityProperty().get());
                g.drawImage(labels.image(shown), offsetX, offsetY, w, h);
                g.setGlobalAlpha(1);
            }
            if (detections.showing(shown)) {
                detections.draw(g, offsetX, offsetY, scale);
            }
        }
        updateAnnotations();
    }

    private void renderImage() {
        byte[] display = VoiLut.toDisplay(frame, window.get());
        int[] argb = new int[display.length];
        for (int i = 0; i < display.length; i++) {
            int v = display[i] & 0xFF;
            argb[i] = 0xFF000000 | v << 16 | v << 8 | v;
        }
        image.getPixelWriter().setPixels(0, 0, frame.width(), frame.height(), PixelFormat.getIntArgbInstance(),
                argb, 0, frame.width());
        imageDirty = false;
    }

    private void updateAnnotations() {
        topLeft.setText(info.patientText());
        topRight.setText(info.studyText());
        int count = source == null ? 0 : source.frameCount();
        int shown = displayedSlice.get();
        if (count == 0 || shown < 0) {
            bottomLeft.setText("");
        } else {
            String where = source.sliceInfo(shown).text();
            bottomLeft.setText((shown + 1) + " / " + count + (where.isEmpty() ? "" : "\n" + where));
        }
        VoiWindow w = window.get();
        bottomRight.setText(frame == null || w == null ? ""
                : w + "\n" + String.format(Locale.ROOT, "Zoom %.0f%%", zoom.get() * 100));
    }

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        if (e.isControlDown() || e.isShortcutDown()) {
            zoomBy(e.getDeltaY() > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, e.getX(), e.getY());
        } else {
            scrollBy(e.getDeltaY() > 0 ? -1 : 1);
        }
        e.consume();
    }

    private void onMousePressed(MouseEvent e) {
        requestFocus();
        dragX = e.getX();
        dragY = e.getY();
        dragWindow = window.get();
    }

    private void onMouseDragged(MouseEvent e) {
        double dx = e.getX() - dragX;
        double dy = e.getY() - dragY;
        if (e.isSecondaryButtonDown() && dragWindow != null) {
            // Finer steps for narrow windows (brain), coarser for wide ones (bone, lung).
            double step = Math.max(0.25, dragWindow.width() / 256);
            window.set(dragWindow.withCenterWidth(dragWindow.center() + dy * step,
                    Math.max(1, dragWindow.width() + dx * step)));
        } else if (e.isPrimaryButtonDown()) {
            offsetX += dx;
            offsetY += dy;
            dragX = e.getX();
            dragY = e.getY();
            fitted = false;
            redraw();
        }
        e.consume();
    }

    private void onKeyPressed(KeyEvent e) {
        int count = source == null ? 0 : source.frameCount();
        switch (e.getCode()) {
            case UP -> scrollBy(-1);
            case DOWN -> scrollBy(1);
            case PAGE_UP -> scrollBy(-10);
            case PAGE_DOWN -> scrollBy(10);
            case HOME -> setSliceIndex(0);
            case END -> setSliceIndex(count - 1);
            case PLUS, ADD, EQUALS -> zoomBy(ZOOM_STEP, getWidth() / 2, getHeight() / 2);
            case MINUS, SUBTRACT -> zoomBy(1 / ZOOM_STEP, getWidth() / 2, getHeight() / 2);
            case R -> resetView();
            case DIGIT1, NUMPAD1 -> applyPreset(WindowPreset.LUNG);
            case DIGIT2, NUMPAD2 -> applyPreset(WindowPreset.MEDIASTINUM);
            case DIGIT3, NUMPAD3 -> applyPreset(WindowPreset.BONE);
            case DIGIT4, NUMPAD4 -> applyPreset(WindowPreset.BRAIN);
            case DIGIT5, NUMPAD5 -> applyPreset(WindowPreset.FROM_FILE);
            default -> {
                return;
            }
        }
        e.consume();
    }

    private static Label corner(String id, TextAlignment alignment) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("viewport-annotation");
        label.setTextAlignment(alignment);
        label.setMouseTransparent(true);
        return label;
    }
}
