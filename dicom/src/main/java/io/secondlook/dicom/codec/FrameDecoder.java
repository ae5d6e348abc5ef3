package io.secondlook.dicom.codec;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.util.Set;

/**
 * Decodes one compressed frame (the codestream of one frame of encapsulated Pixel Data) into canonical samples:
 * row-major, colour samples interleaved per pixel, each sample an unsigned little-endian integer of Bits Allocated
 * width (8, 16 or 32) — raw stored values, not yet masked to Bits Stored (the pipeline masks and sign-extends).
 * YBR colour in lossy JPEG is converted to RGB as dcmdjpeg does; RGB and YBR that the codec stores losslessly are
 * returned as stored. Decoders register through {@link java.util.ServiceLoader} (see {@link FrameDecoders}).
 */
public interface FrameDecoder {

    /** The transfer syntaxes this decoder handles. */
    Set<TransferSyntax> transferSyntaxes();

    /**
     * @param codestream the bytes of one frame, fragments already joined
     * @param image rows, columns, samples, bits allocated/stored, photometric and planar configuration of the image
     * @throws DicomException when the codestream is corrupt or uses a feature the decoder does not support; the
     *         message says what (the caller adds the file and frame)
     */
    byte[] decode(byte[] codestream, ImagePixelDescription image) throws DicomException;

    /**
     * The Photometric Interpretation of the decoded samples, when decoding changes it (YBR_FULL_422 JPEG → RGB).
     */
    default String decodedPhotometric(ImagePixelDescription image) {
        return image.photometric();
    }
}
