package io.secondlook.dicom.codec;

import io.secondlook.dicom.TransferSyntax;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The frame decoders on the classpath, one per transfer syntax (the first registered wins). */
public final class FrameDecoders {
    private static final Map<TransferSyntax, FrameDecoder> BY_SYNTAX = load();

    private FrameDecoders() {
    }

    private static Map<TransferSyntax, FrameDecoder> load() {
        Map<TransferSyntax, FrameDecoder> map = new EnumMap<>(TransferSyntax.class);
        for (FrameDecoder decoder : ServiceLoader.load(FrameDecoder.class, FrameDecoders.class.getClassLoader())) {
            for (TransferSyntax ts : decoder.transferSyntaxes()) {
                map.putIfAbsent(ts, decoder);
            }
        }
        return map;
    }

    public static Optional<FrameDecoder> forSyntax(TransferSyntax syntax) {
        return Optional.ofNullable(BY_SYNTAX.get(syntax));
    }
}
