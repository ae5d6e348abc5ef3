package io.secondlook.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.secondlook.app.cli.CommandLineTest.Run;
import io.secondlook.testdata.DemoStudy;
import io.secondlook.testdata.DemoStudyGenerator;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secondlook infer} on the synthetic demo study (a DX radiograph and a CT series). */
class InferCommandTest {

    @TempDir
    static Path tmp;
    private static DemoStudy study;

    @BeforeAll
    static void writeStudy() throws Exception {
        study = new DemoStudyGenerator(true).writeTo(tmp.resolve("study"));
    }

    @Test
    void analysesTheSeriesTheModelAppliesToAndWritesFindingsAndImages() throws Exception {
        Path out = tmp.resolve("out");
        Run r = CommandLineTest.run("--home", tmp.resolve("home").toString(), "infer", "--model", "pneumonia-demo",
                "--input", study.folder().toString(), "--out", out.toString(), "--saliency", "CAM,OCCLUSION",
                "--device", "auto", "--threads", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("1 of 2 series analysed with pneumonia-demo 1.0.0 on cpu"), r.out());
        JsonNode f = new ObjectMapper().readTree(out.resolve("findings.json").toFile());
        assertEquals("cpu", f.get("device").asText());
        assertTrue(f.get("deviceFallback").asText().contains("CUDA"), f.toString());
        assertEquals("not checked", f.get("saliencyValidation").get("OCCLUSION").asText());
        JsonNode dx = null;
        JsonNode ct = null;
        for (JsonNode s : f.get("series")) {
            if (s.get("modality").asText().equals("DX")) {
                dx = s;
            } else {
                ct = s;
            }
        }
        assertEquals("skipped", ct.get("status").asText());
        assertTrue(ct.get("reason").asText().contains("not CT"), ct.toString());
        assertEquals("analysed", dx.get("status").asText());
        JsonNode image = dx.get("images").get(0);
        double p = image.get("positiveProbability").asDouble();
        assertEquals(p, dx.get("aggregate").get("maxProbability").asDouble(), 1e-12);
        assertEquals(p, dx.get("aggregate").get("meanProbability").asDouble(), 1e-12);
        assertEquals(p >= dx.get("aggregate").get("threshold").asDouble(), dx.get("aggregate").get("positive").asBoolean());
        JsonNode stages = dx.get("stageSeconds");
        for (String stage : List.of("loading", "preprocessing", "network", "postprocessing")) {
            assertTrue(stages.get(stage).asDouble() > 0, stage + " in " + stages);
        }
        double around = stages.get("preprocessing").asDouble() + stages.get("postprocessing").asDouble();
        assertEquals(around / (around + stages.get("network").asDouble()), stages.get("prePostShare").asDouble(), 1e-6);
        assertEquals(2, image.get("saliency").size());
        assertEquals("CAM", image.get("saliency").get(0).get("method").asText());
        assertEquals("OCCLUSION", image.get("saliency").get(1).get("method").asText());
        BufferedImage overlay = ImageIO.read(out.resolve(image.get("overlay").asText()).toFile());
        BufferedImage occlusion = ImageIO.read(out.resolve(image.get("saliency").get(1).get("file").asText()).toFile());
        int rows = study.radiograph().files().isEmpty() ? 0 : io.secondlook.dicom.DicomReader.read(study.radiograph().files().get(0))
                .dataset().getInt(io.secondlook.dicom.Tag.Rows, 0);
        assertEquals(rows, overlay.getHeight());
        assertEquals(overlay.getWidth(), occlusion.getWidth());
        BufferedImage cam = ImageIO.read(out.resolve(image.get("saliency").get(0).get("file").asText()).toFile());
        assertEquals(overlay.getWidth(), cam.getWidth(), "the CAM grid is upsampled to the image for its PNG");
        assertEquals(overlay.getHeight(), cam.getHeight());
        assertFalse(Files.readString(out.resolve("findings.json")).contains(DemoStudyGenerator.PATIENT_NAME),
                "no patient name in the findings");

        Path one = tmp.resolve("one");
        Run single = CommandLineTest.run("--home", tmp.resolve("home").toString(), "infer", "--model", "pneumonia-demo",
                "--input", study.radiograph().files().get(0).toString(), "--out", one.toString());
        assertEquals(0, single.exitCode(), single.err());
        JsonNode g = new ObjectMapper().readTree(one.resolve("findings.json").toFile());
        assertEquals(p, g.get("series").get(0).get("images").get(0).get("positiveProbability").asDouble(), 1e-6);
    }

    @Test
    void aSeriesTheModelDoesNotApplyToIsRefused() {
        Run r = CommandLineTest.run("--home", tmp.resolve("home2").toString(), "infer", "--model", "pneumonia-demo",
                "--input", study.folder().resolve("CT").toString(), "--out", tmp.resolve("out-ct").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("No series") && r.err().contains("DX, CR"), r.err());
        Run unknown = CommandLineTest.run("--home", tmp.resolve("home2").toString(), "infer", "--model", "nope",
                "--input", study.folder().toString(), "--out", tmp.resolve("o").toString());
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("Unknown model 'nope'"), unknown.err());
    }
}
