package io.secondlook.dicom.codec.jpeg2000;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.secondlook.dicom.Corpus;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.EncapsulatedPixelData;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.codec.EncapsulatedFrames;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our tier-1 ({@link CodeBlockDecoder}, through {@link Jj2000Chain}) gives exactly the samples JJ2000's own
 * StdEntropyDecoder gave through jai-imageio's reader ({@link Jj2000Reference}): on every JPEG 2000 frame of the
 * corpus, and on codestreams written by OpenJPEG 2.5 with each code-block style (resources {@code styles/}: a
 * 96x80 12-bit signed grey image and a 96x80 8-bit RGB image; {@code opj_compress -F 96,80,1,12,s -M m -b 16,16}
 * for the modes 1 bypass, 2 reset, 4 terminate all, 8 vertically causal, 16 predictable termination, 32
 * segmentation symbols and their mixes, lossy 9/7 with layers, tiles, precincts, image and tile offsets, RCT and
 * ICT).
 */
class CodeBlockDecoderTest {
    private static final List<String> STYLES = List.of("grey-lossless", "grey-lossy-layers", "grey-reversible-layers",
            "grey-mode1", "grey-mode2", "grey-mode4", "grey-mode8", "grey-mode16", "grey-mode32", "grey-mode63",
            "grey-mode5", "grey-mode17", "grey-mode36", "grey-mode63-lossy", "grey-mode1-layers", "grey-mode5-layers",
            "grey-tiles", "grey-precincts", "grey-offset", "rgb-rct", "rgb-ict", "rgb-ict-mode63", "rgb-nomct");

    static Stream<String> styles() {
        return STYLES.stream();
    }

    static byte[] style(String name) throws IOException {
        try (InputStream in = CodeBlockDecoderTest.class.getResourceAsStream("styles/" + name + ".j2k")) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("styles")
    void everyCodeBlockStyleDecodesAsJj2000Did(String name) throws Exception {
        byte[] codestream = style(name);
        byte[] ours = Jj2000Chain.decode(codestream, 2);
        assertArrayEquals(Jj2000Reference.decode(codestream, 2), ours, name);
        assertTrue(countNonZero(ours) > ours.length / 4, "a real image, not zeros");
    }

    @Test
    void everyJpeg2000FrameOfTheCorpusDecodesAsJj2000Did() throws Exception {
        List<String> compared = new ArrayList<>();
        for (Path file : Corpus.dicomFiles("")) {
            DicomFile dicom;
            try {
                dicom = DicomReader.read(file);
            } catch (DicomException e) {
                continue;
            }
            String uid = dicom.transferSyntaxUid();
            boolean j2k = uid.equals(TransferSyntax.JPEG_2000.uid()) || uid.equals(TransferSyntax.JPEG_2000_LOSSLESS.uid());
            if (!j2k || !(dicom.dataset().get(Tag.PixelData).value() instanceof EncapsulatedPixelData pixels)) {
                continue;
            }
            ImagePixelDescription d = ImagePixelDescription.from(dicom.dataset());
            for (int f = 0; f < d.frames(); f++) {
                byte[] codestream;
                try {
                    codestream = TilePartCounts.repair(EncapsulatedFrames.frame(pixels, d.frames(), f, null));
                } catch (DicomException e) {
                    continue;
                }
                compare(Corpus.key(file) + " frame " + f, codestream, d.canonicalBytesPerSample());
            }
            compared.add(Corpus.key(file));
        }
        assertTrue(compared.size() >= 15, "only " + compared.size() + " JPEG 2000 files: " + compared);
    }

    private static void compare(String name, byte[] codestream, int bytes) {
        byte[] expected;
        try {
            expected = Jj2000Reference.decode(codestream, bytes);
        } catch (Exception | Error e) { // JJ2000 reports some corrupt codestreams with Error and even ThreadDeath
            assertThrows(Throwable.class, () -> Jj2000Chain.decode(codestream, bytes), name + ": JJ2000 refused it");
            return;
        }
        try {
            assertArrayEquals(expected, Jj2000Chain.decode(codestream, bytes), name);
        } catch (IOException | DicomException | RuntimeException e) {
            fail(name + ": JJ2000 decodes it, we throw " + e, e);
        }
    }

    @Test
    void truncatedCodeBlockDataDecodesAsJj2000DidOrFailsCleanly() throws Exception {
        byte[] codestream = style("grey-mode63");
        for (int cut = 200; cut < codestream.length; cut += 997) {
            compare("cut at " + cut, Arrays.copyOf(codestream, cut), 2);
        }
    }

    @Test
    void flippedBitsInCodeBlockDataDecodeAsJj2000DidOrFailCleanly() throws Exception {
        for (String name : List.of("grey-mode63", "grey-mode16", "grey-lossless", "rgb-ict-mode63")) {
            byte[] codestream = style(name);
            for (int i = 300; i < codestream.length; i += 1013) {
                byte[] damaged = codestream.clone();
                damaged[i] ^= 0x24;
                compare(name + " damaged at " + i, damaged, 2);
            }
        }
    }

    @Test
    void aCorruptErtermStreamIsConcealedNotIgnored() throws Exception {
        byte[] codestream = style("grey-mode16");
        byte[] damaged = codestream.clone();
        damaged[damaged.length / 2] ^= 0x10;
        assertFalse(Arrays.equals(Jj2000Chain.decode(codestream, 2), Jj2000Chain.decode(damaged, 2)));
    }

    private static int countNonZero(byte[] data) {
        int n = 0;
        for (byte b : data) {
            n += b != 0 ? 1 : 0;
        }
        return n;
    }
}
