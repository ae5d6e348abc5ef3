package io.secondlook.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every well-formed corpus file reads with the elements dcmdump (dcmtk 3.6.7) shows for it. */
class DicomReaderCorpusTest {

    @TestFactory
    Stream<DynamicTest> elementsMatchDcmdump() {
        return Corpus.dicomFiles(List.of("transfer_syntax", "modality", "series", "sr_seg", "sm", "dicomdir", "charset", "malformed")).stream().map(file -> DynamicTest.dynamicTest(Corpus.key(file), () -> {
            Path dump = file.resolveSibling(file.getFileName() + ".dcmdump.txt");
            if (!Files.exists(dump) || DcmdumpText.hasError(dump)) {
                return;
            }
            DcmdumpText text = DcmdumpText.parse(dump);
            DicomFile dicom = DicomReader.read(file);
            boolean compareText = !file.toString().contains("/charset/");
            List<String> problems = new ArrayList<>(DumpComparison.compareTree(dicom.dataset(), text.datasetTree(), compareText, ""));
            problems.addAll(DumpComparison.compare(dicom.fileMeta(), text.meta(), true));
            assertEquals(List.of(), problems, Corpus.key(file) + " differs from dcmdump (" + dicom.transferSyntaxUid() + ")");
        }));
    }

    @TestFactory
    Stream<DynamicTest> headerOnlyReadStopsBeforePixelData() {
        return Corpus.dicomFiles("transfer_syntax").stream().limit(40).map(file -> DynamicTest.dynamicTest(Corpus.key(file), () -> {
            DicomFile full = DicomReader.read(file);
            DicomFile header = DicomReader.read(file, DicomReader.ReadOptions.HEADER_ONLY);
            assertTrue(!header.dataset().contains(Tag.PixelData), "header-only read holds Pixel Data");
            for (DicomElement e : header.dataset().elements()) {
                assertTrue(full.dataset().contains(e.tag()), Tag.toString(e.tag()));
            }
            assertEquals(full.dataset().getString(Tag.SOPInstanceUID), header.dataset().getString(Tag.SOPInstanceUID));
        }));
    }

    @Test
    void headerOnlyStreamReadConsumesLittleMoreThanTheHeader() throws Exception {
        Path file = Corpus.dicom("transfer_syntax/MR2_UNCR.dcm"); // 1024 x 1024 x 16 bit: 2 MiB of pixels
        long size = Files.size(file);
        long[] consumed = {0};
        try (InputStream counting = new FilterInputStream(Files.newInputStream(file)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                consumed[0] += Math.max(0, n);
                return n;
            }
        }) {
            DicomFile header = DicomReader.read(counting, file.toString(), DicomReader.ReadOptions.HEADER_ONLY);
            assertEquals(1024, header.dataset().getInt(Tag.Rows, 0));
        }
        assertTrue(size > 2_000_000, "test file too small: " + size);
        assertTrue(consumed[0] < 200_000, "read " + consumed[0] + " of " + size + " bytes for the header");
    }
}
