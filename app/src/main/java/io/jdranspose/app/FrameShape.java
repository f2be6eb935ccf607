package io.jdranspose.app;

import picocli.CommandLine;

/** A detector frame size written {@code ROWSxCOLS}, e.g. {@code 1024x1024}. */
record FrameShape(int rows, int cols) {
    static final class Converter implements CommandLine.ITypeConverter<FrameShape> {
        @Override
        public FrameShape convert(String text) {
            String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
            try {
                if (parts.length == 2) {
                    int rows = Integer.parseInt(parts[0].trim());
                    int cols = Integer.parseInt(parts[1].trim());
                    if (rows > 0 && cols > 0 && (long) rows * cols <= 64L << 20) {
                        return new FrameShape(rows, cols);
                    }
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new CommandLine.TypeConversionException("'" + text
                    + "' is not a frame shape ROWSxCOLS with positive sizes and at most 64 Mi pixels, e.g. 1024x1024");
        }
    }
}
