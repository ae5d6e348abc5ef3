package io.secondlook.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/** Hashing and verification of the audit chain; no storage. */
public final class AuditChain {

    /** The {@code prevHash} of the first event. */
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditChain() {
    }

    /**
     * SHA-256 (lower-case hex) over the canonical content: a JSON array of every field but {@code hash},
     * in declaration order, with the timestamp as ISO-8601 text.
     */
    public static String hash(long sequence, Instant occurredAt, String actor, String action, String entityType,
                              String entityId, String beforeJson, String afterJson, String prevHash) {
        Object[] content = {sequence, occurredAt.toString(), actor, action, entityType, entityId, beforeJson,
                afterJson, prevHash};
        try {
            byte[] canonical = JSON.writeValueAsString(Arrays.asList(content)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash audit event " + sequence, e);
        }
    }

    /** The hash that {@code event} should carry, recomputed from its content. */
    public static String hash(AuditEvent event) {
        return hash(event.sequence(), event.occurredAt(), event.actor(), event.action(), event.entityType(),
                event.entityId(), event.beforeJson(), event.afterJson(), event.prevHash());
    }

    /** Checks events one by one, in sequence order, and remembers the first broken link. */
    public static final class Verifier {
        private long expectedSequence = 1;
        private String expectedPrevHash = GENESIS;
        private long brokenSequence;
        private String problem;

        /** Checks the next event; returns false once the chain is broken (later events are not checked). */
        public boolean accept(AuditEvent event) {
            if (problem != null) {
                return false;
            }
            if (event.sequence() != expectedSequence) {
                return broken(expectedSequence, "event " + expectedSequence + " is missing (next is "
                        + event.sequence() + ")");
            }
            if (!expectedPrevHash.equals(event.prevHash())) {
                return broken(event.sequence(), "prevHash does not match the hash of the previous event");
            }
            if (!event.hashMatchesContent()) {
                return broken(event.sequence(), "content does not match its hash (edited)");
            }
            expectedPrevHash = event.hash();
            expectedSequence++;
            return true;
        }

        /** Records a link that could not even be read, e.g. a timestamp that is no longer a timestamp. */
        public boolean unreadable(long sequence, String why) {
            return problem == null && broken(sequence, "unreadable: " + why);
        }

        private boolean broken(long sequence, String what) {
            brokenSequence = sequence;
            problem = what;
            return false;
        }

        public AuditVerification result() {
            return new AuditVerification(expectedSequence - 1, brokenSequence, problem, expectedPrevHash);
        }
    }
}
