package io.secondlook.app.cli;

import io.secondlook.app.workflow.AnalysisResult;
import io.secondlook.app.workflow.FindingsJson;
import io.secondlook.app.workflow.Workstation;
import io.secondlook.core.domain.Decision;
import io.secondlook.core.domain.Outcome;
import io.secondlook.core.domain.Report;
import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.dicom.series.DicomStudy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** The walking skeleton without a window: demo study → model → finding → decision → PDF and findings.json. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the embedded demo without a window: writes the demo study (if needed), analyses its chest",
            "radiograph with the pneumonia model, records your decision, and writes report.pdf and findings.json to DIR."})
public final class DemoCommand implements Callable<Integer> {

    enum Choice { accept, reject }

    @ParentCommand
    SecondLookCommand root;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for report.pdf and findings.json.")
    Path out;

    @Option(names = "--decide", required = true, paramLabel = "accept|reject", description = "Decision on the AI finding.")
    Choice decide;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Optional comment recorded with the decision.")
    String comment;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        try (Workstation workstation = Workstation.open(root.appHome())) {
            DicomSeries radiograph = workstation.firstSeries("DX")
                    .orElseThrow(() -> new IllegalStateException("The demo study has no DX radiograph"));
            DicomStudy study = workstation.studyOf(radiograph).orElseThrow();
            AnalysisResult analysis = workstation.analyze(Workstation.DEFAULT_MODEL_ID, radiograph,
                    radiograph.instances().get(0), 0);
            Decision decision = workstation.decide(analysis.finding().id(),
                    decide == Choice.accept ? Outcome.ACCEPTED : Outcome.REJECTED, comment);
            Report report = workstation.exportReport(study.studyInstanceUid(), out.resolve("report.pdf"));
            Path json = FindingsJson.write(out.resolve("findings.json"), study, analysis, decision, report);
            System.out.printf(Locale.ROOT, "%s %.3f (threshold %.3f) -> %s%n", analysis.finding().label(),
                    analysis.finding().probability(), analysis.finding().threshold(), decision.outcome());
            System.out.println("report:   " + report.path());
            System.out.println("findings: " + json);
        }
        return 0;
    }
}
