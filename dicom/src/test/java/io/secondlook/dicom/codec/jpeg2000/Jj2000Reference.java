package io.secondlook.dicom.codec.jpeg2000;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReadParamJava;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReader;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import com.github.jaiimageio.jpeg2000.impl.J2KReadState;
import java.awt.image.Raster;
import java.lang.reflect.Field;
import jj2000.j2k.decoder.DecoderSpecs;
import jj2000.j2k.image.BlkImgDataSrc;
import jj2000.j2k.image.invcomptransf.InvCompTransf;

/**
 * The decoder as it was before {@link CodeBlockDecoder}: jai-imageio's J2KReadState with JJ2000's own tier-1 and
 * {@link RoundedIct} swapped in by reflection, read through a raster into interleaved little-endian samples.
 */
final class Jj2000Reference {
    private static final J2KImageReaderSpi SPI = new J2KImageReaderSpi();

    private Jj2000Reference() {
    }

    static byte[] decode(byte[] codestream, int bytesPerSample) throws Exception {
        J2KImageReader reader = new J2KImageReader(SPI);
        try (CodestreamInput in = new CodestreamInput(codestream)) {
            reader.setInput(in, true, true);
            J2KReadState state = new J2KReadState(in, new J2KImageReadParamJava(reader.getDefaultReadParam()), reader);
            installRoundedIct(state);
            Raster raster = state.readAsRaster();
            // with an image offset the raster also holds the offset's empty columns and rows: the image is bottom right
            int width = state.getHeader().getImgWidth();
            int height = state.getHeader().getImgHeight();
            int x0 = raster.getMinX() + raster.getWidth() - width;
            int y0 = raster.getMinY() + raster.getHeight() - height;
            int bands = raster.getNumBands();
            int[] row = new int[width * bands];
            byte[] out = new byte[width * height * bands * bytesPerSample];
            int o = 0;
            for (int y = 0; y < height; y++) {
                raster.getPixels(x0, y0 + y, width, 1, row);
                for (int v : row) {
                    for (int b = 0; b < bytesPerSample; b++) {
                        out[o++] = (byte) (v >>> (8 * b));
                    }
                }
            }
            return out;
        } finally {
            reader.dispose();
        }
    }

    private static void installRoundedIct(J2KReadState state) throws ReflectiveOperationException {
        Field transform = J2KReadState.class.getDeclaredField("ictransf");
        Field converter = J2KReadState.class.getDeclaredField("converter");
        Field specs = J2KReadState.class.getDeclaredField("decSpec");
        Field depths = InvCompTransf.class.getDeclaredField("utdepth");
        for (Field f : new Field[] {transform, converter, specs, depths}) {
            f.setAccessible(true);
        }
        InvCompTransf original = (InvCompTransf) transform.get(state);
        transform.set(state, new RoundedIct((BlkImgDataSrc) converter.get(state), (DecoderSpecs) specs.get(state),
                (int[]) depths.get(original)));
    }
}
