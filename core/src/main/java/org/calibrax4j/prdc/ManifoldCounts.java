package org.calibrax4j.prdc;

/**
 * Exact counts behind precision, recall, density and coverage, with the per-sample values they
 * come from (see {@link KnnManifolds}). Arrays are copies.
 *
 * @param nearestK k
 * @param realRadii NND_k of each real row (Euclidean distance to its k-th nearest real neighbour)
 * @param fakeRadii NND_k of each generated row within the generated set
 * @param fakeInRealBalls per generated row j: the number of real balls containing it
 * @param realBallFakeCount per real row i: the number of generated rows inside its ball
 * @param realInFakeBalls per real row i: the number of generated balls containing it
 */
public record ManifoldCounts(int nearestK, double[] realRadii, double[] fakeRadii, int[] fakeInRealBalls,
                             int[] realBallFakeCount, int[] realInFakeBalls) {
    /** Copies the arrays. */
    public ManifoldCounts {
        realRadii = realRadii.clone();
        fakeRadii = fakeRadii.clone();
        fakeInRealBalls = fakeInRealBalls.clone();
        realBallFakeCount = realBallFakeCount.clone();
        realInFakeBalls = realInFakeBalls.clone();
    }

    /** Number of real rows N. */
    public int realCount() {
        return realRadii.length;
    }

    /** Number of generated rows M. */
    public int fakeCount() {
        return fakeRadii.length;
    }

    /** #{j : some real ball contains y_j}. */
    public long precisionCount() {
        return positives(fakeInRealBalls);
    }

    /** #{i : some generated ball contains x_i}. */
    public long recallCount() {
        return positives(realInFakeBalls);
    }

    /** #{(i, j) : y_j inside the ball of x_i}. */
    public long densityCount() {
        long s = 0;
        for (int v : fakeInRealBalls) {
            s += v;
        }
        return s;
    }

    /** #{i : the nearest generated row lies inside the ball of x_i}. */
    public long coverageCount() {
        return positives(realBallFakeCount);
    }

    /** precisionCount / M. */
    public double precision() {
        return (double) precisionCount() / fakeCount();
    }

    /** recallCount / N. */
    public double recall() {
        return (double) recallCount() / realCount();
    }

    /** densityCount / (k·M); may exceed 1. */
    public double density() {
        return (double) densityCount() / ((double) nearestK * fakeCount());
    }

    /** coverageCount / N. */
    public double coverage() {
        return (double) coverageCount() / realCount();
    }

    private static long positives(int[] a) {
        long c = 0;
        for (int v : a) {
            if (v > 0) {
                c++;
            }
        }
        return c;
    }

    @Override
    public double[] realRadii() {
        return realRadii.clone();
    }

    @Override
    public double[] fakeRadii() {
        return fakeRadii.clone();
    }

    @Override
    public int[] fakeInRealBalls() {
        return fakeInRealBalls.clone();
    }

    @Override
    public int[] realBallFakeCount() {
        return realBallFakeCount.clone();
    }

    @Override
    public int[] realInFakeBalls() {
        return realInFakeBalls.clone();
    }
}
