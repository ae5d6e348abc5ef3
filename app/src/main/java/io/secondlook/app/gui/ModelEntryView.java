package io.secondlook.app.gui;

/**
 * One model package as the Models window lists it.
 *
 * @param source "bundled" or the package's folder or zip
 * @param status "valid", or "refused: " and the reason
 */
public record ModelEntryView(String id, String version, String task, String modalities, String source,
                             boolean valid, String status) {
}
