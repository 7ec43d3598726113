package org.calibrax4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureRowsTest {

    /** Rows 0..n-1 of width 2, row i = (i, -i), so a kept row identifies its origin. */
    private static double[] rows(int from, int n) {
        double[] r = new double[2 * n];
        for (int i = 0; i < n; i++) {
            r[2 * i] = from + i;
            r[2 * i + 1] = -(from + i);
        }
        return r;
    }

    private static Set<Integer> origins(FeatureRows f) {
        Set<Integer> s = new HashSet<>();
        for (int i = 0; i < f.size(); i++) {
            assertEquals(f.get(i, 0), -f.get(i, 1), 0.0, "rows are copied whole");
            s.add((int) f.get(i, 0));
        }
        return s;
    }

    @Test
    void unboundedMergeOfShardsEqualsOnePass() {
        FeatureRows one = FeatureRows.unbounded(2);
        one.add(rows(0, 100), 100);
        FeatureRows a = FeatureRows.unbounded(2);
        a.add(rows(0, 30), 30);
        FeatureRows b = FeatureRows.unbounded(2);
        b.add(rows(30, 50), 50);
        FeatureRows c = FeatureRows.unbounded(2);
        c.add(rows(80, 20), 20);
        a.merge(b);
        a.merge(c);
        assertArrayEquals(one.toArray(), a.toArray(), 0.0);
        assertEquals(100, a.seen());
        b.add(rows(500, 1), 1);
        assertArrayEquals(one.toArray(), a.toArray(), 0.0, "merge copied b's rows");
    }

    @Test
    void reservoirKeepsADistinctSeededSampleOfTheStream() {
        FeatureRows r = FeatureRows.bounded(2, 25, 9);
        FeatureRows same = FeatureRows.bounded(2, 25, 9);
        for (int i = 0; i < 10; i++) {
            r.add(rows(10 * i, 10), 10);
            same.add(rows(10 * i, 10), 10);
        }
        assertEquals(25, r.size());
        assertEquals(100, r.seen());
        assertTrue(r.isSampled());
        assertEquals(25, origins(r).size(), "no row kept twice");
        assertTrue(origins(r).stream().allMatch(i -> i >= 0 && i < 100));
        assertArrayEquals(r.toArray(), same.toArray(), 0.0);
        FeatureRows below = FeatureRows.bounded(2, 25, 9);
        below.add(rows(0, 20), 20);
        assertFalse(below.isSampled());
        assertArrayEquals(rows(0, 20), below.toArray(), 0.0, "below the cap every row is kept in order");
    }

    @Test
    void mergedReservoirsAreAUniformSampleOfTheUnion() {
        // Shard A sees rows 0..299, shard B rows 300..399; a uniform 40-of-400 sample includes each row
        // with probability 0.1, so over 400 seeds shard A should supply 75% of the kept rows.
        int fromA = 0;
        int total = 0;
        int[] hits = new int[400];
        for (long seed = 0; seed < 400; seed++) {
            FeatureRows a = FeatureRows.bounded(2, 40, seed);
            a.add(rows(0, 300), 300);
            FeatureRows b = FeatureRows.bounded(2, 40, seed + 1000);
            b.add(rows(300, 100), 100);
            a.merge(b);
            assertEquals(40, a.size());
            assertEquals(400, a.seen());
            Set<Integer> o = origins(a);
            assertEquals(40, o.size());
            for (int i : o) {
                hits[i]++;
                fromA += i < 300 ? 1 : 0;
                total++;
            }
        }
        double share = (double) fromA / total;
        assertEquals(0.75, share, 0.02, "hypergeometric split by rows seen");
        // per-row inclusion frequency 0.1 (40 of 400 seeds expected): every row kept sometimes, none always
        for (int h : hits) {
            assertTrue(h > 10 && h < 85, "inclusion count " + h);
        }
    }

    @Test
    void rejectsMismatchedStores() {
        FeatureRows a = FeatureRows.bounded(2, 10, 1);
        assertThrows(IllegalArgumentException.class, () -> a.merge(FeatureRows.bounded(3, 10, 1)));
        assertThrows(IllegalArgumentException.class, () -> a.merge(FeatureRows.unbounded(2)));
        assertThrows(IllegalArgumentException.class, () -> a.merge(a));
        assertThrows(IllegalArgumentException.class, () -> a.add(new double[3], 2));
        assertThrows(IllegalArgumentException.class, () -> FeatureRows.bounded(2, -1, 0));
    }

    @Test
    void copyContinuesTheSameRandomStream() {
        FeatureRows a = FeatureRows.bounded(2, 10, 4);
        a.add(rows(0, 50), 50);
        FeatureRows b = a.copy();
        a.add(rows(50, 50), 50);
        b.add(rows(50, 50), 50);
        assertArrayEquals(a.toArray(), b.toArray(), 0.0);
    }
}
