package io.secondlook.dicom;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Our UID root scheme: "2.25." followed by a UUID as an unsigned decimal integer (ISO/IEC 9834-8, PS3.5 B.2),
 * which needs no registered organisation root and is unique without coordination.
 */
public final class UidGenerator {
    /** Implementation Class UID of files SecondLook writes: a name-based UUID, stable across versions. */
    public static final String IMPLEMENTATION_CLASS_UID = fromUuid(UUID.nameUUIDFromBytes(
            "io.secondlook/implementation-class".getBytes(StandardCharsets.US_ASCII)));
    public static final String IMPLEMENTATION_VERSION_NAME = "SECONDLOOK_010";

    private UidGenerator() {
    }

    public static String newUid() {
        return fromUuid(UUID.randomUUID());
    }

    /** A UID derived deterministically from a name, for reproducible synthetic data. */
    public static String fromName(String name) {
        return fromUuid(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    public static String fromUuid(UUID uuid) {
        ByteBuffer buf = ByteBuffer.allocate(16);
        buf.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, buf.array());
    }
}
