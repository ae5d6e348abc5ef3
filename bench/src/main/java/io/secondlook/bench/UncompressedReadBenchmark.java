package io.secondlook.bench;

import java.util.List;

/**
 * Explicit VR Little Endian: 512×512 16-bit CT-like frames through the pixel pipeline. JMH: {@code java -jar
 * bench/target/benchmarks.jar UncompressedReadBenchmark}. Beside the native decoder on the same file in the same run:
 * {@code java -cp bench/target/benchmarks.jar io.secondlook.bench.UncompressedReadBenchmark [RUNS]}
 * (no native tool: file read plus decode; target ≥ 1 GB/s).
 */
public class UncompressedReadBenchmark extends CtFrameDecodeBenchmark {
    static final List<String> ENCODER = List.<String>of();

    @Override
    protected List<String> encoder() {
        return ENCODER;
    }

    public static void main(String[] args) throws Exception {
        CtLikeFrames.compare("Explicit VR Little Endian", ENCODER, List.<String>of(), args.length > 0 ? Integer.parseInt(args[0]) : 5);
    }
}
