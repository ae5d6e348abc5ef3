package io.secondlook.dicom.codec.jpeg2000;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReadParamJava;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReader;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import com.github.jaiimageio.jpeg2000.impl.J2KReadState;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.codec.FrameDecoder;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.Set;

/**
 * JPEG 2000 lossless and lossy (.90/.91) through jai-imageio's JJ2000 decoder, which reads raw codestreams and JP2
 * files alike. JJ2000 undoes the DC level shift of unsigned components and the codestream's multiple component
 * transform (RCT/ICT), so YBR_RCT and YBR_ICT images come out as RGB; its ICT rounding is corrected by
 * {@link RoundedIct}. Samples are written as decoded: signed
 * components as two's complement of Bits Allocated width, whatever the codestream's precision (the pipeline masks
 * to Bits Stored), so a codestream whose signedness disagrees with Pixel Representation keeps its bits.
 * HTJ2K (.201–.203) is not handled: JJ2000 predates Part 15.
 */
public final class Jpeg2000Decoder implements FrameDecoder {
    private static final J2KImageReaderSpi SPI = new J2KImageReaderSpi();

    @Override
    public Set<TransferSyntax> transferSyntaxes() {
        return Set.of(TransferSyntax.JPEG_2000_LOSSLESS, TransferSyntax.JPEG_2000);
    }

    @Override
    public byte[] decode(byte[] codestream, ImagePixelDescription image) throws DicomException {
        int bits = image.bitsAllocated();
        if (bits != 1 && bits != 8 && bits != 16 && bits != 32) {
            throw new DicomException("JPEG 2000: Bits Allocated " + bits + " is not supported");
        }
        int width = image.columns();
        int height = image.rows();
        int samples = image.samplesPerPixel();
        // checked before JJ2000 allocates the image, so a corrupt SIZ cannot run the heap out
        J2kCodestream.Size size = J2kCodestream.size(codestream);
        if (size == null) {
            throw new DicomException("JPEG 2000: the frame holds no codestream (SOC and SIZ markers)");
        }
        if (size.columns() != width || size.rows() != height || size.components() != samples) {
            throw new DicomException("JPEG 2000: codestream is " + size.columns() + "x" + size.rows() + " with "
                    + size.components() + " component(s), the data set says " + width + "x" + height + " with " + samples);
        }
        if (size.minimumPackets() > codestream.length) {
            // JJ2000 can spin for minutes reading packet headers that are not there
            throw new DicomException("JPEG 2000: the codestream declares " + size.layers() + " quality layers in " + size.tiles()
                    + " tile(s), more packets than its " + codestream.length + " bytes can hold");
        }
        Raster raster = decodeRaster(TilePartCounts.repair(codestream));
        if (raster.getWidth() != width || raster.getHeight() != height || raster.getNumBands() != samples) {
            throw new DicomException("JPEG 2000: the decoder returned " + raster.getWidth() + "x" + raster.getHeight()
                    + " with " + raster.getNumBands() + " band(s) for a " + width + "x" + height + " codestream");
        }
        int[] values = new int[width * samples];
        int bytes = image.canonicalBytesPerSample();
        byte[] out = new byte[width * height * samples * bytes];
        int o = 0;
        for (int y = 0; y < height; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, values);
            o = write(values, out, o, bytes);
        }
        return out;
    }

    @Override
    public String decodedPhotometric(ImagePixelDescription image) {
        String photometric = image.photometric();
        return photometric.equals("YBR_RCT") || photometric.equals("YBR_ICT") ? "RGB" : photometric;
    }

    private static int write(int[] values, byte[] out, int o, int bytes) {
        switch (bytes) {
            case 1 -> {
                for (int v : values) {
                    out[o++] = (byte) v;
                }
            }
            case 2 -> {
                for (int v : values) {
                    out[o++] = (byte) v;
                    out[o++] = (byte) (v >>> 8);
                }
            }
            default -> {
                for (int v : values) {
                    out[o++] = (byte) v;
                    out[o++] = (byte) (v >>> 8);
                    out[o++] = (byte) (v >>> 16);
                    out[o++] = (byte) (v >>> 24);
                }
            }
        }
        return o;
    }

    private static Raster decodeRaster(byte[] codestream) throws DicomException {
        J2KImageReader reader = new J2KImageReader(SPI);
        try (CodestreamInput in = new CodestreamInput(codestream)) {
            reader.setInput(in, true, true);
            J2KReadState state = new J2KReadState(in, new J2KImageReadParamJava(reader.getDefaultReadParam()), reader);
            RoundedIct.install(state);
            return state.readAsRaster();
        } catch (IOException | RuntimeException e) {
            // JJ2000 reports corrupt codestreams with assorted runtime exceptions (array bounds, EOF, its own Error types).
            throw new DicomException("JPEG 2000: cannot decode the codestream (" + describe(e) + ")", e);
        } catch (Error e) {
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            throw new DicomException("JPEG 2000: cannot decode the codestream (" + describe(e) + ")", e);
        } finally {
            reader.dispose();
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
