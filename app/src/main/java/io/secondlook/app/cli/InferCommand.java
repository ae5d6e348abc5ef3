package io.secondlook.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.Tag;
import io.secondlook.dicom.pixel.GrayscaleFrame;
import io.secondlook.dicom.pixel.PixelPipeline;
import io.secondlook.dicom.pixel.VoiLut;
import io.secondlook.dicom.series.DicomInstance;
import io.secondlook.dicom.series.DicomPatient;
import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.dicom.series.DicomStudy;
import io.secondlook.dicom.series.FolderScanner;
import io.secondlook.dicom.series.ScanResult;
import io.secondlook.inference.classify.Classification;
import io.secondlook.inference.classify.ImageClassifier;
import io.secondlook.inference.classify.SeriesClassification;
import io.secondlook.inference.classify.SeriesClassifier;
import io.secondlook.inference.image.GrayImage;
import io.secondlook.inference.model.ModelCard;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelRegistry;
import io.secondlook.inference.runtime.RuntimeOptions;
import io.secondlook.inference.saliency.Colormap;
import io.secondlook.inference.saliency.SaliencyMap;
import io.secondlook.inference.saliency.SaliencyMethod;
import io.secondlook.inference.saliency.SaliencyOverlay;
import io.secondlook.inference.saliency.SanityRecords;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code secondlook infer}: runs a classification model over every image of the series (in a folder, zip or one
 * file) whose modality the model applies to, and writes {@code findings.json} with the device, per-image and
 * per-series results, plus an overlay PNG and one saliency PNG per method for each analysed image.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Runs a model on DICOM images; writes findings.json, overlay and saliency PNGs to --out.")
