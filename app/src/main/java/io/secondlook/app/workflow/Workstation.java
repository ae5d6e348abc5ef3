package io.secondlook.app.workflow;

import io.secondlook.core.ReaderIdentity;
import io.secondlook.core.domain.Decision;
import io.secondlook.core.domain.Finding;
import io.secondlook.core.domain.Instance;
import io.secondlook.core.domain.ModelRun;
import io.secondlook.core.domain.NewFinding;
import io.secondlook.core.domain.NewModelRun;
import io.secondlook.core.domain.Outcome;
import io.secondlook.core.domain.Report;
import io.secondlook.core.domain.ReviewedFinding;
import io.secondlook.core.store.ClinicalStore;
import io.secondlook.core.store.ReportGate;
import io.secondlook.dicom.DicomException;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.pixel.GrayscaleFrame;
import io.secondlook.dicom.pixel.PixelPipeline;
import io.secondlook.dicom.pixel.VoiLut;
import io.secondlook.dicom.series.DicomInstance;
import io.secondlook.dicom.series.DicomPatient;
import io.secondlook.dicom.series.DicomSeries;
import io.secondlook.dicom.series.DicomStudy;
import io.secondlook.inference.classify.Classification;
import io.secondlook.inference.classify.ImageClassifier;
import io.secondlook.inference.image.GrayImage;
import io.secondlook.inference.model.ModelCard;
import io.secondlook.inference.model.ModelPackage;
import io.secondlook.inference.model.ModelRegistry;
import io.secondlook.inference.saliency.Colormap;
import io.secondlook.inference.saliency.SaliencyMap;
import io.secondlook.inference.saliency.SaliencyOverlay;
import io.secondlook.reports.ReportExporter;
import io.secondlook.reports.pdf.ReportContent;
import io.secondlook.testdata.DemoStudyGenerator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the workstation does, without a window: the catalogue of studies, analysis with the embedded
 * model, decisions and report export. The GUI calls it from background tasks; the command line and the tests
 * call it directly. Thread-safe.
 */
public final class Workstation implements AutoCloseable {
    /** The model the skeleton offers for chest radiographs. */
    public static final String DEFAULT_MODEL_ID = "pneumonia-demo";
    /** Heatmap weight in the exported key image. */
    public static final double REPORT_HEATMAP_OPACITY = 0.45;
    /** Longest side of the key image in the PDF: sharp when printed at 10 cm, a few hundred kB in the file. */
    static final int KEY_IMAGE_MAX_PIXELS = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(Workstation.class);

    private final AppHome home;
    private final ClinicalStore store;
    private final ModelRegistry models;
    private final String reader;
    private final OpenModels<ImageClassifier> classifiers = new OpenModels<>();
    private final Map<Long, AnalysisResult> analyses = new HashMap<>();
    private final Set<Path> catalogRoots = new LinkedHashSet<>();
    private final Segmentations segmentations = new Segmentations(this);
    private List<DicomPatient> catalog = List.of();

    private Workstation(AppHome home, ClinicalStore store, ModelRegistry models, String reader) {
        this.home = home;
        this.store = store;
        this.models = models;
        this.reader = reader;
    }

    /** Opens the data folder: creates it, opens (or upgrades) the database, writes the demo study on first start. */
    public static Workstation open(AppHome home) throws IOException {
        home.ensureExists();
        ClinicalStore store = ClinicalStore.openWithBackup(home.database(), home.backups());
        ModelRegistry models = ModelRegistry.open(home.root().resolve("cache").resolve("models"), home.models());
        return started(new Workstation(home, store, models, ReaderIdentity.current()));
    }

    /**
     * Opens the data folder with the database read-only, the way out when another program holds it: studies can
     * be browsed and read, nothing is recorded. Only the bundled models are listed, since none can be run.
     */
    public static Workstation openReadOnly(AppHome home) throws IOException {
        home.ensureExists();
        return started(new Workstation(home, ClinicalStore.openReadOnly(home.database()),
                ModelRegistry.bundled(home.root().resolve("cache").resolve("models")), ReaderIdentity.current()));
    }

