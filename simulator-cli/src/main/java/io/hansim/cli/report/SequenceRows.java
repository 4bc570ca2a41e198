package io.hansim.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The collapse rule of the HTML sequence diagram: a download of a 500 kB image is thousands of
 * Image Block Request / Response pairs, which would make a page nobody can read. A run of at least
 * {@link #MIN_REPEATS} repetitions of the same short cycle of messages (period 1 to
 * {@link #MAX_PERIOD}; e.g. request A→B, response B→A) becomes one row per message of the cycle,
 * drawn as a single "×N" arrow. Messages repeat when sender, receiver, protocol, fate and label agree,
 * with the label's {@code off=N} left out (the offset is what changes from block to block). A dropped
 * frame has another fate, so it breaks the run and stays visible on its own.
 */
final class SequenceRows {
    static final int MIN_REPEATS = 3;
    static final int MAX_PERIOD = 4;
    private static final Pattern OFFSET = Pattern.compile("off=(\\d+)");

    /**
     * A row of the diagram: {@code count} messages that repeat the same cycle position.
     *
     * @param first the first message of the row (its sender, receiver, fate)
     * @param last  the last one (its time ends the row's span)
     * @param count how many messages the row stands for (1 for a plain arrow)
     */
    record Row(MessageEvent first, MessageEvent last, int count) {
        /** The label to draw: the message's, with the offset range and "×N" for collapsed rows. */
        String label() {
            if (count == 1) {
                return first.label();
            }
            String label = first.label();
            Matcher a = OFFSET.matcher(first.label());
            Matcher b = OFFSET.matcher(last.label());
            if (a.find() && b.find() && !a.group(1).equals(b.group(1))) {
                label = label.substring(0, a.start()) + "off=" + a.group(1) + "\u2026" + b.group(1)
                        + label.substring(a.end());
            }
            return label + " \u00d7" + count;
        }
    }

    private SequenceRows() {
    }

    /** The key two messages must share to be "the same" in a run. */
    static String key(MessageEvent m) {
        return m.fromId() + '\u0000' + m.toId() + '\u0000' + m.protocol() + '\u0000' + m.fate() + '\u0000'
                + OFFSET.matcher(m.label()).replaceAll("off=");
    }

    /** The rows for {@code messages}, collapsed by the rule above, in time order. */
    static List<Row> collapse(List<MessageEvent> messages) {
        int n = messages.size();
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(messages.get(i));
        }
        List<Row> rows = new ArrayList<>();
        int i = 0;
        while (i < n) {
            int bestPeriod = 0;
            int bestRepeats = 0;
            for (int p = 1; p <= MAX_PERIOD && i + p <= n; p++) {
                int k = 1;
                while (i + (k + 1) * p <= n && samePeriod(keys, i, i + k * p, p)) {
                    k++;
                }
                // the widest cover wins; on a tie the shorter period (found first) stays
                if (k >= MIN_REPEATS && k * p > bestRepeats * bestPeriod) {
                    bestPeriod = p;
                    bestRepeats = k;
                }
            }
            if (bestPeriod == 0) {
                rows.add(new Row(messages.get(i), messages.get(i), 1));
                i++;
                continue;
            }
            for (int q = 0; q < bestPeriod; q++) {
                rows.add(new Row(messages.get(i + q), messages.get(i + (bestRepeats - 1) * bestPeriod + q),
                        bestRepeats));
            }
            i += bestPeriod * bestRepeats;
        }
        return rows;
    }

    private static boolean samePeriod(String[] keys, int a, int b, int p) {
        for (int q = 0; q < p; q++) {
            if (!Objects.equals(keys[a + q], keys[b + q])) {
                return false;
            }
        }
        return true;
    }
}
