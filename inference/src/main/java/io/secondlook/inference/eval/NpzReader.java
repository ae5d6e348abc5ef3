package io.secondlook.inference.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads NumPy {@code .npz} archives (a zip of {@code .npy} files, stored or deflated). */
public final class NpzReader implements AutoCloseable {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<|>=]?)([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private final Path file;
    private final ZipFile zip;

    private NpzReader(Path file) throws IOException {
        this.file = file;
        this.zip = new ZipFile(file.toFile());
    }

    public static NpzReader open(Path file) throws IOException {
        try {
            return new NpzReader(file);
        } catch (IOException e) {
            throw new IOException(file + ": not a readable .npz archive: " + e.getMessage(), e);
        }
    }

    /** Array names, without the {@code .npy} suffix. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".npy"))
                .forEach(n -> names.add(n.substring(0, n.length() - 4)));
        return Collections.unmodifiableSet(names);
    }

    public NpyArray array(String name) throws IOException {
        ZipEntry entry = zip.getEntry(name + ".npy");
        if (entry == null) {
            throw new IOException(file + ": no array '" + name + "' (has " + names() + ")");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return parse(in.readAllBytes());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": array '" + name + "': " + e.getMessage(), e);
        }
    }

    static NpyArray parse(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes.length < 10 || bytes[i] != MAGIC[i]) {
                throw new IllegalArgumentException("not a .npy file (bad magic)");
            }
        }
        int major = bytes[6];
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = buf.getShort(8) & 0xFFFF;
            start = 10;
        } else if (major == 2 || major == 3) {
            headerLen = buf.getInt(8);
            start = 12;
        } else {
            throw new IllegalArgumentException("unsupported .npy version " + major);
        }
        String header = new String(bytes, start, headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IllegalArgumentException("malformed .npy header: " + header.strip());
        }
        if (d.group(1).equals(">") && !d.group(3).equals("1")) {
            throw new IllegalArgumentException("big-endian arrays are not supported: " + d.group());
        }
        if (f.group(1).equals("True")) {
            throw new IllegalArgumentException("Fortran-order arrays are not supported");
        }
        String dtype = d.group(2) + d.group(3);
        String dims = s.group(1).trim();
        int[] shape = dims.isEmpty() ? new int[0]
                : java.util.Arrays.stream(dims.split(",")).map(String::trim).filter(x -> !x.isEmpty())
                        .mapToInt(Integer::parseInt).toArray();
        int offset = start + headerLen;
        return new NpyArray(dtype, shape, ByteBuffer.wrap(bytes, offset, bytes.length - offset).slice());
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
