package io.secondlook.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.secondlook.dicom.Corpus;
import io.secondlook.dicom.DicomFile;
import io.secondlook.dicom.DicomReader;
import io.secondlook.dicom.TransferSyntax;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * pydicom's published pixel assertions (e.g. {@code assert (255, 0, 0) == tuple(arr[5, 50, :])}) hold for our
 * canonical pixels of the natively encoded files. Only assertions on the whole array ({@code arr}, no per-frame
 * context) in the forms below are evaluated; each file must have at least one.
 */
class PydicomExpectationsTest {
    private static final Pattern TUPLE_LEFT = Pattern.compile("assert \\(([-\\d, .]+)\\) == tuple\\(arr\\[([^\\]]+)\\]\\)");
    private static final Pattern TUPLE_RIGHT = Pattern.compile("assert tuple\\(arr\\[([^\\]]+)\\]\\) == \\(([-\\d, .]+)\\)");
    private static final Pattern TOLIST = Pattern.compile("assert arr\\[([^\\]]+)\\]\\.tolist\\(\\) == \\[([-\\d, .]+)\\]");
    private static final Pattern SCALAR_LEFT = Pattern.compile("assert (-?[\\d.]+) == arr\\[([^\\]]+)\\]");
    private static final Pattern SCALAR_RIGHT = Pattern.compile("assert arr\\[([^\\]]+)\\] == (-?[\\d.]+)");
    private static final Pattern EXTREME = Pattern.compile("assert arr\\.(max|min)\\(\\) == (-?[\\d.]+)");

    @TestFactory
    Stream<DynamicTest> pydicomAssertionsHold() throws Exception {
        Path folder = Corpus.dicom("transfer_syntax");
        JsonNode all = new ObjectMapper().readTree(Corpus.root().resolve("reference/pydicom_pixels_reference_expectations.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Path file = folder.resolve(entry.getKey());
            for (JsonNode expectation : entry.getValue()) {
                if (!Files.exists(file) || expectation.path("context").size() > 0) {
                    continue;
                }
                List<String> assertions = new ArrayList<>();
                expectation.path("assertions").forEach(a -> assertions.add(a.asText()));
                tests.add(DynamicTest.dynamicTest(entry.getKey() + " " + expectation.path("reference_id").asText(), () -> {
                    DicomFile dicom = DicomReader.read(file);
                    TransferSyntax ts = TransferSyntax.fromUid(dicom.transferSyntaxUid()).orElseThrow();
                    if (ts.encapsulated()) {
                        return; // compressed: decoded in the codec issue
                    }
                    NdArray arr = NdArray.of(dicom, expectation.path("expected_numpy_dtype").asText());
                    int checked = 0;
                    for (String a : assertions) {
                        checked += check(arr, a) ? 1 : 0;
                    }
                    assertTrue(checked > 0, "no assertion evaluated for " + file);
                }));
            }
        }
        assertTrue(tests.size() > 20, "only " + tests.size() + " expectation sets");
        return tests.stream();
    }

    private static boolean check(NdArray arr, String assertion) {
        Matcher m;
        if ((m = TUPLE_LEFT.matcher(assertion)).matches()) {
            assertEquals(numbers(m.group(1)), arr.select(m.group(2)), assertion);
        } else if ((m = TUPLE_RIGHT.matcher(assertion)).matches()) {
            assertEquals(numbers(m.group(2)), arr.select(m.group(1)), assertion);
        } else if ((m = TOLIST.matcher(assertion)).matches()) {
            assertEquals(numbers(m.group(2)), arr.select(m.group(1)), assertion);
        } else if ((m = SCALAR_LEFT.matcher(assertion)).matches()) {
            assertEquals(numbers(m.group(1)), arr.select(m.group(2)), assertion);
        } else if ((m = SCALAR_RIGHT.matcher(assertion)).matches()) {
            assertEquals(numbers(m.group(2)), arr.select(m.group(1)), assertion);
        } else if ((m = EXTREME.matcher(assertion)).matches()) {
            List<Double> values = arr.select(":");
            double extreme = m.group(1).equals("max") ? values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                    : values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            assertEquals(Double.parseDouble(m.group(2)), extreme, assertion);
        } else {
            return false;
        }
        return true;
    }

    private static List<Double> numbers(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Double::valueOf).toList();
    }

    /** The numpy array pydicom returns: (frames,) rows, columns (, samples), values from our canonical bytes. */
    private record NdArray(int[] shape, double[] values) {
        static NdArray of(DicomFile dicom, String dtype) throws Exception {
            ImagePixelDescription d = ImagePixelDescription.from(dicom.dataset());
            List<Integer> dims = new ArrayList<>();
            if (d.frames() > 1) {
                dims.add(d.frames());
            }
            dims.add(d.rows());
            dims.add(d.columns());
            if (d.samplesPerPixel() > 1) {
                dims.add(d.samplesPerPixel());
            }
            int perFrame = d.pixelsPerFrame() * d.samplesPerPixel();
            double[] values = new double[perFrame * d.frames()];
            for (int f = 0; f < d.frames(); f++) {
                ByteBuffer b = ByteBuffer.wrap(PixelPipeline.canonicalFrameBytes(dicom, f)).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < perFrame; i++) {
                    values[f * perFrame + i] = switch (dtype.replace("<", "").replace(">", "").replace("=", "")) {
                        case "u1" -> b.get() & 0xFF;
                        case "i1" -> b.get();
                        case "u2" -> b.getShort() & 0xFFFF;
                        case "i2" -> b.getShort();
                        case "u4" -> b.getInt() & 0xFFFFFFFFL;
                        case "i4" -> b.getInt();
                        case "f4" -> b.getFloat();
                        case "f8" -> b.getDouble();
                        default -> throw new IllegalArgumentException("dtype " + dtype);
                    };
                }
            }
            return new NdArray(dims.stream().mapToInt(Integer::intValue).toArray(), values);
        }

        /** Values selected by a numpy index expression of ints and slices, in row-major order. */
        List<Double> select(String index) {
            String[] parts = index.split(",");
            int[][] ranges = new int[shape.length][];
            for (int axis = 0; axis < shape.length; axis++) {
                String p = axis < parts.length ? parts[axis].strip() : ":";
                ranges[axis] = range(p, shape[axis]);
            }
            List<Double> out = new ArrayList<>();
            collect(ranges, 0, 0, out);
            return out;
        }

        private void collect(int[][] ranges, int axis, int offset, List<Double> out) {
            if (axis == shape.length) {
                out.add(values[offset]);
                return;
            }
            int stride = 1;
            for (int a = axis + 1; a < shape.length; a++) {
                stride *= shape[a];
            }
            for (int i = ranges[axis][0]; i < ranges[axis][1]; i++) {
                collect(ranges, axis + 1, offset + i * stride, out);
            }
        }

        private static int[] range(String p, int size) {
            if (!p.contains(":")) {
                int i = Integer.parseInt(p);
                i = i < 0 ? size + i : i;
                return new int[] {i, i + 1};
            }
            String[] ab = p.split(":", -1);
            int a = ab[0].isBlank() ? 0 : Integer.parseInt(ab[0].strip());
            int b = ab[1].isBlank() ? size : Integer.parseInt(ab[1].strip());
            a = a < 0 ? size + a : a;
            b = b < 0 ? size + b : b;
            return new int[] {a, Math.min(b, size)};
        }
    }
}
