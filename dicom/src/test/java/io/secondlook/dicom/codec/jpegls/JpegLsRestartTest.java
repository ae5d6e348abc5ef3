package io.secondlook.dicom.codec.jpegls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.EncapsulatedPixelData;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart intervals (DRI, RSTm): neither dcmcjpls nor gdcmconv writes them, but each interval is coded like a
 * separate image (contexts, RUNindex and the line above reset, T.87 A.2.1), so strips that dcmcjpls encodes on
 * their own, joined with RST markers under one SOF55 and a DRI, must decode to the whole image.
 */
class JpegLsRestartTest {
    private static final int WIDTH = 37;
    private static final int HEIGHT = 29;
    private static final int INTERVAL = 8;

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void stripsJoinedWithRestartMarkersDecodeToTheImage(int samples) throws Exception {
        Random random = new Random(samples);
        byte[] image = new byte[WIDTH * HEIGHT * samples];
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) (i % (WIDTH * samples) < WIDTH * samples / 3 ? 90 : 100 + random.nextInt(40));
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        byte[] header = null;
        for (int top = 0, strip = 0; top < HEIGHT; top += INTERVAL, strip++) {
            int rows = Math.min(INTERVAL, HEIGHT - top);
            byte[] codestream = encode(Arrays.copyOfRange(image, top * WIDTH * samples, (top + rows) * WIDTH * samples), rows, samples, strip);
            int sos = markerAt(codestream, 0xDA);
            int data = sos + 2 + ((codestream[sos + 2] & 0xFF) << 8 | codestream[sos + 3] & 0xFF);
            int eoi = lastMarker(codestream, 0xD9);
            if (header == null) {
                header = Arrays.copyOf(codestream, data);
                int sof = markerAt(header, 0xF7);
                header[sof + 5] = (byte) (HEIGHT >> 8);
                header[sof + 6] = (byte) HEIGHT;
                joined.write(header, 0, sos);
                joined.write(new byte[] {(byte) 0xFF, (byte) 0xDD, 0, 4, 0, INTERVAL});
                joined.write(header, sos, data - sos);
            } else {
                joined.write(new byte[] {(byte) 0xFF, (byte) (0xD0 + (strip - 1) % 8)});
            }
            joined.write(codestream, data, eoi - data);
        }
        joined.write(new byte[] {(byte) 0xFF, (byte) 0xD9});
        ImagePixelDescription description = new ImagePixelDescription(HEIGHT, WIDTH, samples, 8, 8, 7, 0,
                samples == 3 ? "RGB" : "MONOCHROME2", 0, 1);
        byte[] restartStream = joined.toByteArray();
        assertArrayEquals(image, new JpegLsDecoder().decode(restartStream, description));

        byte[] wrongIndex = restartStream.clone();
        int rst = markerAt(wrongIndex, 0xD0);
        wrongIndex[rst + 1] = (byte) 0xD3;
        DicomException e = assertThrows(DicomException.class, () -> new JpegLsDecoder().decode(wrongIndex, description));
        assertTrue(e.getMessage().contains("restart marker FFD0"), e.getMessage());
    }

    private byte[] encode(byte[] pixels, int rows, int samples, int strip) throws Exception {
        Path in = JpegLsTestSupport.writeImage(temp.resolve("strip" + strip + ".dcm"), rows, WIDTH, samples, 8, false, pixels);
        DicomFile encoded = DicomReader.read(JpegLsTestSupport.convert(in, temp.resolve("strip" + strip + ".jls.dcm"), "dcmcjpls"));
        return ((EncapsulatedPixelData) encoded.dataset().get(Tag.PixelData).value()).fragments().get(0);
    }

    private static int markerAt(byte[] data, int marker) {
        for (int i = 0; i + 1 < data.length; i++) {
            if (data[i] == (byte) 0xFF && (data[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new AssertionError("no marker FF" + Integer.toHexString(marker));
    }

    private static int lastMarker(byte[] data, int marker) {
        for (int i = data.length - 2; i >= 0; i--) {
            if (data[i] == (byte) 0xFF && (data[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new AssertionError("no marker FF" + Integer.toHexString(marker));
    }
}
