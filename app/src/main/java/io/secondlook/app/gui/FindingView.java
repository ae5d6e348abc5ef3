package io.secondlook.app.gui;

/**
 * A recorded AI finding of a study and where its decision stands.
 *
 * @param frame the frame of the instance that was analysed (0-based)
 * @param decision null while undecided
 */
public record FindingView(long findingId, String sopInstanceUid, int frame, String label, double probability,
                          boolean positive, String modelName, DecisionView decision) {

    public boolean decided() {
        return decision != null;
    }
}
