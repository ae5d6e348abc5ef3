package io.secondlook.app.gui;

import java.util.List;

/**
 * What an import did: images indexed, and one line per file that could not be read (naming the file and why).
 */
public record ImportResult(int imagesImported, List<String> problems) {

    public ImportResult {
        problems = List.copyOf(problems);
    }
}
