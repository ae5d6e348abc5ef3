package io.secondlook.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the command line: 0 success, 1 failure with one line on stderr, 2 bad usage. */
class CommandLineTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = SecondLookCommand.execute(args, home -> {
                throw new AssertionError("the window must not open from a command");
            });
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void versionAndHelpSucceed() {
        Run version = run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("SecondLook "), version.out());
        for (String command : new String[] {"demo", "eval", "dump"}) {
            Run help = run(command, "--help");
            assertEquals(0, help.exitCode(), command);
            assertTrue(help.out().contains("Usage: secondlook " + command), help.out());
        }
    }

    @Test
    void badUsageExitsWithTwo() {
        assertEquals(2, run("--no-such-option").exitCode());
        assertEquals(2, run("demo", "--out", "x").exitCode(), "missing --decide");
        assertEquals(2, run("demo", "--out", "x", "--decide", "maybe").exitCode());
    }

    @Test
    void failureExitsWithOneAndOneLineNamingTheFile(@TempDir Path tmp) {
        Path missing = tmp.resolve("missing.npz");
        Run r = run("--home", tmp.resolve("home").toString(), "eval", "--model", "pneumonia-demo", "--npz", missing.toString());
        assertEquals(1, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("missing.npz"), r.err());

        Run dump = run("dump", tmp.resolve("nothing.dcm").toString());
        assertEquals(1, dump.exitCode());
        assertTrue(dump.err().contains("nothing.dcm"), dump.err());
    }
}
