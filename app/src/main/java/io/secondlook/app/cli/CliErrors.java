package io.secondlook.app.cli;

/** Turns a failure into the one-line reason the command line prints. */
final class CliErrors {
    private CliErrors() {
    }

    static String oneLine(Throwable t) {
        Throwable cause = t;
        while ((cause.getMessage() == null || cause.getMessage().isBlank()) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            message = cause.getClass().getSimpleName();
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
