package org.calibrax4j.zoo.data;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J {@link DataSetIterator} over a {@link FashionMnist} split: features N×1×28×28 float32 in
 * [0, 1] (NCHW), labels one-hot N×10 float32. With shuffling, each {@link #reset()} draws a new order
 * from one {@code java.util.Random(seed)}, so a training run is reproducible. Batches are built from
 * the raw bytes with one array per batch. Not thread-safe.
 */
public final class FashionMnistIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final transient FashionMnist data;
    private final int batchSize;
    private final boolean shuffle;
    private final Random random;
    private int[] order;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    FashionMnistIterator(FashionMnist data, int batchSize, boolean shuffle, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("FashionMnistIterator: batchSize must be > 0, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.random = new Random(seed);
        newOrder();
    }

    private void newOrder() {
        int n = data.size();
        if (shuffle) {
            order = FashionMnist.shuffledIndices(n, random, n);
        } else if (order == null) {
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
        }
        cursor = 0;
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("FashionMnistIterator: no more batches; call reset()");
        }
        int n = Math.min(num, order.length - cursor);
        float[] features = new float[n * FashionMnist.PIXELS];
        float[] labels = new float[n * FashionMnist.NUM_CLASSES];
        for (int k = 0; k < n; k++) {
            int i = order[cursor + k];
            data.copyImage(i, features, k * FashionMnist.PIXELS);
            labels[k * FashionMnist.NUM_CLASSES + data.label(i)] = 1f;
        }
        cursor += n;
        DataSet ds = new DataSet(
                Nd4j.createFromArray(features).reshape('c', n, 1, FashionMnist.SIZE, FashionMnist.SIZE),
                Nd4j.createFromArray(labels).reshape('c', n, FashionMnist.NUM_CLASSES));
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    /** Number of examples per epoch. */
    public int numExamples() {
        return order.length;
    }

    /** Number of batches per epoch. */
    public int batchesPerEpoch() {
        return (order.length + batchSize - 1) / batchSize;
    }

    @Override
    public int inputColumns() {
        return FashionMnist.PIXELS;
    }

    @Override
    public int totalOutcomes() {
        return FashionMnist.NUM_CLASSES;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    /** Starts a new epoch; with shuffling, in a new order. */
    @Override
    public void reset() {
        newOrder();
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** The class names, indexed by label. */
    @Override
    public List<String> getLabels() {
        return FashionMnist.CLASS_NAMES;
    }
}
