package io.secondlook.core;

/** Who is reading: the clinician logged in to the operating system. */
public final class ReaderIdentity {

    private ReaderIdentity() {
    }

    /** The OS user name, or {@code "unknown"} when the JVM cannot tell. */
    public static String current() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }
}
