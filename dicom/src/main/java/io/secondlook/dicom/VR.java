package io.secondlook.dicom;

/** DICOM Value Representations (PS3.5 section 6.2). */
public enum VR {
    AE(Kind.TEXT, ' ', false), AS(Kind.TEXT, ' ', false), AT(Kind.BINARY, 0, false),
    CS(Kind.TEXT, ' ', false), DA(Kind.TEXT, ' ', false), DS(Kind.TEXT, ' ', false),
    DT(Kind.TEXT, ' ', false), FD(Kind.BINARY, 0, false), FL(Kind.BINARY, 0, false),
    IS(Kind.TEXT, ' ', false), LO(Kind.TEXT, ' ', false), LT(Kind.TEXT, ' ', false),
    OB(Kind.BINARY, 0, true), OD(Kind.BINARY, 0, true), OF(Kind.BINARY, 0, true),
    OL(Kind.BINARY, 0, true), OV(Kind.BINARY, 0, true), OW(Kind.BINARY, 0, true),
    PN(Kind.TEXT, ' ', false), SH(Kind.TEXT, ' ', false), SL(Kind.BINARY, 0, false),
    SQ(Kind.SEQUENCE, 0, true), SS(Kind.BINARY, 0, false), ST(Kind.TEXT, ' ', false),
    SV(Kind.BINARY, 0, true), TM(Kind.TEXT, ' ', false), UC(Kind.TEXT, ' ', true),
    UI(Kind.TEXT, 0, false), UL(Kind.BINARY, 0, false), UN(Kind.BINARY, 0, true),
    UR(Kind.TEXT, ' ', true), US(Kind.BINARY, 0, false), UT(Kind.TEXT, ' ', true),
    UV(Kind.BINARY, 0, true);

    /** How a value of this VR is stored. */
    public enum Kind { TEXT, BINARY, SEQUENCE }

    private final Kind kind;
    private final byte padding;
    private final boolean longLength;

    VR(Kind kind, int padding, boolean longLength) {
        this.kind = kind;
        this.padding = (byte) padding;
        this.longLength = longLength;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isText() {
        return kind == Kind.TEXT;
    }

    /** Byte used to pad a value to even length: space for text, NUL for UI and binary. */
    public byte padding() {
        return padding;
    }

    /** In explicit VR encoding, whether the header has 2 reserved bytes and a 32-bit length. */
    public boolean hasLongLength() {
        return longLength;
    }

    /** Whether text values of this VR are decoded with the Specific Character Set (the others are ASCII). */
    public boolean usesSpecificCharacterSet() {
        return this == LO || this == LT || this == PN || this == SH || this == ST || this == UC || this == UT;
    }

    /** Bytes per binary value, used to swap byte order; 1 for byte streams and text. */
    public int valueSize() {
        return switch (this) {
            case AT, OW, SS, US -> 2;
            case FL, OF, OL, SL, UL -> 4;
            case FD, OD, OV, SV, UV -> 8;
            default -> 1;
        };
    }

    /** Parses the two characters of an explicit VR, or returns null when they name no VR. */
    public static VR fromCode(int b0, int b1) {
        if (b0 < 'A' || b0 > 'Z' || b1 < 'A' || b1 > 'Z') {
            return null;
        }
        String code = new String(new char[] {(char) b0, (char) b1});
        for (VR vr : values()) {
            if (vr.name().equals(code)) {
                return vr;
            }
        }
        return null;
    }
}
