package io.secondlook.dicom.codec.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomElement;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.DicomWriter;
import io.secondlook.dicom.EncapsulatedPixelData;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.VR;
import io.secondlook.dicom.codec.GeneratedImages;
import io.secondlook.dicom.codec.GeneratedImages.Layout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Node;

/**
 * What dcmcjpeg never writes: restart intervals in 8-bit baseline data and luminance sampling factors other than
 * 1x1, 2x1 and 2x2 (1x2, 4x1, 2x4: libjpeg's plain replication). Encoded with the JDK's JPEG writer, wrapped as
 * JPEG Baseline DICOM, and decoded by us and by dcmdjpeg.
 */
class JpegRestartAndSamplingTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(true, 1, 1, 1), Arguments.of(true, 2, 1, 3), Arguments.of(true, 2, 2, 7),
                Arguments.of(true, 1, 2, 0), Arguments.of(true, 1, 2, 5), Arguments.of(true, 4, 1, 2),
                Arguments.of(true, 2, 4, 0), Arguments.of(true, 4, 2, 4),
                Arguments.of(false, 1, 1, 1), Arguments.of(false, 1, 1, 13));
    }

    @ParameterizedTest(name = "colour={0} Y sampling {1}x{2} restart every {3} MCUs")
    @MethodSource("cases")
    void decodesExactlyAsDcmdjpeg(boolean colour, int h, int v, int restartInterval, @TempDir Path tmp)
            throws Exception {
        int rows = 61;
        int columns = 83;
        byte[] jpeg = encode(image(colour, rows, columns), h, v, restartInterval);
        int sof = indexOf(jpeg, 0xC0);
        assertEquals(h * 16 + v, jpeg[sof + 11] & 0xFF, "luminance sampling factors the writer used");
        assertEquals(restartInterval > 0, indexOf(jpeg, 0xDD) > 0, "DRI written");
        // a generated native image supplies the header; its pixels give way to the JPEG data
        Layout layout = new Layout(8, 8, false, colour ? 3 : 1, 1, rows, columns);
        Dataset ds = DicomReader.read(GeneratedImages.write(layout, 1, tmp.resolve("native.dcm"))).dataset();
        ds.setString(Tag.PhotometricInterpretation, VR.CS, colour ? "YBR_FULL_422" : "MONOCHROME2");
        ds.put(new DicomElement(Tag.PixelData, VR.OB, new EncapsulatedPixelData(new byte[0], List.of(jpeg))));
        Path file = tmp.resolve("imageio.dcm");
        DicomWriter.write(file, ds, TransferSyntax.JPEG_BASELINE);

        DicomFile dicom = DicomReader.read(file);
        JpegOracle.assertSameSamples(h + "x" + v + " restart " + restartInterval,
                JpegOracle.dcmdjpegFrames(file, tmp), JpegOracle.ourFrames(dicom), JpegOracle.description(dicom));
    }

    private static int indexOf(byte[] jpeg, int marker) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if (jpeg[i] == (byte) 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        return -1;
    }

    private static BufferedImage image(boolean colour, int rows, int columns) {
        BufferedImage image = new BufferedImage(columns, rows,
                colour ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_BYTE_GRAY);
        Random random = new Random(rows * 31L + columns);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                for (int c = 0; c < (colour ? 3 : 1); c++) {
                    double smooth = 128 + 100 * Math.sin((x + 9 * c) / 7.0) * Math.cos((y - 4 * c) / 5.0);
                    int value = (int) Math.max(0, Math.min(255, smooth + random.nextGaussian() * 20));
                    image.getRaster().setSample(x, y, c, value);
                }
            }
        }
        return image;
    }

    /** Baseline JPEG from the JDK writer with the luminance sampling factors and restart interval asked for. */
    private static byte[] encode(BufferedImage image, int h, int v, int restartInterval) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), null);
            String format = "javax_imageio_jpeg_image_1.0";
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
            IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
            IIOMetadataNode sof = (IIOMetadataNode) markers.getElementsByTagName("sof").item(0);
            IIOMetadataNode luminance = (IIOMetadataNode) sof.getElementsByTagName("componentSpec").item(0);
            luminance.setAttribute("HsamplingFactor", Integer.toString(h));
            luminance.setAttribute("VsamplingFactor", Integer.toString(v));
            for (int i = 1; i < sof.getElementsByTagName("componentSpec").getLength(); i++) {
                IIOMetadataNode chroma = (IIOMetadataNode) sof.getElementsByTagName("componentSpec").item(i);
                chroma.setAttribute("HsamplingFactor", "1");
                chroma.setAttribute("VsamplingFactor", "1");
            }
            if (restartInterval > 0) {
                IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(restartInterval));
                Node first = markers.getFirstChild();
                markers.insertBefore(dri, first);
            }
            metadata.setFromTree(format, root);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(new IIOImage(image, null, metadata));
            }
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }
}
