package io.hansim.cli.scenario;

/**
 * Where something was written in a scenario file: 1-based line and column, as editors show them.
 * Every model record carries one so that a failed expectation or a validation problem can name
 * {@code file:line:column} (DESIGN.md §5).
 *
 * @param file   the file name as given to the loader (may be a display name such as {@code <string>})
 * @param line   1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
public record Position(String file, int line, int column) {

    public Position {
        file = file == null ? "<unknown>" : file;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
