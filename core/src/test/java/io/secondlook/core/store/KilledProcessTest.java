package io.secondlook.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secondlook.core.audit.AuditVerification;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decision shown as saved is committed: a child JVM records decisions in a loop and is killed with SIGKILL at
 * random moments (during start-up and opening, and in the middle of writing); afterwards the file is intact,
 * every acknowledged decision is there, and the audit chain verifies.
 */
class KilledProcessTest {

    private static final int KILLS = 50;
    private static final Pattern ACK = Pattern.compile("ack (\\d+) \\.");

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedDecisionSurvivesSigkill() throws Exception {
        Path db = dir.resolve("secondlook.db");
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        Random random = new Random(20261125);
        int killedWhileWriting = 0;
        for (int i = 0; i < KILLS; i++) {
            // Quick start-up flags: the test is about the store, and 50 JVM starts dominate its time.
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                    "-cp", System.getProperty("java.class.path"), DecisionLoop.class.getName(), db.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            CountDownLatch firstAck = new CountDownLatch(1);
            Thread reader = new Thread(() -> collect(child, acknowledged, firstAck));
            reader.start();
            if (i % 5 == 0) {
                Thread.sleep(random.nextInt(400)); // anywhere from JVM start-up through opening the store
            } else {
                assertTrue(firstAck.await(30, TimeUnit.SECONDS), "child " + i + " never saved a decision");
                Thread.sleep(random.nextInt(60));
                killedWhileWriting++;
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            reader.join();
            assertEquals(137, child.exitValue(), "child " + i + " must die by SIGKILL, not by an error of its own");
        }
        assertTrue(killedWhileWriting >= 40);
        assertTrue(acknowledged.size() > KILLS, "too few decisions to mean anything: " + acknowledged.size());

        try (Connection c = Fixtures.raw(db); Statement s = c.createStatement()) {
            try (ResultSet check = s.executeQuery("PRAGMA integrity_check")) {
                assertTrue(check.next());
                assertEquals("ok", check.getString(1));
            }
            Set<Long> stored = new HashSet<>();
            try (ResultSet ids = s.executeQuery("SELECT id FROM decisions")) {
                while (ids.next()) {
                    stored.add(ids.getLong(1));
                }
            }
            Set<Long> lost = new HashSet<>(acknowledged);
            lost.removeAll(stored);
            assertTrue(lost.isEmpty(), "acknowledged but lost: " + lost);
        }
        try (ClinicalStore store = ClinicalStore.open(db)) {
            AuditVerification audit = store.auditLog().verify();
            assertTrue(audit.intact(), audit.toString());
            long decisionEvents = store.auditLog().events().stream()
                    .filter(e -> e.action().startsWith("DECISION_")).count();
            try (Connection c = Fixtures.raw(db); Statement s = c.createStatement()) {
                assertEquals(s.executeQuery("SELECT count(*) FROM decisions").getLong(1), decisionEvents,
                        "each decision committed with its audit event");
            }
        }
    }

    /** Reads whole acknowledgement lines only: a line cut short by the kill is not an acknowledgement. */
    private static void collect(Process child, Set<Long> acknowledged, CountDownLatch firstAck) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = ACK.matcher(line);
                if (m.matches()) {
                    acknowledged.add(Long.parseLong(m.group(1)));
                    firstAck.countDown();
                }
            }
        } catch (java.io.IOException e) {
            // the pipe closes when the child dies
        }
    }
}
