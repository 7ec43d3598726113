package org.calibrax4j.cli.demo;

import java.io.PrintStream;
import org.calibrax4j.zoo.ProgressListener;

/**
 * A one-line progress bar with a rate per second on a terminal ({@code \r} redraws, at most 10 per second);
 * without a terminal, one line per 25% so logs stay short.
 */
final class ConsoleProgress implements ProgressListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private String phase;
    private long started;
    private long lastDraw;
    private long lastQuarter;

    ConsoleProgress(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
    }

    @Override
    public void progress(String phase, long done, long total) {
        long now = System.nanoTime();
        if (!phase.equals(this.phase)) {
            this.phase = phase;
            started = now;
            lastDraw = 0;
            lastQuarter = -1;
        }
        boolean finished = done >= total;
        double seconds = Math.max((now - started) / 1e9, 1e-9);
        String rate = seconds < 0.2 ? "" : String.format(", %.0f/s", done / seconds);
        String line = String.format("  %-14s [%s] %d/%d%s", phase, bar(done, total), done, total, rate);
        if (terminal) {
            if (finished || now - lastDraw > 100_000_000L) {
                out.print("\r" + line + (finished ? "\n" : ""));
                out.flush();
                lastDraw = now;
            }
        } else {
            long quarter = total == 0 ? 4 : done * 4 / total;
            if (quarter != lastQuarter) {
                out.println(line);
                lastQuarter = quarter;
            }
        }
    }

    private static String bar(long done, long total) {
        int filled = total == 0 ? WIDTH : (int) Math.min(WIDTH, done * WIDTH / total);
        return "#".repeat(filled) + ".".repeat(WIDTH - filled);
    }
}
