package io.secondlook.dicom;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Decodes text that uses ISO 2022 code extensions (PS3.5 section 6.1.2.5). */
final class Iso2022Decoder {
    private Iso2022Decoder() {
    }

    static String decode(byte[] bytes, List<String> terms, boolean personName) {
        // Baseline: ASCII and the G1 set of the first term. Full escape handling is in the DICOM issue.
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
