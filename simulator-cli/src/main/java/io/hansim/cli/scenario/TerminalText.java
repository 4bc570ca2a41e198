package io.hansim.cli.scenario;

/**
 * User text (scenario names, ids, file names, quoted values) made safe to print on a terminal
 * (issue 14 item 7): control characters that a terminal would obey - C0 and C1 controls (ANSI
 * escape sequences start with ESC, U+001B, or CSI, U+009B), DEL, the bidirectional controls
 * (U+202E RIGHT-TO-LEFT OVERRIDE and its kin, which reorder what is shown) and lone surrogates -
 * are shown as {@code \\uXXXX}, a line feed as {@code \\n}. Everything else, non-Latin letters
 * included, is printed as it is.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** {@code s} on one line with every control shown escaped; null is "". */
    public static String escape(String s) {
        return escape(s, false);
    }

    /** As {@link #escape(String)}, but line feeds are kept when {@code keepNewlines}. */
    public static String escape(String s, boolean keepNewlines) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean unsafe = c == '\n' ? !keepNewlines : isControl(c) || Character.isSurrogate(c) && !validPair(s, i);
            if (unsafe && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (!unsafe) {
                    b.append(c);
                } else if (c == '\n') {
                    b.append("\\n");
                } else {
                    b.append(String.format("\\u%04X", (int) c));
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** C0 (but not a line feed, handled apart), DEL, C1, and the Unicode bidirectional formatting controls. */
    static boolean isControl(char c) {
        return c < 0x20 && c != '\n' || c >= 0x7F && c <= 0x9F
                || c == '\u061C' || c == '\u200E' || c == '\u200F'
                || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
    }

    private static boolean validPair(String m, int i) {
        char c = m.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < m.length() && Character.isLowSurrogate(m.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(m.charAt(i - 1));
    }
}
