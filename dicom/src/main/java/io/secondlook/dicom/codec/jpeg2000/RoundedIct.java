package io.secondlook.dicom.codec.jpeg2000;

import jj2000.j2k.decoder.DecoderSpecs;
import jj2000.j2k.image.BlkImgDataSrc;
import jj2000.j2k.image.DataBlk;
import jj2000.j2k.image.DataBlkFloat;
import jj2000.j2k.image.DataBlkInt;
import jj2000.j2k.image.invcomptransf.InvCompTransf;

/**
 * JJ2000's inverse irreversible colour transform (ICT) with correct rounding. JJ2000 rounds with
 * {@code (int) (x + 0.5f)}, which truncates towards zero, so every negative non-integer sample (before the DC level
 * shift: the darker half of the range) comes out one too high; OpenJPEG and Kakadu round to nearest. This subclass
 * computes the same float transform and rounds with {@code floor(x + 0.5)}; other tiles and transforms (RCT, none)
 * go to JJ2000 unchanged. {@link Jj2000Chain} uses it as the chain's inverse component transform.
 */
final class RoundedIct extends InvCompTransf {
    private final BlkImgDataSrc source;

    RoundedIct(BlkImgDataSrc source, DecoderSpecs specs, int[] depths) {
        super(source, specs, depths);
        this.source = source;
    }

    private boolean ictHere(int component) {
        return component < 3 && getNumComps() >= 3 && !isReversible(); // only ICT is irreversible
    }

    @Override
    public DataBlk getCompData(DataBlk blk, int c) {
        return ictHere(c) ? transform(blk, c) : super.getCompData(blk, c);
    }

    @Override
    public DataBlk getInternCompData(DataBlk blk, int c) {
        return ictHere(c) ? transform(blk, c) : super.getInternCompData(blk, c);
    }

    private DataBlk transform(DataBlk blk, int c) {
        DataBlkFloat[] ycc = new DataBlkFloat[3];
        for (int i = 0; i < 3; i++) {
            ycc[i] = (DataBlkFloat) source.getInternCompData(new DataBlkFloat(blk.ulx, blk.uly, blk.w, blk.h), i);
        }
        DataBlk out = blk.getDataType() == DataBlk.TYPE_INT ? blk : new DataBlkInt(blk.ulx, blk.uly, blk.w, blk.h);
        int[] data = out.getData() instanceof int[] d && d.length >= blk.w * blk.h ? d : new int[blk.w * blk.h];
        float[] y = ycc[0].data;
        float[] cb = ycc[1].data;
        float[] cr = ycc[2].data;
        int k = 0;
        for (int row = 0; row < blk.h; row++) {
            int iy = ycc[0].offset + row * ycc[0].scanw;
            int ib = ycc[1].offset + row * ycc[1].scanw;
            int ir = ycc[2].offset + row * ycc[2].scanw;
            for (int col = 0; col < blk.w; col++, iy++, ib++, ir++) {
                float v = switch (c) {
                    case 0 -> y[iy] + 1.402f * cr[ir];
                    case 1 -> y[iy] - 0.34413f * cb[ib] - 0.71414f * cr[ir];
                    default -> y[iy] + 1.772f * cb[ib];
                };
                data[k++] = (int) Math.floor(v + 0.5f);
            }
        }
        out.setData(data);
        out.offset = 0;
        out.scanw = blk.w;
        out.progressive = ycc[0].progressive || ycc[1].progressive || ycc[2].progressive;
        return out;
    }
}
