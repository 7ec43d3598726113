package org.calibrax4j.cli.demo;

import java.util.List;
import java.util.Map;
import org.calibrax4j.listeners.EpochEvaluation;

/** The demo's JSON report: settings, reference points, per-epoch values and the FID verdict. */
final class DemoReport {
    private DemoReport() {
    }

    static String json(Map<String, Object> settings, Map<String, Double> reference, List<EpochEvaluation> history,
                       boolean fidFell) {
        StringBuilder sb = new StringBuilder("{\n  \"settings\": ");
        object(sb, settings);
        sb.append(",\n  \"reference\": ");
        object(sb, reference);
        sb.append(",\n  \"epochs\": [");
        for (int i = 0; i < history.size(); i++) {
            EpochEvaluation e = history.get(i);
            String values = e.result().toJson();
            sb.append(i == 0 ? "\n    " : ",\n    ").append("{\"epoch\": ").append(e.epoch())
                    .append(", \"iteration\": ").append(e.iteration())
                    .append(", \"seconds\": ").append(e.seconds())
                    .append(", ").append(values, 1, values.length()).append("");
        }
        sb.append("\n  ],\n  \"fid_fell\": ").append(fidFell).append("\n}\n");
        return sb.toString();
    }

    private static void object(StringBuilder sb, Map<String, ?> values) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, ?> e : values.entrySet()) {
            sb.append(first ? "" : ", ").append('"').append(e.getKey()).append("\": ");
            Object v = e.getValue();
            if (v instanceof Number num) {
                double d = num.doubleValue();
                sb.append(v instanceof Double || v instanceof Float ? (Double.isFinite(d) ? Double.toString(d) : "null") : v.toString());
            } else if (v instanceof Boolean) {
                sb.append(v);
            } else {
                sb.append('"').append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            first = false;
        }
        sb.append('}');
    }
}
