package org.calibrax4j.listeners;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** CSV and JSON text of an evaluation history; values at full double precision. */
final class HistoryFormat {
    private HistoryFormat() {
    }

    static String csv(List<EpochEvaluation> history) {
        List<String> names = new ArrayList<>(names(history));
        StringBuilder sb = new StringBuilder("epoch,iteration,seconds");
        names.forEach(n -> sb.append(',').append(n));
        sb.append('\n');
        for (EpochEvaluation e : history) {
            sb.append(e.epoch()).append(',').append(e.iteration()).append(',').append(e.seconds());
            for (String n : names) {
                sb.append(',');
                if (e.result().contains(n)) {
                    sb.append(e.result().get(n));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String json(List<EpochEvaluation> history) {
        StringBuilder sb = new StringBuilder("{\"evaluations\": [");
        for (int i = 0; i < history.size(); i++) {
            EpochEvaluation e = history.get(i);
            String values = e.result().toJson();
            sb.append(i == 0 ? "\n  " : ",\n  ")
                    .append("{\"epoch\": ").append(e.epoch())
                    .append(", \"iteration\": ").append(e.iteration())
                    .append(", \"seconds\": ").append(e.seconds());
            if (values.length() > 2) {
                sb.append(", ").append(values, 1, values.length() - 1);
            }
            sb.append('}');
        }
        return sb.append(history.isEmpty() ? "]}\n" : "\n]}\n").toString();
    }

    private static Set<String> names(List<EpochEvaluation> history) {
        Set<String> names = new LinkedHashSet<>();
        history.forEach(e -> names.addAll(e.result().names()));
        return names;
    }
}
