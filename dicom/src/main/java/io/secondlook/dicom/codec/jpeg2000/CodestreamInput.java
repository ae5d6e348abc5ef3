package io.secondlook.dicom.codec.jpeg2000;

import java.io.EOFException;
import java.io.IOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * A frame's bytes as the image input JJ2000 reads. A single-byte read past the end throws {@link EOFException},
 * as JJ2000's RandomAccessIO contract says; the -1 that image input streams return instead reads as a run of one
 * bits in its packet-header parser, which then loops (near) forever on a truncated or corrupt codestream.
 */
final class CodestreamInput extends ImageInputStreamImpl {
    private final byte[] data;

    CodestreamInput(byte[] data) {
        this.data = data;
    }

    @Override
    public int read() throws IOException {
        bitOffset = 0;
        if (streamPos >= data.length) {
            throw new EOFException("the JPEG 2000 codestream ends early");
        }
        return data[(int) streamPos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        bitOffset = 0;
        if (streamPos >= data.length) {
            return -1;
        }
        int n = (int) Math.min(len, data.length - streamPos);
        System.arraycopy(data, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return data.length;
    }
}
