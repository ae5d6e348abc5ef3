package io.secondlook.bench;

import io.secondlook.dicom.Dataset;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.DicomWriter;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.TransferSyntax;
import io.secondlook.dicom.UidGenerator;
import io.secondlook.dicom.VR;
import io.secondlook.dicom.series.FolderScanner;
import io.secondlook.dicom.series.ScanResult;
import io.secondlook.testdata.DemoStudy;
import io.secondlook.testdata.DemoStudyGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Indexing 1,000 CT slices (512×512, 16-bit, one file each) from their headers: {@link FolderScanner#scan} reads
 * up to Pixel Data, then assembles and sorts the series. Target: under 2 s. The files are written once in setup
 * (a demo CT slice copied with new SOP Instance UIDs and positions), so the page cache is warm, as on a second
 * open of a study. {@code java -jar bench/target/benchmarks.jar IndexingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class IndexingBenchmark {
    static final int SLICES = 1000;

    private Path folder;

    @Setup(Level.Trial)
    public void writeSlices() throws Exception {
        folder = Files.createTempDirectory("secondlook-indexing");
        DemoStudy demo = new DemoStudyGenerator().writeTo(folder.resolve("demo"));
        DicomFile slice = DicomReader.read(demo.ct().files().get(0));
        String series = UidGenerator.newUid();
        Path ct = Files.createDirectories(folder.resolve("ct"));
        for (int i = 0; i < SLICES; i++) {
            Dataset ds = slice.dataset().copy();
            String uid = UidGenerator.newUid();
            ds.setString(Tag.SOPInstanceUID, VR.UI, uid);
            ds.setString(Tag.SeriesInstanceUID, VR.UI, series);
            ds.setInt(Tag.InstanceNumber, VR.IS, i + 1);
            ds.setDouble(Tag.ImagePositionPatient, VR.DS, -250, -250, -500 + 0.5 * i);
            Dataset meta = DicomWriter.createFileMeta(slice.sopClassUid(), uid, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
            DicomWriter.write(ct.resolve(String.format("CT%04d.dcm", i)), meta, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        }
        deleteTree(folder.resolve("demo"));
    }

    @Benchmark
    public ScanResult index() throws IOException {
        ScanResult result = FolderScanner.scan(folder);
        if (result.filesRead() != SLICES) {
            throw new IllegalStateException("indexed " + result.filesRead() + " of " + SLICES + ": " + result.problems());
        }
        return result;
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        deleteTree(folder);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
