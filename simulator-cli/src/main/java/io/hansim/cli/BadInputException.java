package io.hansim.cli;

/** Bad input from the user (a file, an argument): exit code 2 with a one-line message. */
final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }

    BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
