package io.secondlook.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The lines of a dcmdump oracle ({@code FILE.dcmdump.txt}), parsed into tag, VR, value text, length and VM. */
record DcmdumpText(List<Line> lines) {

    /** One element line; {@code depth} is the nesting level (two spaces per level). */
    record Line(int depth, int tag, String vr, String value, long length, int vm, String keyword) {
        boolean undefinedLength() {
            return length < 0;
        }
    }

    private static final Pattern LINE = Pattern.compile(
            "^( *)\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\S\\S) (.*?) +# *(u/l|\\d+), *(\\d+) (.*)$");

    static DcmdumpText parse(Path dump) throws IOException {
        List<Line> lines = new ArrayList<>();
        for (String raw : new String(Files.readAllBytes(dump), StandardCharsets.ISO_8859_1).split("\n")) {
            Matcher m = LINE.matcher(raw);
            if (!m.matches()) {
                continue;
            }
            int tag = (Integer.parseInt(m.group(2), 16) << 16) | Integer.parseInt(m.group(3), 16);
            long length = m.group(6).equals("u/l") ? -1 : Long.parseLong(m.group(6));
            lines.add(new Line(m.group(1).length() / 2, tag, m.group(4), m.group(5), length, Integer.parseInt(m.group(7)), m.group(8)));
        }
        return new DcmdumpText(lines);
    }

    /** An element line with, for a sequence, the element nodes of each item. */
    record Node(Line line, List<List<Node>> items) {
    }

    /** The data set as a tree of nodes (meta header and delimiters left out). */
    List<Node> datasetTree() {
        int[] cursor = {0};
        List<Node> all = level(cursor, 0);
        return all.stream().filter(n -> Tag.group(n.line().tag()) != 0x0002).toList();
    }

    private List<Node> level(int[] cursor, int depth) {
        List<Node> nodes = new ArrayList<>();
        while (cursor[0] < lines.size() && lines.get(cursor[0]).depth() >= depth) {
            Line line = lines.get(cursor[0]);
            if (line.depth() > depth || Tag.group(line.tag()) == 0xFFFE) {
                cursor[0]++;
                continue;
            }
            cursor[0]++;
            List<List<Node>> items = new ArrayList<>();
            if (line.vr().equals("SQ")) {
                while (cursor[0] < lines.size() && lines.get(cursor[0]).depth() == depth + 1) {
                    Line next = lines.get(cursor[0]);
                    cursor[0]++;
                    if (next.tag() == Tag.Item) {
                        items.add(level(cursor, depth + 2));
                    }
                }
            }
            nodes.add(new Node(line, items));
        }
        return nodes;
    }

    /** Top-level data set lines (meta header excluded). */
    List<Line> topLevelDataset() {
        return lines.stream().filter(l -> l.depth() == 0 && Tag.group(l.tag()) != 0x0002 && Tag.group(l.tag()) != 0xFFFE).toList();
    }

    List<Line> meta() {
        return lines.stream().filter(l -> l.depth() == 0 && Tag.group(l.tag()) == 0x0002).toList();
    }

    /** Whether dcmdump reported an error (its stderr is appended to the oracle). */
    static boolean hasError(Path dump) throws IOException {
        return new String(Files.readAllBytes(dump), StandardCharsets.ISO_8859_1).contains("\nE: ");
    }
}
