package io.secondlook.bench;

import java.io.IOException;
import java.util.List;

/**
 * JPEG 2000 lossless (.90) and lossy (.91, 9/7 wavelet at 10:1): 512×512 16-bit CT-like frames through the pixel
 * pipeline. JMH (lossless): {@code java -jar bench/target/benchmarks.jar Jpeg2000DecodeBenchmark}. Beside the
 * native decoder on the same files in the same run, both syntaxes:
 * {@code java -cp bench/target/benchmarks.jar io.secondlook.bench.Jpeg2000DecodeBenchmark [RUNS]}
 * (gdcmconv --raw, i.e. OpenJPEG; gdcm gives OpenJPEG a thread per core, so it runs pinned to one core with
 * {@code taskset} where there is one, single-threaded as our decoder is; target ≥ 0.5× its throughput).
 */
public class Jpeg2000DecodeBenchmark extends CtFrameDecodeBenchmark {
    static final List<String> ENCODER = List.of("gdcmconv", "--j2k");
    static final List<String> LOSSY_ENCODER = List.of("gdcmconv", "--j2k", "--lossy", "-r", "10");
    static final List<String> NATIVE_DECODER = List.of("gdcmconv", "--raw");
    static final List<String> SINGLE_CORE_NATIVE_DECODER = List.of("taskset", "-c", "0", "gdcmconv", "--raw");

    @Override
    protected List<String> encoder() {
        return ENCODER;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> decoder = canPinToOneCore() ? SINGLE_CORE_NATIVE_DECODER : NATIVE_DECODER;
        CtLikeFrames.compare("JPEG 2000 lossless", ENCODER, decoder, runs);
        CtLikeFrames.compare("JPEG 2000 lossy 10:1", LOSSY_ENCODER, decoder, runs);
    }

    private static boolean canPinToOneCore() throws InterruptedException {
        try {
            return new ProcessBuilder("taskset", "-c", "0", "true").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
