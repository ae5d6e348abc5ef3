package io.secondlook.dicom.codec.jpeg2000;

import com.github.jaiimageio.jpeg2000.impl.IISRandomAccessIO;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReadParamJava;
import io.secondlook.dicom.DicomException;
import java.awt.Point;
import java.io.IOException;
import jj2000.j2k.codestream.HeaderInfo;
import jj2000.j2k.codestream.reader.BitstreamReaderAgent;
import jj2000.j2k.codestream.reader.HeaderDecoder;
import jj2000.j2k.decoder.DecoderSpecs;
import jj2000.j2k.fileformat.reader.FileFormatReader;
import jj2000.j2k.image.DataBlkInt;
import jj2000.j2k.image.ImgDataConverter;
import jj2000.j2k.io.RandomAccessIO;
import jj2000.j2k.quantization.dequantizer.Dequantizer;
import jj2000.j2k.roi.ROIDeScaler;
import jj2000.j2k.wavelet.synthesis.InverseWT;

/**
 * JJ2000's decoding chain as jai-imageio's J2KReadState builds it (packet reader, ROI de-scaler, dequantizer,
 * inverse wavelet, converter, inverse component transform), with {@link CodeBlockDecoder} for tier-1 and
 * {@link RoundedIct} for the colour transform. Samples are read tile by tile straight from the chain and written
 * as J2KReadState's raster would hold them: level-shifted, clipped to the component's range, and stored in the
 * raster's sample type (bytes for depths up to 8, shorts for up to 16, signed if any component is), then as
 * interleaved little-endian samples of the caller's width.
 */
final class Jj2000Chain {
    private Jj2000Chain() {
    }

    static byte[] decode(byte[] codestream, int bytesPerSample) throws IOException, DicomException {
        try (CodestreamInput input = new CodestreamInput(codestream)) {
            RandomAccessIO in = new IISRandomAccessIO(input);
            FileFormatReader fileFormat = new FileFormatReader(in, null);
            fileFormat.readFileFormat();
            in.seek(fileFormat.getFirstCodeStreamPos());
            J2KImageReadParamJava param = new J2KImageReadParamJava();
            HeaderInfo info = new HeaderInfo();
            HeaderDecoder header = new HeaderDecoder(in, param, info);
            int components = header.getNumComps();
            for (int c = 1; c < components; c++) {
                if (header.getCompSubsX(c) != header.getCompSubsX(0) || header.getCompSubsY(c) != header.getCompSubsY(0)) {
                    throw new DicomException("JPEG 2000: components with different subsampling are not supported");
                }
            }
            DecoderSpecs specs = header.getDecoderSpecs();
            int[] depths = new int[components];
            for (int c = 0; c < components; c++) {
                depths[c] = header.getOriginalBitDepth(c);
            }
            BitstreamReaderAgent packets = BitstreamReaderAgent.createInstance(in, header, param, specs, false, info);
            ROIDeScaler roi = header.createROIDeScaler(new CodeBlockDecoder(packets, specs), param, specs);
            Dequantizer dequantizer = header.createDequantizer(roi, depths, specs);
            InverseWT wavelet = InverseWT.createInstance(dequantizer, specs);
            wavelet.setImgResLevel(packets.getImgRes());
            RoundedIct transform = new RoundedIct(new ImgDataConverter(wavelet, 0), specs, depths);
            return new Jj2000Chain.Output(header, transform, bytesPerSample).read();
        }
    }

    /** Where the chain's samples go: J2KReadState's per-component shift and clipping and its raster's storage. */
    private static final class Output {
        private final HeaderDecoder header;
        private final RoundedIct transform;
        private final int bytesPerSample;
        private final int width;
        private final int height;
        private final int components;
        private final int[] levelShift;
        private final int[] min;
        private final int[] max;
        private final int[] fractionBits;
        private final int storageBits;
        private final boolean storageSigned;

        Output(HeaderDecoder header, RoundedIct transform, int bytesPerSample) {
            this.header = header;
            this.transform = transform;
            this.bytesPerSample = bytesPerSample;
            width = header.getImgWidth();
            height = header.getImgHeight();
            components = header.getNumComps();
            levelShift = new int[components];
            min = new int[components];
            max = new int[components];
            fractionBits = new int[components];
            boolean signed = false; // once one component is signed J2KReadState clips the later ones as signed too
            int maxDepth = 0;
            for (int c = 0; c < components; c++) {
                maxDepth = Math.max(maxDepth, header.getOriginalBitDepth(c));
                int range = transform.getNomRangeBits(c);
                if (header.isOriginalSigned(c)) {
                    signed = true;
                } else {
                    levelShift[c] = 1 << (range - 1);
                }
                max[c] = (1 << (signed ? range - 1 : range)) - 1;
                min[c] = signed ? -(max[c] + 1) : 0;
                fractionBits[c] = transform.getFixedPoint(c);
            }
            if (components == 1 && (maxDepth == 1 || maxDepth == 2 || maxDepth == 4)) {
                storageBits = maxDepth; // packed bits, unsigned
                storageSigned = false;
                if (maxDepth == 1) {
                    min[0] = 0;
                    max[0] = 1;
                }
            } else {
                storageBits = maxDepth <= 8 ? 8 : maxDepth <= 16 ? 16 : 32;
                storageSigned = storageBits != 8 && signed;
            }
        }

        byte[] read() {
            byte[] out = new byte[width * height * components * bytesPerSample];
            Point tiles = transform.getNumTiles(null);
            Point origin = header.getTilingOrigin(null);
            int tileWidth = header.getNomTileWidth();
            int tileHeight = header.getNomTileHeight();
            int imageX = header.getImgULX();
            int imageY = header.getImgULY();
            DataBlkInt block = new DataBlkInt();
            for (int ty = 0; ty < tiles.y; ty++) {
                for (int tx = 0; tx < tiles.x; tx++) {
                    transform.setTile(tx, ty);
                    int x0 = Math.max(origin.x + tx * tileWidth, imageX) - imageX;
                    int y0 = Math.max(origin.y + ty * tileHeight, imageY) - imageY;
                    int w = Math.min(transform.getTileWidth(), width - x0);
                    int h = Math.min(transform.getTileHeight(), height - y0);
                    if (w <= 0 || h <= 0) {
                        continue;
                    }
                    for (int c = 0; c < components; c++) {
                        block.ulx = 0;
                        block.uly = 0;
                        block.w = w;
                        block.h = h;
                        transform.getInternCompData(block, c);
                        write(block, c, x0, y0, w, h, out);
                    }
                }
            }
            return out;
        }

        private void write(DataBlkInt block, int c, int x0, int y0, int w, int h, byte[] out) {
            int[] data = block.data;
            int shift = fractionBits[c];
            int offset = levelShift[c];
            int lo = min[c];
            int hi = max[c];
            int extend = 32 - storageBits;
            int step = components * bytesPerSample;
            for (int y = 0; y < h; y++) {
                int k = block.offset + y * block.scanw;
                int o = (((y0 + y) * width + x0) * components + c) * bytesPerSample;
                for (int x = 0; x < w; x++, o += step) {
                    int v = (data[k + x] >> shift) + offset;
                    v = v < lo ? lo : Math.min(v, hi);
                    v = storageSigned ? v << extend >> extend : v << extend >>> extend;
                    out[o] = (byte) v;
                    if (bytesPerSample > 1) {
                        out[o + 1] = (byte) (v >>> 8);
                        if (bytesPerSample > 2) {
                            out[o + 2] = (byte) (v >>> 16);
                            out[o + 3] = (byte) (v >>> 24);
                        }
                    }
                }
            }
        }
    }
}
