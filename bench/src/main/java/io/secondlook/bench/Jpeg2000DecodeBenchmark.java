package io.secondlook.bench;

import java.util.List;

/**
 * JPEG 2000 lossless: 512×512 16-bit CT-like frames through the pixel pipeline. JMH: {@code java -jar
 * bench/target/benchmarks.jar Jpeg2000DecodeBenchmark}. Beside the native decoder on the same file in the same run:
 * {@code java -cp bench/target/benchmarks.jar io.secondlook.bench.Jpeg2000DecodeBenchmark [RUNS]}
 * (gdcmconv --raw (OpenJPEG); target ≥ 0.5× its throughput).
 */
public class Jpeg2000DecodeBenchmark extends CtFrameDecodeBenchmark {
    static final List<String> ENCODER = List.of("gdcmconv", "--j2k");

    @Override
    protected List<String> encoder() {
        return ENCODER;
    }

    public static void main(String[] args) throws Exception {
        CtLikeFrames.compare("JPEG 2000 lossless", ENCODER, List.of("gdcmconv", "--raw"), args.length > 0 ? Integer.parseInt(args[0]) : 5);
    }
}
