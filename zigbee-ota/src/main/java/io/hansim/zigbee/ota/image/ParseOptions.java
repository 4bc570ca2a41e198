package io.hansim.zigbee.ota.image;

import java.util.Objects;

/**
 * How {@link OtaImageParser} reads a file.
 *
 * @param unwrap accept a prefix before the upgrade file identifier (IKEA signed containers,
 *               Legrand's 4 bytes, a tar file): {@link FindingCode#PREFIX} becomes a WARNING
 *               instead of an ERROR. The parser searches for the identifier either way, so the
 *               report always describes the image (corpora.md §3 "Derived rules").
 * @param telink how to read tag 0xF000
 * @param format what follows the header
 */
public record ParseOptions(boolean unwrap, TelinkMode telink, ImageFormat format) {

    private static final ParseOptions DEFAULTS = new ParseOptions(false, TelinkMode.AUTO, ImageFormat.AUTO);

    public ParseOptions {
        Objects.requireNonNull(telink, "telink");
        Objects.requireNonNull(format, "format");
    }

    /** Strict: identifier required at offset 0, Telink and GB forms only when the bytes prove them. */
    public static ParseOptions defaults() {
        return DEFAULTS;
    }

    public ParseOptions withUnwrap(boolean value) {
        return new ParseOptions(value, telink, format);
    }

    public ParseOptions withTelink(TelinkMode value) {
        return new ParseOptions(unwrap, value, format);
    }

    public ParseOptions withFormat(ImageFormat value) {
        return new ParseOptions(unwrap, telink, value);
    }
}