public final class InferCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double OVERLAY_OPACITY = 0.5;

    @ParentCommand
    SecondLookCommand root;

    @Option(names = "--model", required = true, paramLabel = "ID|PATH", description = "Model id or package folder/.zip.")
    String model;

    @Option(names = "--input", required = true, paramLabel = "DICOM_DIR|FILE", description = "A folder (scanned recursively), a .zip or one DICOM file.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Option(names = "--saliency", defaultValue = "CAM", split = ",", paramLabel = "M", description = "Saliency methods: CAM, OCCLUSION, RISE (default: ${DEFAULT-VALUE}). The first one is drawn on the overlay.")
    List<String> saliency;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|cuda", description = "Device (default: ${DEFAULT-VALUE}: CUDA when available, else CPU).")
    String device;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "ONNX Runtime intra-op threads (default: 0 = one per core).")
    int threads;

    /** One image of a series: which instance and frame. */
    private record Frame(DicomInstance instance, int frame) {
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(input)) {
            throw new FileNotFoundException("No such input: " + input);
        }
        Path cache = root.appHome().root().resolve("cache");
        ModelPackage pkg = ModelRegistry.open(cache.resolve("models"), root.appHome().models()).resolve(model);
        ModelCard card = pkg.card();
        List<SaliencyMethod> methods = saliency.stream().map(m -> SaliencyMethod.named(m.strip())).toList();
        RuntimeOptions options;
        try {
            options = new RuntimeOptions(RuntimeOptions.Device.valueOf(device.toUpperCase(Locale.ROOT)), threads);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--device must be auto, cpu or cuda, got '" + device + "'", e);
        }
        Files.createDirectories(out);
        List<DicomSeries> series = seriesOf(input);
        ObjectNode rootNode = JSON.createObjectNode();
        ObjectNode m = rootNode.putObject("model");
        m.put("id", card.id());
        m.put("version", card.version());
        m.put("task", card.task());
        m.put("sha256", card.sha256());
        m.put("intendedUse", card.intendedUse());
        int analysedSeries = 0;
        try (ImageClassifier classifier = ImageClassifier.open(pkg, options)) {
            rootNode.put("device", classifier.device());
            rootNode.put("deviceFallback", classifier.deviceFallbackReason());
            ObjectNode validation = rootNode.putObject("saliencyValidation");
            for (SaliencyMethod method : methods) {
                validation.put(method.name(), SanityRecords.status(cache.resolve("sanity"), pkg, method.name()));
            }
            ArrayNode seriesNodes = rootNode.putArray("series");
            int seriesIndex = 0;
            for (DicomSeries s : series) {
                seriesIndex++;
                ObjectNode sn = seriesNodes.addObject();
                sn.put("seriesInstanceUid", s.seriesInstanceUid());
                sn.put("seriesNumber", s.seriesNumber());
                sn.put("modality", s.modality());
                if (!card.appliesTo(s.modality())) {
                    sn.put("status", "skipped");
                    sn.put("reason", "model applies to " + card.modality() + ", not " + s.modality());
                    continue;
                }
                analysedSeries++;
                analyse(classifier, methods, s, seriesIndex, sn);
                System.out.printf(Locale.ROOT, "series %d (%s): %s%n", seriesIndex, s.modality(), sn.get("summary").asText());
            }
        }
        Path findings = out.resolve("findings.json");
        JSON.writeValue(findings.toFile(), rootNode);
        System.out.printf(Locale.ROOT, "%d of %d series analysed with %s %s on %s; wrote %s%n", analysedSeries,
                series.size(), card.id(), card.version(), rootNode.get("device").asText(), findings);
        if (analysedSeries == 0) {
            throw new IllegalArgumentException("No series in " + input + " has a modality the model applies to ("
                    + String.join(", ", card.modality()) + ")");
        }
        return 0;
    }

    private void analyse(ImageClassifier classifier, List<SaliencyMethod> methods, DicomSeries s, int seriesIndex,
                         ObjectNode sn) throws IOException {
        List<Frame> frames = new ArrayList<>();
        s.instances().stream().filter(i -> i.rows() > 0)
                .sorted(Comparator.comparingInt(DicomInstance::instanceNumber))
                .forEach(i -> {
                    for (int f = 0; f < Math.max(1, i.frames()); f++) {
                        frames.add(new Frame(i, i.fileFrame(f)));
                    }
                });
        List<GrayImage> images = new ArrayList<>();
        for (int k = 0; k < frames.size(); k++) {
            images.add(null);
        }
        SeriesClassification result = new SeriesClassifier(classifier).run(frames.size(), k -> {
            GrayImage image = load(frames.get(k));
            images.set(k, image);
            return image;
        }, p -> { }, () -> false);
        sn.put("status", "analysed");
        ArrayNode imageNodes = sn.putArray("images");
        for (int k = 0; k < frames.size(); k++) {
            Classification c = result.images().get(k);
            if (c == null) {
                continue;
            }
            Frame fr = frames.get(k);
            String base = String.format(Locale.ROOT, "s%02d-i%04d-f%03d", seriesIndex, fr.instance().instanceNumber(), fr.frame() + 1);
            ObjectNode in = imageNodes.addObject();
            in.put("sopInstanceUid", fr.instance().sopInstanceUid());
            in.put("instanceNumber", fr.instance().instanceNumber());
            in.put("frame", fr.frame() + 1);
            in.put("label", c.label());
            in.put("positiveProbability", c.positiveProbability());
            in.put("positive", c.positive());
            ObjectNode probs = in.putObject("classProbabilities");
            for (int i = 0; i < c.labels().size(); i++) {
                probs.put(c.labels().get(i), c.probabilities()[i]);
            }
            ArrayNode maps = in.putArray("saliency");
            int target = c.labels().indexOf(c.label());
            SaliencyMap first = null;
            for (SaliencyMethod method : methods) {
                SaliencyMap map = method.name().equals("CAM") && c.saliency() != null ? c.saliency()
                        : method.explain(classifier, images.get(k), target);
                first = first == null ? map : first;
                String file = base + "-saliency-" + method.name().toLowerCase(Locale.ROOT) + ".png";
                ImageIO.write(heatMap(map.atImageResolution()), "png", out.resolve(file).toFile());
                ObjectNode mn = maps.addObject();
                mn.put("method", map.method());
                mn.put("file", file);
                mn.put("rawMin", map.rawMin());
                mn.put("rawMax", map.rawMax());
                mn.putPOJO("parameters", map.parameters());
            }
            if (first != null) {
                String overlay = base + "-overlay.png";
                ImageIO.write(SaliencyOverlay.render(images.get(k), first, Colormap.JET, OVERLAY_OPACITY), "png",
                        out.resolve(overlay).toFile());
                in.put("overlay", overlay);
            }
        }
        ArrayNode errors = sn.putArray("errors");
        result.errors().forEach(e -> errors.addObject().put("index", e.index()).put("message", e.message()));
        ObjectNode agg = sn.putObject("aggregate");
        agg.put("analysed", result.analysed());
        agg.put("images", result.total());
        agg.put("maxProbability", result.maxProbability());
        result.maxIndex().ifPresent(i -> agg.put("maxImageSopInstanceUid", frames.get(i).instance().sopInstanceUid()));
        agg.put("meanProbability", result.meanProbability());
        agg.put("threshold", classifier.modelPackage().card().operatingThreshold());
        agg.put("positive", result.positive());
        agg.put("seconds", result.elapsed().toMillis() / 1000.0);
        SeriesClassification.StageTimes stages = result.stages();
        ObjectNode st = sn.putObject("stageSeconds");
        st.put("loading", stages.loading().toNanos() / 1e9);
        st.put("preprocessing", stages.preprocessing().toNanos() / 1e9);
        st.put("network", stages.network().toNanos() / 1e9);
        st.put("postprocessing", stages.postprocessing().toNanos() / 1e9);
        st.put("prePostShare", stages.prePostShare());
        sn.put("summary", String.format(Locale.ROOT, "%d/%d images, max %s probability %.3f, mean %.3f: %s",
                result.analysed(), result.total(), classifier.modelPackage().card().positiveLabel(),
                result.maxProbability(), result.meanProbability(), result.positive() ? "POSITIVE" : "negative"));
    }

    private static GrayImage load(Frame f) throws DicomException {
        DicomFile file = DicomReader.read(f.instance().path());
        GrayscaleFrame frame = PixelPipeline.grayscale(file, f.frame());
        return new GrayImage(frame.width(), frame.height(), VoiLut.toUnitRange(frame, frame.defaultWindow()));
    }

    private static BufferedImage heatMap(SaliencyMap map) {
        BufferedImage img = new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_INT_ARGB);
        int[] argb = new int[map.values().length];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = Colormap.JET.argb(map.values()[i]);
        }
        img.setRGB(0, 0, map.width(), map.height(), argb, 0, map.width());
        return img;
    }

    /** The series under a folder or zip, or the one series of a single file. */
    private static List<DicomSeries> seriesOf(Path input) throws IOException, DicomException {
        if (Files.isRegularFile(input) && !FolderScanner.isZip(input)) {
            DicomFile file = DicomReader.read(input, DicomReader.ReadOptions.HEADER_ONLY);
            var ds = file.dataset();
            DicomInstance instance = new DicomInstance(input, file.sopInstanceUid(), file.sopClassUid(),
                    file.transferSyntaxUid(), parseInt(ds.getString(Tag.InstanceNumber)),
                    ds.getInt(Tag.Rows, 0), ds.getInt(Tag.Columns, 0),
                    Math.max(1, parseInt(ds.getString(Tag.NumberOfFrames))), null, null);
            return List.of(new DicomSeries(ds.getString(Tag.SeriesInstanceUID, ""), ds.getString(Tag.Modality, ""),
                    parseInt(ds.getString(Tag.SeriesNumber)), ds.getString(Tag.SeriesDescription, ""),
                    ds.getString(Tag.BodyPartExamined, ""), List.of(instance), List.of()));
        }
        ScanResult scan = FolderScanner.scan(input);
        List<DicomSeries> out = new ArrayList<>();
        for (DicomPatient p : scan.patients()) {
            for (DicomStudy st : p.studies()) {
                out.addAll(st.series());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("No DICOM series found in " + input);
        }
        return out;
    }

    private static int parseInt(String s) {
        if (s == null || s.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
