package io.secondlook.app.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.secondlook.core.domain.Decision;
import io.secondlook.core.domain.Finding;
import io.secondlook.core.domain.Report;
import io.secondlook.dicom.series.DicomStudy;
import io.secondlook.inference.classify.Classification;
import io.secondlook.inference.saliency.SaliencyMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The machine-readable record of an analysis and its review, written beside the PDF report. */
public final class FindingsJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FindingsJson() {
    }

    public static Path write(Path target, DicomStudy study, AnalysisResult analysis, Decision decision, Report report)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("studyInstanceUid", study.studyInstanceUid());
        ObjectNode model = root.putObject("model");
        model.put("id", analysis.card().id());
        model.put("name", analysis.card().name());
        model.put("version", analysis.card().version());
        model.put("sha256", analysis.card().sha256());
        model.put("intendedUse", analysis.card().intendedUse());
        Classification c = analysis.classification();
        root.put("device", c.device());

        ArrayNode findings = root.putArray("findings");
        Finding f = analysis.finding();
        ObjectNode finding = findings.addObject();
        finding.put("findingUid", f.findingUid());
        finding.put("seriesInstanceUid", f.seriesUid());
        finding.put("sopInstanceUid", f.sopInstanceUid());
        finding.put("frame", f.frame());
        finding.put("label", f.label());
        finding.put("probability", f.probability());
        finding.put("threshold", f.threshold());
        finding.put("positive", f.positive());
        ObjectNode probabilities = finding.putObject("classProbabilities");
        for (int i = 0; i < c.labels().size(); i++) {
            probabilities.put(c.labels().get(i), c.probabilities()[i]);
        }
        SaliencyMap map = c.saliency();
        ObjectNode saliency = finding.putObject("saliency");
        saliency.put("method", map.method());
        saliency.put("width", map.width());
        saliency.put("height", map.height());
        saliency.put("imageWidth", map.imageWidth());
        saliency.put("imageHeight", map.imageHeight());
        saliency.putPOJO("parameters", map.parameters());
        finding.put("createdAt", f.createdAt().toString());

        ObjectNode d = finding.putObject("decision");
        d.put("outcome", decision.outcome().name());
        d.put("comment", decision.comment());
        d.put("reader", decision.reader());
        d.put("decidedAt", decision.decidedAt().toString());

        ObjectNode r = root.putObject("report");
        r.put("file", report.path().getFileName().toString());
        r.put("sha256", report.sha256());
        r.put("reader", report.reader());
        r.put("createdAt", report.createdAt().toString());

        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}
