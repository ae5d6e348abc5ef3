package io.secondlook.testdata.records;

/**
 * A lab test the synthetic records use: LOINC code, display, UCUM unit, adult reference range and the usual
 * healthy value around which results scatter.
 */
public enum LabTest {
    CRP("1988-5", "C reactive protein [Mass/volume] in Serum or Plasma", "mg/L", null, 5.0, 2.0, 1.5, 1),
    WBC("6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*9/L", 4.0, 11.0, 7.0, 1.2, 1),
    HAEMOGLOBIN("718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 12.0, 16.5, 14.0, 0.6, 1),
    CREATININE("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 0.6, 1.2, 0.9, 0.08, 2),
    PLATELETS("777-3", "Platelets [#/volume] in Blood by Automated count", "10*9/L", 150.0, 400.0, 250.0, 30.0, 0),
    SODIUM("2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mmol/L", 135.0, 145.0, 140.0, 1.8, 0),
    PROCALCITONIN("33959-8", "Procalcitonin [Mass/volume] in Serum or Plasma", "ng/mL", null, 0.5, 0.05, 0.02, 2);

    public final String loinc;
    public final String display;
    public final String unit;
    public final Double low;
    public final Double high;
    final double typical;
    final double spread;
    final int decimals;

    LabTest(String loinc, String display, String unit, Double low, Double high, double typical, double spread,
            int decimals) {
        this.loinc = loinc;
        this.display = display;
        this.unit = unit;
        this.low = low;
        this.high = high;
        this.typical = typical;
        this.spread = spread;
        this.decimals = decimals;
    }

    double round(double value) {
        double scale = Math.pow(10, decimals);
        return Math.round(Math.max(value, 0) * scale) / scale;
    }
}
