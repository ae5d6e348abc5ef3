package io.secondlook.dicom.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.pixel.ImagePixelDescription;
import io.secondlook.dicom.pixel.PixelPipeline;
import java.io.ByteArrayInputStream;

/**
 * The pixel pipeline on arbitrary files: whatever frames the header describes (the first and the last) decode,
 * render in grey and colour, and give their overlays and planes, or fail with a {@link DicomException}.
 */
class PixelPipelineFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void decodeWhateverTheHeaderDescribes(byte[] input) {
        DicomFile file;
        try {
            file = DicomReader.read(new ByteArrayInputStream(input), "fuzz input", DicomReader.ReadOptions.DEFAULT);
        } catch (DicomException e) {
            return;
        }
        int frames = ImagePixelDescription.from(file.dataset()).frames();
        for (int frame : frames > 1 ? new int[] {0, frames - 1} : new int[] {0}) {
            PixelPipeline.overlays(file, frame);
            PixelPipeline.framePlane(file, frame);
            PixelPipeline.windows(file, frame);
            PixelPipeline.voiLuts(file, frame);
            try {
                PixelPipeline.canonicalFrameBytes(file, frame);
                PixelPipeline.grayscale(file, frame);
                PixelPipeline.display(file, frame);
                PixelPipeline.color(file, frame);
            } catch (DicomException expected) {
                // Undecodable pixels are reported, not thrown as anything else.
            }
        }
    }
}
