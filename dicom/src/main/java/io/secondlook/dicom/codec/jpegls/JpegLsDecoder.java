package io.secondlook.dicom.codec.jpegls;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.codec.FrameDecoder;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.util.Set;

/**
 * JPEG-LS lossless and near-lossless frames (ITU-T T.87), decoded in pure Java to the same samples as CharLS,
 * the codec dcmtk and gdcm use.
 */
public final class JpegLsDecoder implements FrameDecoder {

    @Override
    public Set<TransferSyntax> transferSyntaxes() {
        return Set.of(TransferSyntax.JPEG_LS_LOSSLESS, TransferSyntax.JPEG_LS_NEAR_LOSSLESS);
    }

    @Override
    public byte[] decode(byte[] codestream, ImagePixelDescription image) throws DicomException {
        JpegLsCodestream stream = new JpegLsCodestream(codestream);
        JpegLsFrame frame = stream.readFrame();
        if (frame.rows() != image.rows() || frame.columns() != image.columns()) {
            throw new DicomException("JPEG-LS frame is " + frame.columns() + "x" + frame.rows() + " but the image is "
                    + image.columns() + "x" + image.rows());
        }
        if (frame.components() != image.samplesPerPixel()) {
            throw new DicomException("JPEG-LS frame has " + frame.components() + " components but Samples per Pixel is "
                    + image.samplesPerPixel());
        }
        int bytesPerSample = image.canonicalBytesPerSample();
        if (image.bitsAllocated() != 8 && image.bitsAllocated() != 16 && image.bitsAllocated() != 32) {
            throw new DicomException("JPEG-LS frames need Bits Allocated 8 or 16, not " + image.bitsAllocated());
        }
        if (frame.precision() > 8 * bytesPerSample) {
            throw new DicomException("JPEG-LS precision " + frame.precision() + " exceeds Bits Allocated " + image.bitsAllocated());
        }
        long length = image.canonicalFrameLength();
        if (length > Integer.MAX_VALUE - 8) {
            throw new DicomException("JPEG-LS frame of " + length + " bytes is too large");
        }
        byte[] out = new byte[(int) length];
        stream.decode(out, bytesPerSample);
        return out;
    }
}
