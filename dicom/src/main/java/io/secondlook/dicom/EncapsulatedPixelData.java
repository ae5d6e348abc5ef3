package io.secondlook.dicom;

import java.util.List;

/**
 * Compressed Pixel Data (PS3.5 A.4): the Basic Offset Table item and the fragments that follow.
 * Frame boundaries come from the offset table, the Extended Offset Table, or one fragment per frame.
 */
public record EncapsulatedPixelData(byte[] basicOffsetTable, List<byte[]> fragments) {

    public EncapsulatedPixelData {
        basicOffsetTable = basicOffsetTable == null ? new byte[0] : basicOffsetTable;
        fragments = List.copyOf(fragments);
    }
}