    /** Writes the demo study on first start and indexes the catalogue; closes the workstation if either fails. */
    private static Workstation started(Workstation workstation) throws IOException {
        try {
            workstation.installDemoStudy();
            workstation.refreshCatalog(ProgressListener.NONE, () -> false);
        } catch (IOException | RuntimeException e) {
            workstation.close();
            throw e;
        }
        return workstation;
    }

    public AppHome home() {
        return home;
    }

    public ClinicalStore store() {
        return store;
    }

    public String reader() {
        return reader;
    }

    // ---- catalogue --------------------------------------------------------------------------------------------

    /** Writes the synthetic demo study into the data folder unless it is already there. */
    public void installDemoStudy() throws IOException {
        Path demo = home.demoStudy();
        Path marker = demo.resolve(".complete");
        if (!Files.exists(marker)) {
            LOG.info("Writing the demo study into the data folder");
            new DemoStudyGenerator().writeTo(demo);
            Files.writeString(marker, "written by SecondLook " + AppVersion.get() + "\n");
        }
        synchronized (this) {
            catalogRoots.add(demo);
        }
    }

    /** Patients, studies and series known to this workstation. */
    public synchronized List<DicomPatient> patients() {
        return catalog;
    }

    /** Scans a folder (recursively), records what it holds, and adds it to the catalogue. */
    public FolderImport importFolder(Path folder, ProgressListener progress, BooleanSupplier cancelled) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("Not a folder: " + folder);
        }
        FolderImport result = DicomImport.scan(folder, progress, cancelled);
        CatalogRecorder.record(store, result.patients());
        synchronized (this) {
            catalogRoots.add(folder.toAbsolutePath().normalize());
        }
        refreshCatalog(ProgressListener.NONE, cancelled);
        return result;
    }

    /** Rescans every folder of the catalogue (the demo study and folders imported in this session). */
    public void refreshCatalog(ProgressListener progress, BooleanSupplier cancelled) throws IOException {
        List<Path> roots;
        synchronized (this) {
            roots = new ArrayList<>(catalogRoots);
        }
        List<DicomPatient> patients = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                FolderImport scanned = DicomImport.scan(root, progress, cancelled);
                CatalogRecorder.record(store, scanned.patients());
                patients.addAll(scanned.patients());
            }
        }
        List<DicomPatient> merged = DicomImport.merge(patients);
        synchronized (this) {
            catalog = merged;
        }
    }

    /** The study holding a series, from the catalogue. */
    public Optional<DicomStudy> studyOf(DicomSeries series) {
        for (DicomPatient p : patients()) {
            for (DicomStudy s : p.studies()) {
                if (s.series().stream().anyMatch(x -> x.seriesInstanceUid().equals(series.seriesInstanceUid()))) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    /** The first series of this modality in the catalogue (the demo command uses it to find the radiograph). */
    public Optional<DicomSeries> firstSeries(String modality) {
        return patients().stream().flatMap(p -> p.studies().stream()).flatMap(s -> s.series().stream())
                .filter(s -> modality.equalsIgnoreCase(s.modality())).findFirst();
    }

    /** Reads one frame of an instance in modality units. */
    public GrayscaleFrame frame(DicomInstance instance, int frameIndex) throws DicomException {
        DicomFile file = DicomReader.read(instance.path());
        return PixelPipeline.grayscale(file, frameIndex);
    }

    // ---- models and analysis -----------------------------------------------------------------------------------

    /** The bundled models and the packages in {@code <home>/models}, valid or refused with the reason. */
    public ModelRegistry models() {
        return models;
    }

    /** Volume segmentation runs and their results of this session. */
    public Segmentations segmentations() {
        return segmentations;
    }

    /** Where saliency sanity-check verdicts are kept ({@code secondlook saliency-check} writes them). */
    public Path sanityRecords() {
        return home.root().resolve("cache").resolve("sanity");
    }

    public ModelCard modelCard(String modelId) {
        return models.require(modelId).card();
    }

    /** Whether a model applies to a series' modality (the card's modality list). */
    public boolean modelApplies(String modelId, DicomSeries series) {
        return modelCard(modelId).modality().stream().anyMatch(m -> m.equalsIgnoreCase(series.modality()));
    }

    /**
     * Runs the model on one frame, as displayed with the file's own window, and records the model run and the
     * finding before returning.
     */
    public AnalysisResult analyze(String modelId, DicomSeries series, DicomInstance instance, int frameIndex)
            throws DicomException {
        ModelPackage pkg = models.require(modelId);
        if (!modelApplies(modelId, series)) {
            throw new IllegalArgumentException("Model '" + modelId + "' applies to " + pkg.card().modality()
                    + " images, not " + series.modality());
        }
        DicomStudy study = studyOf(series).orElseThrow(() -> new IllegalArgumentException(
                "Series " + series.seriesInstanceUid() + " is not in the catalogue"));
        GrayImage image = displayImage(instance.path(), frameIndex);

        ImageClassifier classifier = classifier(pkg);
        ModelRun run = store.recordModelRun(NewModelRun.started(pkg.id(), pkg.version(), classifier.device(),
                study.studyInstanceUid(), series.seriesInstanceUid()));
        Classification result;
        try {
            result = classifier.classify(image);
        } catch (RuntimeException e) {
            store.finishModelRun(run.id(), ModelRun.Status.FAILED);
            throw e;
        }
        store.finishModelRun(run.id(), ModelRun.Status.SUCCEEDED);
        Finding finding = store.recordFinding(new NewFinding(run.id(), series.seriesInstanceUid(),
                instance.sopInstanceUid(), frameIndex + 1, result.label(), result.positiveProbability(),
                result.threshold(), result.positive()));
        AnalysisResult analysis = new AnalysisResult(finding, result, image, pkg.card());
        synchronized (this) {
            analyses.put(finding.id(), analysis);
        }
        return analysis;
    }

    /** A frame as the reader sees it with the file's own window, in [0, 1]: what the model is given. */
    static GrayImage displayImage(Path file, int frameIndex) throws DicomException {
        GrayscaleFrame frame = PixelPipeline.grayscale(DicomReader.read(file), frameIndex);
        return new GrayImage(frame.width(), frame.height(), VoiLut.toUnitRange(frame, frame.defaultWindow()));
    }

    public ImageClassifier classifier(ModelPackage pkg) {
        return classifiers.get(pkg, () -> ImageClassifier.open(pkg));
    }

    /** The analysis behind a finding: from this session, else recomputed from the instance on disk. */
    public AnalysisResult analysisOf(Finding finding) throws DicomException {
        synchronized (this) {
            AnalysisResult cached = analyses.get(finding.id());
            if (cached != null) {
                return cached;
            }
        }
        Instance instance = store.instancesForSeries(finding.seriesUid()).stream()
                .filter(i -> i.sopInstanceUid().equals(finding.sopInstanceUid())).findFirst()
                .orElseThrow(() -> new DicomException("The image of finding " + finding.findingUid() + " is no longer indexed"));
        ModelPackage pkg = models.require(finding.modelId());
        int frameIndex = finding.frame() == null ? 0 : finding.frame() - 1;
        GrayImage image = displayImage(instance.path(), frameIndex);
        AnalysisResult analysis = new AnalysisResult(finding, classifier(pkg).classify(image), image, pkg.card());
        synchronized (this) {
            analyses.put(finding.id(), analysis);
        }
        return analysis;
    }

    // ---- review and report -------------------------------------------------------------------------------------

    /** Records the reader's decision; it is committed when this returns. */
    public Decision decide(long findingId, Outcome outcome, String comment) {
        return store.recordDecision(findingId, outcome, comment == null || comment.isBlank() ? null : comment.strip(), reader);
    }

    public List<ReviewedFinding> findings(String studyUid) {
        return store.reviewedFindings(studyUid);
    }

    /** Writes the study's PDF report; refused while a finding has no decision. */
    public Report exportReport(String studyUid, Path target) throws IOException, DicomException {
        List<ReviewedFinding> findings = store.reviewedFindings(studyUid);
        ReportGate.ensureAllDecided(findings);
        if (findings.isEmpty()) {
            throw new IllegalStateException("The study has no AI findings to report; run Analyze first");
        }
        Finding key = keyFinding(findings);
        ModelCard keyCard = segmentations.result(key.id()).map(Segmentations.Result::card)
                .orElseGet(() -> modelCard(key.modelId()));
        if ("segmentation".equals(keyCard.task())) {
            SegmentationKeyImages.KeyImage image = segmentations.keyImage(key).orElseThrow(() ->
                    new IllegalStateException("The key image of segmentation finding " + key.findingUid()
                            + " was not saved when it ran; run the segmentation again to export its report"));
            String caption = String.format(Locale.ROOT, "Key image: slice %d with the segmentation's labels (%s, %s %s).",
                    image.keySlice() + 1, key.label(), keyCard.name(), keyCard.version());
            return new ReportExporter(store).exportPdf(studyUid, KeyImages.fitWithin(image.image(),
                    KEY_IMAGE_MAX_PIXELS), caption, disclaimer(keyCard), reader, target);
        }
        AnalysisResult analysis = analysisOf(key);
        SaliencyMap saliency = analysis.classification().saliency();
        if (saliency == null) {
            String caption = String.format(Locale.ROOT, "Key image (%s, %s %s); the model gives no heat map.",
                    key.label(), analysis.card().name(), analysis.card().version());
            return new ReportExporter(store).exportPdf(studyUid, KeyImages.fitWithin(KeyImages.gray(analysis.image()),
                    KEY_IMAGE_MAX_PIXELS), caption, disclaimer(analysis.card()), reader, target);
        }
        BufferedImage keyImage = KeyImages.fitWithin(SaliencyOverlay.render(analysis.image(), saliency, Colormap.JET,
                REPORT_HEATMAP_OPACITY), KEY_IMAGE_MAX_PIXELS);
        String caption = String.format(Locale.ROOT, "Key image with %s heat map (%s, %s %s); brighter colours weigh more in the model's output.",
                saliency.method(), key.label(), analysis.card().name(), analysis.card().version());
        return new ReportExporter(store).exportPdf(studyUid, keyImage, caption, disclaimer(analysis.card()), reader,
                target);
    }

    private static String disclaimer(ModelCard card) {
        return card.intendedUse() != null && card.intendedUse().toLowerCase(Locale.ROOT).contains("not for clinical use")
                ? ReportContent.DEMONSTRATION_MODEL : null;
    }

    /**
     * The latest finding with a key image: a segmentation of this session, or a classification (its image and
     * heat map are recomputed when needed).
     */
    private Finding keyFinding(List<ReviewedFinding> findings) {
        for (int i = findings.size() - 1; i >= 0; i--) {
            Finding f = findings.get(i).finding();
            boolean classification = models.find(f.modelId()).map(p -> "classification".equals(p.card().task()))
                    .orElse(false);
            if (classification || segmentations.hasKeyImage(f)) {
                return f;
            }
        }
        throw new IllegalStateException("No finding of this study has a key image for the report (the key image "
                + "of its segmentation was not saved); run the segmentation again");
    }

    @Override
    public synchronized void close() {
        classifiers.close();
        segmentations.close();
        store.close();
    }
}
