package io.secondlook.viewer;

import io.secondlook.dicom.pixel.GrayscaleFrame;
import io.secondlook.dicom.pixel.VoiWindow;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A synthetic CT-like stack: each 64x64 slice has a left half of {@link #LEFT} HU and a right half of
 * {@link #RIGHT} HU, the file window C 40 W 400, slices 2.5 mm apart. Slices listed as broken fail to load.
 */
final class SyntheticStack implements FrameSource {
    static final int SIZE = 64;
    static final float LEFT = 100;
    static final float RIGHT = -800;
    static final VoiWindow FILE_WINDOW = new VoiWindow(40, 400, "");

    private final int count;
    private final Set<Integer> broken;
    final AtomicInteger loads = new AtomicInteger();

    SyntheticStack(int count, Set<Integer> broken) {
        this.count = count;
        this.broken = broken;
    }

    @Override
    public int frameCount() {
        return count;
    }

    @Override
    public GrayscaleFrame frame(int index) throws Exception {
        loads.incrementAndGet();
        if (broken.contains(index)) {
            throw new java.io.IOException("slice" + index + ".dcm: truncated pixel data");
        }
        float[] values = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                values[y * SIZE + x] = x < SIZE / 2 ? LEFT : RIGHT;
            }
        }
        return new GrayscaleFrame(SIZE, SIZE, values, FILE_WINDOW, false);
    }

    @Override
    public SliceInfo sliceInfo(int index) {
        return new SliceInfo(-100 + 2.5 * index, 2.5);
    }
}
