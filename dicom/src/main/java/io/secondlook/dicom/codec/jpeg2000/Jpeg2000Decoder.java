package io.secondlook.dicom.codec.jpeg2000;

import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.codec.FrameDecoder;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import java.io.IOException;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * JPEG 2000 lossless and lossy (.90/.91) through jai-imageio's JJ2000 decoding chain ({@link Jj2000Chain}), which
 * reads raw codestreams and JP2 files alike, with our own tier-1 {@link CodeBlockDecoder} (JJ2000's spent most of
 * the time) giving the same samples. JJ2000 undoes the DC level shift of unsigned components and the codestream's multiple component
 * transform (RCT/ICT), so YBR_RCT and YBR_ICT images come out as RGB; its ICT rounding is corrected by
 * {@link RoundedIct}. Samples are written as decoded: signed
 * components as two's complement of Bits Allocated width, whatever the codestream's precision (the pipeline masks
 * to Bits Stored), so a codestream whose signedness disagrees with Pixel Representation keeps its bits.
 * HTJ2K (.201–.203) is not handled: JJ2000 predates Part 15.
 */
public final class Jpeg2000Decoder implements FrameDecoder {
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
        if (!size.tileGridValid()) {
            // JJ2000 sizes its per-tile tables from a tile count that such a grid makes negative or huge
            throw new DicomException("JPEG 2000: the codestream's tile grid starts after the image origin or misses it");
        }
        if (size.tiles() > MAX_TILES) {
            // JJ2000 sizes per-tile tables from SIZ's tile grid before reading any tile
            throw new DicomException("JPEG 2000: the codestream declares " + size.tiles()
                    + " tiles; the standard allows at most " + MAX_TILES);
        }
        if (size.minimumPackets() > codestream.length) {
            // JJ2000 can spin for minutes reading packet headers that are not there
            throw new DicomException("JPEG 2000: the codestream declares " + size.layers() + " quality layers in " + size.tiles()
                    + " tile(s), more packets than its " + codestream.length + " bytes can hold");
        }
        return decodeWithDeadline(TilePartCounts.repair(codestream), (long) width * height * samples,
                image.canonicalBytesPerSample());
    }

    @Override
    public String decodedPhotometric(ImagePixelDescription image) {
        String photometric = image.photometric();
        return photometric.equals("YBR_RCT") || photometric.equals("YBR_ICT") ? "RGB" : photometric;
    }

    /** Tile indexes (Isot) run from 0 to 65534 (ITU-T T.800 A.4.2). */
    private static final long MAX_TILES = 65_535;
    static final String BASE_DEADLINE_PROPERTY = "secondlook.jpeg2000.baseDeadlineMillis";
    private static final long BASE_DEADLINE_MILLIS = Long.getLong(BASE_DEADLINE_PROPERTY, 5_000);

    /**
     * Decodes on a worker thread and stops it past a deadline (5 s plus 20 µs per sample, several times JJ2000's
     * pace on a loaded machine): on some corrupt packet headers JJ2000 reads -1 from an in-memory buffer as endless
     * one bits and never returns. {@link Thread#stop} is the only way to end such a loop in a library we do not own;
     * the stopped decoder's objects are private to this call and dropped. The fixed part can be lowered with
     * {@value #BASE_DEADLINE_PROPERTY} (milliseconds; the fuzz profile does, so that such inputs cost less than a
     * second each).
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static byte[] decodeWithDeadline(byte[] codestream, long samples, int bytesPerSample) throws DicomException {
        long limitMillis = BASE_DEADLINE_MILLIS + samples / 50;
        FutureTask<byte[]> task = new FutureTask<>(() -> decodeSamples(codestream, bytesPerSample));
        Thread worker = new Thread(task, "jpeg2000-decode");
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(limitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            worker.stop();
            throw new DicomException(String.format(Locale.ROOT,
                    "JPEG 2000: decoding did not finish within %.1f s; the codestream is corrupt", limitMillis / 1000.0));
        } catch (InterruptedException e) {
            worker.stop();
            Thread.currentThread().interrupt();
            throw new DicomException("JPEG 2000: decoding was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DicomException dicom) {
                throw dicom;
            }
            if (cause instanceof VirtualMachineError error) {
                throw error;
            }
            throw new DicomException("JPEG 2000: cannot decode the codestream (" + describe(cause) + ")", cause);
        }
    }

    private static byte[] decodeSamples(byte[] codestream, int bytesPerSample) throws DicomException {
        try {
            return Jj2000Chain.decode(codestream, bytesPerSample);
        } catch (IOException | RuntimeException e) {
            // JJ2000 reports corrupt codestreams with assorted runtime exceptions (array bounds, EOF, its own Error types).
            throw new DicomException("JPEG 2000: cannot decode the codestream (" + describe(e) + ")", e);
        } catch (Error e) {
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            throw new DicomException("JPEG 2000: cannot decode the codestream (" + describe(e) + ")", e);
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
