package io.secondlook.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.secondlook.app.cli.CommandLineTest.Run;
import io.secondlook.testdata.DemoStudyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code secondlook saliency-check} on PneumoniaMNIST, and its verdicts reaching {@code infer}'s findings. */
class SaliencyCheckCommandTest {

    @TempDir
    Path tmp;

    @Test
    void printsThePerLayerTableAndVerdictsAndInferReportsThem() throws Exception {
        Path npz = Path.of(System.getProperty("secondlook.shared", "/work/shared"),
                "corpus/dataset/pneumoniamnist/pneumoniamnist_reconstructed_4708_524_624.npz");
        assertTrue(Files.isRegularFile(npz), "PneumoniaMNIST not found at " + npz);
        Path home = tmp.resolve("home");
        Run r = CommandLineTest.run("--home", home.toString(), "saliency-check", "--model", "pneumonia-demo",
                "--npz", npz.toString(), "--samples", "3", "--methods", "CAM,OCCLUSION");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("model pneumonia-demo 1.0.0, 3 images"), r.out());
        assertTrue(r.out().contains("/net/head/Gemm"), r.out());
        assertEquals(7, r.out().lines().filter(l -> l.matches("^[1-7] .*")).count(), r.out());
        assertTrue(r.out().contains("CAM PASS") || r.out().contains("CAM FAIL"), r.out());
        assertTrue(r.out().contains("OCCLUSION PASS"), r.out());
        String camStatus = r.out().contains("CAM PASS") ? "validated" : "not validated for this model";

        Path study = new DemoStudyGenerator(false).writeTo(tmp.resolve("study")).radiograph().files().get(0);
        Run infer = CommandLineTest.run("--home", home.toString(), "infer", "--model", "pneumonia-demo", "--input",
                study.toString(), "--out", tmp.resolve("out").toString(), "--saliency", "CAM,OCCLUSION,RISE");
        assertEquals(0, infer.exitCode(), infer.err());
        JsonNode v = new ObjectMapper().readTree(tmp.resolve("out/findings.json").toFile()).get("saliencyValidation");
        assertEquals(camStatus, v.get("CAM").asText());
        assertEquals("validated", v.get("OCCLUSION").asText());
        assertEquals("not checked", v.get("RISE").asText());

        Run bad = CommandLineTest.run("--home", home.toString(), "saliency-check", "--model", "pneumonia-demo",
                "--npz", tmp.resolve("none.npz").toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("none.npz"), bad.err());
    }
}
