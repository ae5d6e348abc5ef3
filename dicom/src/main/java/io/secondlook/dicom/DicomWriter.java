package io.secondlook.dicom;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes DICOM Part 10 files: a 128-byte preamble, "DICM", the File Meta Information (always Explicit VR Little
 * Endian, with its group length) and the data set in Explicit VR Little Endian, Deflated Explicit VR Little
 * Endian or Implicit VR Little Endian. Values are padded to even length; sequences and items use undefined
 * lengths with delimiters; encapsulated Pixel Data is written as its offset table and fragments.
 */
public final class DicomWriter {
    private static final int UNDEFINED_LENGTH = 0xFFFFFFFF;

    private DicomWriter() {
    }

    /** Writes a file atomically (temporary file, then rename), with a meta header built from the data set. */
    public static void write(Path file, Dataset dataset, TransferSyntax transferSyntax) throws IOException {
        Dataset meta = createFileMeta(dataset.getString(Tag.SOPClassUID), dataset.getString(Tag.SOPInstanceUID),
                transferSyntax.uid());
        write(file, meta, dataset, transferSyntax);
    }

    public static void write(Path file, Dataset fileMeta, Dataset dataset, TransferSyntax transferSyntax) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // Not Files.createTempFile: its owner-only permissions would stick to the file after the rename.
        Path tmp = parent.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16)) {
                write(out, fileMeta, dataset, transferSyntax);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void write(OutputStream out, Dataset fileMeta, Dataset dataset, TransferSyntax transferSyntax) throws IOException {
        if (transferSyntax.bigEndian()) {
            throw new IOException("Writing " + transferSyntax.displayName() + " is not supported (retired); use Explicit VR Little Endian");
        }
        if (dataset.get(Tag.PixelData) != null && dataset.get(Tag.PixelData).isEncapsulated() != transferSyntax.encapsulated()) {
            throw new IOException("Pixel Data encoding does not match " + transferSyntax.displayName());
        }
        out.write(new byte[128]);
        out.write(new byte[] {'D', 'I', 'C', 'M'});
        writeFileMeta(out, fileMeta, transferSyntax);
        if (transferSyntax.deflated()) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            DeflaterOutputStream deflated = new DeflaterOutputStream(out, deflater, 1 << 16);
            writeDataset(deflated, dataset, true);
            deflated.finish();
            deflater.end();
        } else {
            writeDataset(out, dataset, transferSyntax.explicitVr());
        }
        out.flush();
    }

    /** The File Meta Information for a data set; the caller may add Source AE Title and other optional elements. */
    public static Dataset createFileMeta(String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
        if (sopClassUid == null || sopInstanceUid == null) {
            throw new IllegalArgumentException("SOP Class UID and SOP Instance UID are required to write a Part 10 file");
        }
        Dataset meta = new Dataset();
        meta.setBytes(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
        meta.setString(Tag.MediaStorageSOPClassUID, VR.UI, sopClassUid);
        meta.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstanceUid);
        meta.setString(Tag.TransferSyntaxUID, VR.UI, transferSyntaxUid);
        meta.setString(Tag.ImplementationClassUID, VR.UI, UidGenerator.IMPLEMENTATION_CLASS_UID);
        meta.setString(Tag.ImplementationVersionName, VR.SH, UidGenerator.IMPLEMENTATION_VERSION_NAME);
        return meta;
    }

    private static void writeFileMeta(OutputStream out, Dataset fileMeta, TransferSyntax transferSyntax) throws IOException {
        Dataset meta = fileMeta.copy();
        meta.setString(Tag.TransferSyntaxUID, VR.UI, transferSyntax.uid());
        meta.remove(Tag.FileMetaInformationGroupLength);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (DicomElement e : meta.elements()) {
            if (Tag.group(e.tag()) == 0x0002) {
                writeElement(body, e, true);
            }
        }
        DicomElement groupLength = new DicomElement(Tag.FileMetaInformationGroupLength, VR.UL,
                new byte[] {(byte) body.size(), (byte) (body.size() >>> 8), (byte) (body.size() >>> 16), (byte) (body.size() >>> 24)});
        writeElement(out, groupLength, true);
        body.writeTo(out);
    }

    /** Writes a data set's elements (no preamble, no meta), skipping group 0002 and group lengths. */
    public static void writeDataset(OutputStream out, Dataset dataset, boolean explicitVr) throws IOException {
        for (DicomElement e : dataset.elements()) {
            int tag = e.tag();
            if (Tag.group(tag) == 0x0002 || Tag.element(tag) == 0x0000) {
                continue;
            }
            writeElement(out, e, explicitVr);
        }
    }

    private static void writeElement(OutputStream out, DicomElement e, boolean explicitVr) throws IOException {
        if (e.isSequence()) {
            writeHeader(out, e.tag(), VR.SQ, UNDEFINED_LENGTH, explicitVr);
            for (Dataset item : e.items()) {
                writeTag(out, Tag.Item);
                writeInt(out, UNDEFINED_LENGTH);
                writeDataset(out, item, explicitVr);
                writeTag(out, Tag.ItemDelimitationItem);
                writeInt(out, 0);
            }
            writeTag(out, Tag.SequenceDelimitationItem);
            writeInt(out, 0);
            return;
        }
        if (e.isEncapsulated()) {
            EncapsulatedPixelData pixels = (EncapsulatedPixelData) e.value();
            writeHeader(out, e.tag(), VR.OB, UNDEFINED_LENGTH, explicitVr);
            writeItem(out, pixels.basicOffsetTable());
            for (byte[] fragment : pixels.fragments()) {
                writeItem(out, fragment);
            }
            writeTag(out, Tag.SequenceDelimitationItem);
            writeInt(out, 0);
            return;
        }
        byte[] value = e.bytes();
        boolean pad = (value.length & 1) == 1;
        long length = value.length + (pad ? 1L : 0L);
        if (explicitVr && !e.vr().hasLongLength() && length > 0xFFFF) {
            throw new IOException("Value of " + Tag.toString(e.tag()) + " is " + length + " bytes, too long for VR " + e.vr());
        }
        writeHeader(out, e.tag(), e.vr(), (int) length, explicitVr);
        out.write(value);
        if (pad) {
            out.write(e.vr().padding());
        }
    }

    private static void writeItem(OutputStream out, byte[] value) throws IOException {
        boolean pad = (value.length & 1) == 1;
        writeTag(out, Tag.Item);
        writeInt(out, value.length + (pad ? 1 : 0));
        out.write(value);
        if (pad) {
            out.write(0);
        }
    }

    private static void writeHeader(OutputStream out, int tag, VR vr, int length, boolean explicitVr) throws IOException {
        writeTag(out, tag);
        if (!explicitVr) {
            writeInt(out, length);
            return;
        }
        out.write(vr.name().charAt(0));
        out.write(vr.name().charAt(1));
        if (vr.hasLongLength()) {
            out.write(0);
            out.write(0);
            writeInt(out, length);
        } else {
            out.write(length & 0xFF);
            out.write((length >>> 8) & 0xFF);
        }
    }

    private static void writeTag(OutputStream out, int tag) throws IOException {
        int group = Tag.group(tag);
        int element = Tag.element(tag);
        out.write(group & 0xFF);
        out.write(group >>> 8);
        out.write(element & 0xFF);
        out.write(element >>> 8);
    }

    private static void writeInt(OutputStream out, int v) throws IOException {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
        out.write((v >>> 16) & 0xFF);
        out.write((v >>> 24) & 0xFF);
    }
}
