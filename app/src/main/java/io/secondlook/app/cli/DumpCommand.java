package io.secondlook.app.cli;

import io.secondlook.dicom.DicomDumper;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Prints a DICOM file's meta header and data set, like dcmdump. */
@Command(name = "dump", mixinStandardHelpOptions = true, description = "Prints a DICOM file's data set like dcmdump.")
public final class DumpCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The DICOM file.")
    Path file;

    @Override
    public Integer call() throws Exception {
        DicomFile dicom = DicomReader.read(file);
        System.out.print(DicomDumper.dump(dicom));
        System.out.flush();
        return 0;
    }
}
