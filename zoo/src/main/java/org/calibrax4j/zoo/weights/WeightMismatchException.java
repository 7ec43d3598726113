package org.calibrax4j.zoo.weights;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A weight file does not fit the network: thrown by {@link StrictWeights#check} with every
 * missing, unexpected and wrongly shaped tensor at once (not just the first), so one run of the
 * loader tells the user everything that is wrong with a converted file.
 */
public class WeightMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A tensor whose shape differs from the network's. */
    public record WrongShape(String name, long[] expected, long[] actual) {
        @Override
        public String toString() {
            return name + " expected " + java.util.Arrays.toString(expected) + " but file has "
                    + java.util.Arrays.toString(actual);
        }
    }

    private static final int LISTED = 12;
    private final List<String> missing;
    private final List<String> unexpected;
    private final List<WrongShape> wrongShape;

    /**
     * @param model      the network the weights are for, e.g. {@code InceptionV3-FID}
     * @param source     the file (or other source) the tensors came from
     * @param missing    names the network needs that the file lacks
     * @param unexpected names in the file that the network does not have
     * @param wrongShape tensors present on both sides with different shapes
     */
    public WeightMismatchException(String model, String source, List<String> missing, List<String> unexpected,
            List<WrongShape> wrongShape) {
        super(message(model, source, missing, unexpected, wrongShape));
        this.missing = List.copyOf(missing);
        this.unexpected = List.copyOf(unexpected);
        this.wrongShape = List.copyOf(wrongShape);
    }

    /** Names the network needs and the file lacks, in the network's order. */
    public List<String> missing() {
        return missing;
    }

    /** Names in the file that the network does not have, in the file's order. */
    public List<String> unexpected() {
        return unexpected;
    }

    /** Tensors with a shape different from the network's, in the network's order. */
    public List<WrongShape> wrongShape() {
        return wrongShape;
    }

    private static String message(String model, String source, List<String> missing, List<String> unexpected,
            List<WrongShape> wrongShape) {
        StringBuilder sb = new StringBuilder();
        sb.append(model).append(": weights from ").append(source).append(" do not fit the network (")
                .append(missing.size()).append(" missing, ").append(unexpected.size()).append(" unexpected, ")
                .append(wrongShape.size()).append(" wrong shape)");
        if (unexpected.contains("mu") && unexpected.contains("sigma")) {
            sb.append(" -- the file holds FID statistics (mu, sigma), not network weights");
        }
        if (!missing.isEmpty()) {
            sb.append("\n  missing: ").append(firstFew(missing));
        }
        if (!unexpected.isEmpty()) {
            sb.append("\n  unexpected: ").append(firstFew(unexpected));
        }
        if (!wrongShape.isEmpty()) {
            sb.append("\n  wrong shape: ").append(firstFew(wrongShape.stream().map(WrongShape::toString).toList()));
        }
        return sb.toString();
    }

    /** The first {@value #LISTED} names and a count of the rest: every name is in the accessors. */
    private static String firstFew(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(LISTED, names.size())));
        return names.size() > LISTED ? shown + ", ... and " + (names.size() - LISTED) + " more" : shown;
    }
}
