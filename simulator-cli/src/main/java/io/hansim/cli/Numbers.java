package io.hansim.cli;

import picocli.CommandLine;

/** Parses numbers the way firmware people write them: {@code 0x121D}, {@code 121Dh} or decimal. */
final class Numbers {
    private Numbers() {}

    static long parse(String text, long max, String what) {
        String t = text.trim().replace("_", "");
        long v;
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                v = Long.parseUnsignedLong(t.substring(2), 16);
            } else if (t.endsWith("h") || t.endsWith("H")) {
                v = Long.parseUnsignedLong(t.substring(0, t.length() - 1), 16);
            } else {
                v = Long.parseLong(t);
            }
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + text + "' is not a number for " + what + " (use decimal or 0x-prefixed hex)");
        }
        if (v < 0 || Long.compareUnsigned(v, max) > 0) {
            throw new CommandLine.TypeConversionException(String.format(
                    "%s %s is out of range 0..0x%X", what, text, max));
        }
        return v;
    }

    /** picocli converter for 16-bit fields. */
    static final class U16 implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) parse(value, 0xFFFF, "16-bit value");
        }
    }

    /** picocli converter for 8-bit fields. */
    static final class U8 implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) parse(value, 0xFF, "8-bit value");
        }
    }

    /** picocli converter for 32-bit fields. */
    static final class U32 implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parse(value, 0xFFFF_FFFFL, "32-bit value");
        }
    }

    /**
     * picocli converter for seeds: 0..2⁶³−1, the range a scenario or fleet file's {@code seed} takes,
     * so {@code --seed -1} is refused on the command line as it is in a file (issue 14 item 7,
     * decision 0016).
     */
    static final class Seed implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String t = value.trim();
            if (t.startsWith("-")) {
                throw new CommandLine.TypeConversionException("seed " + value
                        + " is negative; a seed is 0.." + Long.MAX_VALUE + ", as in a scenario file");
            }
            return parse(value, Long.MAX_VALUE, "seed");
        }
    }

    /** picocli converter for EUI-64 addresses: 16 hex digits, separators allowed. */
    static final class Eui64 implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String hex = value.replace(":", "").replace("-", "").replace(" ", "");
            if (hex.startsWith("0x") || hex.startsWith("0X")) {
                hex = hex.substring(2);
            }
            if (hex.length() != 16) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not an EUI-64 (16 hex digits, most significant first)");
            }
            try {
                return Long.parseUnsignedLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an EUI-64");
            }
        }
    }
}
