package io.secondlook.bench;

import java.util.List;

/**
 * RLE Lossless: 512×512 16-bit CT-like frames through the pixel pipeline. JMH: {@code java -jar
 * bench/target/benchmarks.jar RleDecodeBenchmark}. Beside the native decoder on the same file in the same run:
 * {@code java -cp bench/target/benchmarks.jar io.secondlook.bench.RleDecodeBenchmark [RUNS]}
 * (dcmdrle (dcmtk); target ≥ 0.7× its throughput).
 */
public class RleDecodeBenchmark extends CtFrameDecodeBenchmark {
    static final List<String> ENCODER = List.of("dcmcrle");

    @Override
    protected List<String> encoder() {
        return ENCODER;
    }

    public static void main(String[] args) throws Exception {
        CtLikeFrames.compare("RLE Lossless", ENCODER, List.of("dcmdrle"), args.length > 0 ? Integer.parseInt(args[0]) : 5);
    }
}
