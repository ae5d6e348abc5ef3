package io.secondlook.dicom.codec;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import io.secondlook.dicom.pixel.PixelPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Canonical frames of a file, and the decoder the pipeline uses for it, for the codec tests. */
public final class DecodedFrames {
    private DecodedFrames() {
    }

    public static TransferSyntax syntax(DicomFile file) {
        return TransferSyntax.fromUid(file.transferSyntaxUid()).orElse(null);
    }

    /** The decoder registered for the file's transfer syntax, empty for native and unknown syntaxes. */
    public static Optional<FrameDecoder> decoder(DicomFile file) {
        TransferSyntax ts = syntax(file);
        return ts == null || !ts.encapsulated() ? Optional.empty() : FrameDecoders.forSyntax(ts);
    }

    public static List<byte[]> all(DicomFile file) throws DicomException {
        int frames = ImagePixelDescription.from(file.dataset()).frames();
        List<byte[]> out = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            out.add(frame(file, f));
        }
        return out;
    }

    public static byte[] frame(DicomFile file, int index) throws DicomException {
        return PixelPipeline.canonicalFrameBytes(file, index);
    }
}
