package io.hansim.cli.report;

/** Escaping shared by the XML and HTML writers. */
final class Xml {
    private Xml() {
    }

    /**
     * Text safe in XML 1.0 / HTML element content and in double- or single-quoted attributes:
     * {@code & < > " '} become entities; characters XML 1.0 forbids (C0 controls other than tab, line
     * feed and carriage return, lone surrogates, U+FFFE/U+FFFF) become U+FFFD, since no escape can
     * carry them and CI servers reject a report that contains them.
     */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                // as references, so line breaks survive in attribute values (XML 1.0 §3.3.3 normalises raw ones)
                case '\n' -> sb.append("&#10;");
                case '\r' -> sb.append("&#13;");
                case '\t' -> sb.append("&#9;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c)
                            || c == 0xFFFE || c == 0xFFFF) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
