package io.hansim.cli.scenario;

/**
 * Where something was written in a scenario file: 1-based line and column, as editors show them.
 * Every model record carries one so that a failed expectation or a validation problem can name
 * {@code file:line:column} (DESIGN.md §5).
 *
 * @param file   the file name as given to the loader (may be a display name such as {@code <string>})
 * @param line   1-based line, 0 when unknown or when the problem is the file as a whole
 * @param column 1-based column, 0 when unknown
 */
public record Position(String file, int line, int column) {

    public Position {
        file = file == null ? "<unknown>" : file;
    }

    @Override
    public String toString() {
        // A problem with the file as a whole (unreadable, not UTF-8, too large) names the file
        // without a made-up position such as 0:0 (issue 14 item 7).
        if (line <= 0) {
            return file;
        }
        return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
