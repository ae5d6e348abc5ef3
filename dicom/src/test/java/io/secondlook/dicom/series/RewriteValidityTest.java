package io.secondlook.dicom.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.dicom.Corpus;
import io.secondlook.dicom.DicomDumper;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.DicomWriter;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.pixel.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Imported files rewritten by our writer stay valid: dciodvfy (dicom3tools) finds no error in the rewrite that it
 * does not find in the original, and dcmtk reads our deflated output back to the same data set.
 */
class RewriteValidityTest {
    @TempDir
    Path tmp;

    private static Set<String> dciodvfyErrors(Path file) throws Exception {
        String tool = ExternalTools.onPath("dciodvfy");
        Assumptions.assumeTrue(tool != null, "dciodvfy (dicom3tools) is not installed; CI installs it");
        Process p = new ProcessBuilder(tool, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        p.waitFor();
        return Arrays.stream(out.split("\n")).filter(l -> l.startsWith("Error")).map(String::strip)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"modality/ct_image.dcm", "transfer_syntax/MR_small.dcm", "transfer_syntax/MR_small_bigendian.dcm",
        "transfer_syntax/MR_small_implicit.dcm", "dicomdir/77654033/CT2/17106", "modality/MR-SIEMENS-DICOM-WithOverlays.dcm",
        "modality/eCT_Supplemental.dcm"})
    void rewriteAddsNoDciodvfyErrors(String name) throws Exception {
        Path original = Corpus.dicom(name);
        DicomFile read = DicomReader.read(original);
        Path rewritten = tmp.resolve("rewritten.dcm");
        DicomWriter.write(rewritten, read.dataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Set<String> before = dciodvfyErrors(original);
        Set<String> after = dciodvfyErrors(rewritten);
        after.removeAll(before);
        assertEquals(Set.of(), after, "errors our rewrite introduced");
        assertEquals(DicomDumper.dump(read.dataset()), DicomDumper.dump(DicomReader.read(rewritten).dataset()));
    }

    @Test
    void deflatedOutputIsReadByDcmtk() throws Exception {
        String dcmconv = ExternalTools.onPath("dcmconv");
        Assumptions.assumeTrue(dcmconv != null, "dcmconv (dcmtk) is not installed; CI installs it");
        for (String name : List.of("transfer_syntax/MR_small.dcm", "modality/ct_image.dcm")) {
            DicomFile read = DicomReader.read(Corpus.dicom(name));
            Path deflated = tmp.resolve("deflated.dcm");
            Path inflated = tmp.resolve("inflated.dcm");
            DicomWriter.write(deflated, read.dataset(), TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
            assertEquals(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid(), DicomReader.read(deflated).transferSyntaxUid());
            // dcmtk inflates our file to Explicit VR Little Endian; the data set must come back unchanged.
            ExternalTools.run(List.of(dcmconv, "+te", deflated.toString(), inflated.toString()));
            DicomFile viaDcmtk = DicomReader.read(inflated);
            assertEquals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), viaDcmtk.transferSyntaxUid());
            assertEquals(DicomDumper.dump(read.dataset()), DicomDumper.dump(viaDcmtk.dataset()), name);
            assertTrue(viaDcmtk.warnings().isEmpty(), viaDcmtk.warnings().toString());
        }
    }
}
