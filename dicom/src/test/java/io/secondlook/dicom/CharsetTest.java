package io.secondlook.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Patient names of the character set examples (PS3.5 annexes H-K and the dcmtk/pydicom samples), decoded. */
class CharsetTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "chrArab.dcm|قباني^لنزار",
            "chrFren.dcm|Buc^Jérôme",
            "chrFrenMulti.dcm|Buc^Jérôme",
            "chrGerm.dcm|Äneas^Rüdiger",
            "chrGreek.dcm|Διονυσιος",
            "chrHbrw.dcm|שרון^דבורה",
            "chrRuss.dcm|Люкceмбypг",
            "chrX1.dcm|Wang^XiaoDong=王^小東=",
            "chrX2.dcm|Wang^XiaoDong=王^小东=",
            "chrH31.dcm|Yamada^Tarou=山田^太郎=やまだ^たろう",
            "chrH32.dcm|ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
            "chrI2.dcm|Hong^Gildong=洪^吉洞=홍^길동",
            "chrJapMulti.dcm|やまだ^たろう",
            "chrJapMultiExplicitIR6.dcm|やまだ^たろう",
            "chrKoreanMulti.dcm|김희중",
    })
    void patientNameDecodes(String file, String expected) throws Exception {
        DicomFile dicom = DicomReader.read(Corpus.dicom("charset/" + file));
        assertEquals(expected, dicom.dataset().getString(Tag.PatientName));
    }

    @Test
    void itemsUseTheirOwnOrTheInheritedCharacterSet() throws Exception {
        for (String file : List.of("chrSQEncoding.dcm", "chrSQEncoding1.dcm")) {
            DicomFile dicom = DicomReader.read(Corpus.dicom("charset/" + file));
            Dataset item = dicom.dataset().elements().stream().filter(DicomElement::isSequence)
                    .flatMap(e -> e.items().stream()).filter(i -> i.contains(Tag.PatientName)).findFirst().orElseThrow();
            assertEquals("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", item.getString(Tag.PatientName), file);
            assertEquals("Doctor^Who^^MD", dicom.dataset().getString(Tag.of(0x0032, 0x1032)));
        }
    }

    @Test
    void multipleValuesResetTheEscapeState() throws Exception {
        DicomFile dicom = DicomReader.read(Corpus.dicom("charset/chrKoreanMulti.dcm"));
        String[] others = dicom.dataset().getStrings(Tag.of(0x0010, 0x1001));
        assertEquals(List.of("김희중", "김희중"), List.of(others));
    }
}
