package io.secondlook.dicom.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.codec.FrameDecoder;
import io.secondlook.dicom.codec.FrameDecoders;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.util.List;
import java.util.Optional;

/**
 * Each registered frame decoder on arbitrary codestreams, under a few fixed small image descriptions: decoded
 * samples or a {@link DicomException}. Syntaxes without a registered decoder are skipped.
 */
class CodecFuzzTest {
    private static final List<ImagePixelDescription> IMAGES = List.of(
            new ImagePixelDescription(64, 64, 1, 16, 16, 15, 1, "MONOCHROME2", 0, 1),
            new ImagePixelDescription(100, 100, 3, 8, 8, 7, 0, "RGB", 0, 1),
            new ImagePixelDescription(100, 100, 3, 8, 8, 7, 0, "YBR_FULL_422", 0, 1),
            new ImagePixelDescription(16, 16, 1, 8, 8, 7, 0, "MONOCHROME2", 0, 1),
            new ImagePixelDescription(16, 12, 1, 16, 12, 11, 0, "MONOCHROME1", 0, 1));

    private static void decode(byte[] codestream, TransferSyntax... syntaxes) {
        for (TransferSyntax syntax : syntaxes) {
            Optional<FrameDecoder> decoder = FrameDecoders.forSyntax(syntax);
            if (decoder.isEmpty()) {
                continue;
            }
            for (ImagePixelDescription image : IMAGES) {
                try {
                    decoder.get().decode(codestream, image);
                    decoder.get().decodedPhotometric(image);
                } catch (DicomException expected) {
                    // A corrupt codestream is reported.
                }
            }
        }
    }

    @FuzzTest(maxDuration = "10m")
    void rle(byte[] codestream) {
        decode(codestream, TransferSyntax.RLE_LOSSLESS);
    }

    @FuzzTest(maxDuration = "10m")
    void jpeg(byte[] codestream) {
        decode(codestream, TransferSyntax.JPEG_BASELINE, TransferSyntax.JPEG_EXTENDED, TransferSyntax.JPEG_LOSSLESS,
                TransferSyntax.JPEG_LOSSLESS_SV1);
    }

    @FuzzTest(maxDuration = "10m")
    void jpegLs(byte[] codestream) {
        decode(codestream, TransferSyntax.JPEG_LS_LOSSLESS, TransferSyntax.JPEG_LS_NEAR_LOSSLESS);
    }

    @FuzzTest(maxDuration = "10m")
    void jpeg2000(byte[] codestream) {
        decode(codestream, TransferSyntax.JPEG_2000_LOSSLESS, TransferSyntax.JPEG_2000);
    }
}
