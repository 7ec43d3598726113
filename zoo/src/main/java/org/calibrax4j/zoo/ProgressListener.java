package org.calibrax4j.zoo;

/**
 * Receives progress of long-running work (loading data, training, evaluating) so that a CLI can draw
 * a progress bar. Called on the working thread; implementations should return quickly and must not
 * throw.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (phase, done, total) -> {
    };

    /**
     * Reports that {@code done} of {@code total} units of {@code phase} are complete.
     *
     * @param phase a stable phase name, e.g. {@link FashionMnistClassifier#PHASE_TRAIN}
     * @param done  units completed, 0 ≤ done ≤ total
     * @param total units in the phase
     */
    void progress(String phase, long done, long total);
}
