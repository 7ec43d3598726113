package org.calibrax4j.learned;

import java.util.List;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** A resettable iterator over a fixed list of batches (ND4J has none without DL4J's datasets). */
final class ListMultiDataSetIterator implements MultiDataSetIterator {
    private final List<? extends MultiDataSet> batches;
    private int next;
    private MultiDataSetPreProcessor pre;

    ListMultiDataSetIterator(List<? extends MultiDataSet> batches) {
        this.batches = List.copyOf(batches);
    }

    @Override
    public MultiDataSet next(int num) {
        return next();
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.pre = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return pre;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        next = 0;
    }

    @Override
    public boolean hasNext() {
        return next < batches.size();
    }

    @Override
    public MultiDataSet next() {
        MultiDataSet ds = batches.get(next++);
        if (pre != null) {
            pre.preProcess(ds);
        }
        return ds;
    }
}
