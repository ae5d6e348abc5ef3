package io.secondlook.dicom;

import java.math.BigDecimal;
import java.math.MathContext;

/** Formats numbers as DICOM Decimal Strings (DS): at most 16 characters, no exponent where avoidable. */
public final class DecimalString {
    private static final int MAX_LENGTH = 16;

    private DecimalString() {
    }

    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("DS cannot hold " + value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        for (int precision = 15; precision > 0; precision--) {
            String s = new BigDecimal(value).round(new MathContext(precision)).stripTrailingZeros().toPlainString();
            if (s.length() <= MAX_LENGTH) {
                return s;
            }
        }
        String s = String.format(java.util.Locale.ROOT, "%.6E", value);
        return s.length() <= MAX_LENGTH ? s : String.format(java.util.Locale.ROOT, "%.3E", value);
    }
}
