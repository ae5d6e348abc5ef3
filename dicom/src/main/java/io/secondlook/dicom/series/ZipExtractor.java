package io.secondlook.dicom.series;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Extracts a zip archive into a folder so that every member becomes an ordinary file the reader and the viewer
 * can reopen by path. Sizes are counted as the bytes actually inflate (the sizes a zip declares can lie): an entry
 * larger than the limit, more data than the limit in all, or an archive that inflates far beyond its own size
 * (a zip bomb) is refused with an {@link IOException} that says which. Entries whose names would land outside the
 * folder ("../x", absolute names) are skipped and reported.
 */
final class ZipExtractor {

    /**
     * @param maxEntryBytes the largest member accepted
     * @param maxTotalBytes the most data extracted in all
     * @param maxRatio how many times its own size an archive may inflate to (beyond a 64 MiB allowance)
     * @param maxEntries the most members
     */
    record Limits(long maxEntryBytes, long maxTotalBytes, double maxRatio, int maxEntries) {
        static final Limits DEFAULT = new Limits(2L << 30, 64L << 30, 200, 200_000);
    }

    private ZipExtractor() {
    }

    static void extract(Path zip, Path target, Limits limits, List<String> problems) throws IOException {
        long archiveSize = Files.size(zip);
        long allowance = (long) (archiveSize * limits.maxRatio()) + (64L << 20);
        long total = 0;
        int count = 0;
        Path root = target.toAbsolutePath().normalize();
        byte[] buffer = new byte[1 << 16];
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (++count > limits.maxEntries()) {
                    throw new IOException(zip + ": refused, more than " + limits.maxEntries() + " entries");
                }
                Path out = root.resolve(entry.getName().replace('\\', '/')).normalize();
                if (!out.startsWith(root) || out.equals(root)) {
                    problems.add(zip + "!/" + entry.getName() + ": entry name points outside the archive's folder; skipped");
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                long written = 0;
                try (InputStream in = file.getInputStream(entry); OutputStream os = Files.newOutputStream(out)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        written += n;
                        total += n;
                        if (written > limits.maxEntryBytes()) {
                            throw new IOException(zip + ": refused, entry " + entry.getName() + " is larger than "
                                    + limits.maxEntryBytes() + " bytes");
                        }
                        if (total > limits.maxTotalBytes() || total > allowance) {
                            throw new IOException(zip + ": refused, it inflates to more than " + Math.min(limits.maxTotalBytes(), allowance)
                                    + " bytes from " + archiveSize + " (a zip bomb or an archive too large to import)");
                        }
                        os.write(buffer, 0, n);
                    }
                } catch (ZipException e) {
                    problems.add(zip + "!/" + entry.getName() + ": corrupt entry (" + e.getMessage() + "); skipped");
                    Files.deleteIfExists(out);
                }
            }
        } catch (ZipException e) {
            throw new IOException(zip + ": not a readable zip archive (" + e.getMessage() + ")", e);
        }
    }
}
