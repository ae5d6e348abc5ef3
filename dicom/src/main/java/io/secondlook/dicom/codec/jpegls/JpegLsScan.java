package io.secondlook.dicom.codec.jpegls;

import io.secondlook.dicom.DicomException;
import java.util.Arrays;

/**
 * One scan (T.87 A.2): its lines in the order its interleave mode gives them (ILV 0: one component; ILV 1: a
 * line of each component in turn, each with its own RUNindex and shared contexts; ILV 2: pixel by pixel),
 * with a restart marker every {@code restartInterval} lines. The scan data starts at {@code start}.
 */
record JpegLsScan(byte[] data, int start, JpegLsFrame frame, int[] components, int ilv, int restartInterval,
                 JpegLsParameters params, JpegLsSampleSink sink) {

    /** Decodes the scan; returns the offset of the marker that follows it. */
    int decode() throws DicomException {
        int width = frame.columns();
        int rows = frame.rows();
        int comps = components.length;
        JpegLsBitReader in = new JpegLsBitReader(data, start, data.length);
        JpegLsScanDecoder decoder = new JpegLsScanDecoder(params, in);
        int[][] prev = new int[comps][width + 2];
        int[][] cur = new int[comps][width + 2];
        int[] runIndex = new int[comps];
        int intervalStart = start;
        int restarts = 0;
        for (int y = 0; y < rows; y++) {
            if (restartInterval > 0 && y > 0 && y % restartInterval == 0) {
                intervalStart = restart(in, intervalStart, restarts++);
                decoder.resetContexts();
                Arrays.fill(runIndex, 0);
                for (int i = 0; i < comps; i++) {
                    Arrays.fill(prev[i], 0);
                }
            }
            if (comps == 1) {
                decoder.decodeLine(prev[0], cur[0], width);
            } else if (ilv == 1) {
                for (int i = 0; i < comps; i++) {
                    decoder.runIndex(runIndex[i]);
                    decoder.decodeLine(prev[i], cur[i], width);
                    runIndex[i] = decoder.runIndex();
                }
            } else {
                decoder.decodeInterleavedLine(prev, cur, width);
            }
            for (int i = 0; i < comps; i++) {
                sink.write(cur[i], components[i], y);
                int[] t = prev[i];
                prev[i] = cur[i];
                cur[i] = t;
            }
        }
        return in.findMarker(intervalStart);
    }

    /** Checks for RSTm at the end of the interval and continues after it; returns where the next one starts. */
    private int restart(JpegLsBitReader in, int intervalStart, int index) throws DicomException {
        int at = in.findMarker(intervalStart);
        while (at < data.length && data[at] == (byte) 0xFF) {
            at++;
        }
        int expected = JpegLsCodestream.rstMarker(index);
        if (at >= data.length || (data[at] & 0xFF) != expected) {
            throw new DicomException("JPEG-LS restart marker FF" + Integer.toHexString(expected).toUpperCase()
                    + " missing at offset " + at);
        }
        in.restartAt(at + 1);
        return at + 1;
    }
}
