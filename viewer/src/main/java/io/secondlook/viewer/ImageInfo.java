package io.secondlook.viewer;

/**
 * What the corner annotations show about the patient, study and series; null fields show as blank.
 * Dates are DICOM DA text (YYYYMMDD) and are shown as YYYY-MM-DD; names are DICOM PN text ("Family^Given").
 */
public record ImageInfo(String patientName, String patientId, String birthDate, String sex,
                        String studyDescription, String studyDate, String seriesDescription, String modality) {

    public static final ImageInfo EMPTY = new ImageInfo(null, null, null, null, null, null, null, null);

    public ImageInfo {
        patientName = blankIfNull(patientName);
        patientId = blankIfNull(patientId);
        birthDate = blankIfNull(birthDate);
        sex = blankIfNull(sex);
        studyDescription = blankIfNull(studyDescription);
        studyDate = blankIfNull(studyDate);
        seriesDescription = blankIfNull(seriesDescription);
        modality = blankIfNull(modality);
    }

    /** Top-left corner: patient name, ID, birth date and sex. */
    public String patientText() {
        return joinLines(patientName.replace('^', ' ').trim(), patientId,
                joinWords(formatDate(birthDate), sex));
    }

    /** Top-right corner: study description, date, series description and modality. */
    public String studyText() {
        return joinLines(studyDescription, formatDate(studyDate), joinWords(modality, seriesDescription));
    }

    /** YYYYMMDD as YYYY-MM-DD; anything else unchanged. */
    static String formatDate(String da) {
        if (da.length() == 8 && da.chars().allMatch(Character::isDigit)) {
            return da.substring(0, 4) + "-" + da.substring(4, 6) + "-" + da.substring(6);
        }
        return da;
    }

    private static String joinWords(String a, String b) {
        return (a + " " + b).trim();
    }

    private static String joinLines(String... lines) {
        StringBuilder s = new StringBuilder();
        for (String line : lines) {
            if (!line.isBlank()) {
                s.append(s.length() == 0 ? "" : "\n").append(line);
            }
        }
        return s.toString();
    }

    private static String blankIfNull(String s) {
        return s == null ? "" : s.trim();
    }
}
