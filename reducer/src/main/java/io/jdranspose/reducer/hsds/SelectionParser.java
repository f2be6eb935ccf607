package io.jdranspose.reducer.hsds;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses HSDS's {@code select} query parameter against an array shape. Grammar: {@code [dim,dim,...]}
 * with one dim per array dimension, each {@code :}, {@code a:b}, {@code a:b:s} (empty {@code a} = 0,
 * empty {@code b} = extent), a bare index {@code i} (dimension kept with size 1) or a coordinate list
 * {@code [i,j,k]}. Whitespace is ignored. The value must already be URL-decoded.
 *
 * <p>Unlike HSDS, an empty slice {@code a:a} is accepted (it reads nothing) rather than rejected; every
 * index beyond the extent is still an error. Negative indices are invalid on the wire because clients
 * resolve them first.
 */
final class SelectionParser {
    private SelectionParser() {
    }

    /**
     * @param text  the decoded {@code select} value, or {@code null} for "everything"
     * @param shape the array's shape (empty for a scalar)
     * @throws HsdsException 400 naming what is wrong
     */
    static Selection parse(String text, long[] shape) {
        if (text == null) {
            return Selection.all(shape);
        }
        String s = stripWhitespace(text);
        if (s.isEmpty()) {
            return Selection.all(shape);
        }
        if (s.startsWith("[")) {
            if (!s.endsWith("]")) {
                throw bad(text, "missing closing ']'");
            }
            s = s.substring(1, s.length() - 1);
        }
        List<String> dimTexts = splitTopLevel(text, s);
        if (dimTexts.size() != shape.length) {
            throw bad(text, "it has " + dimTexts.size() + " dimension(s) but the dataset has rank " + shape.length);
        }
        List<Selection.Dim> dims = new ArrayList<>(shape.length);
        for (int d = 0; d < shape.length; d++) {
            dims.add(parseDim(text, d, dimTexts.get(d), shape[d]));
        }
        return new Selection(dims);
    }

    private static String stripWhitespace(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Splits on commas that are not inside a coordinate list. */
    private static List<String> splitTopLevel(String original, String s) {
        List<String> parts = new ArrayList<>();
        if (s.isEmpty()) {
            return parts;
        }
        int depth = 0;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                if (++depth > 1) {
                    throw bad(original, "nested brackets");
                }
            } else if (c == ']') {
                if (--depth < 0) {
                    throw bad(original, "unbalanced ']'");
                }
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(from, i));
                from = i + 1;
            }
        }
        if (depth != 0) {
            throw bad(original, "unbalanced '['");
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static Selection.Dim parseDim(String original, int d, String dim, long extent) {
        if (dim.isEmpty()) {
            throw bad(original, "dimension " + d + " is empty");
        }
        if (dim.startsWith("[")) {
            return parseCoordinates(original, d, dim, extent);
        }
        if (dim.indexOf(':') < 0) {
            long i = number(original, d, dim, "index");
            if (i >= extent) {
                throw bad(original, "index " + i + " in dimension " + d + " is out of range for extent " + extent);
            }
            return new Selection.Slice((int) i, (int) i + 1, 1);
        }
        String[] parts = dim.split(":", -1);
        if (parts.length > 3) {
            throw bad(original, "dimension " + d + " '" + dim + "' has more than start:stop:step");
        }
        long start = parts[0].isEmpty() ? 0 : number(original, d, parts[0], "start");
        long stop = parts[1].isEmpty() ? extent : number(original, d, parts[1], "stop");
        long step = parts.length < 3 || parts[2].isEmpty() ? 1 : number(original, d, parts[2], "step");
        if (step < 1) {
            throw bad(original, "step " + step + " in dimension " + d + " must be at least 1");
        }
        if (stop > extent) {
            throw bad(original, "stop " + stop + " in dimension " + d + " is beyond the extent " + extent);
        }
        if (start > stop) {
            throw bad(original, "start " + start + " is after stop " + stop + " in dimension " + d);
        }
        return new Selection.Slice((int) start, (int) stop, (int) Math.min(step, Integer.MAX_VALUE));
    }

    private static Selection.Dim parseCoordinates(String original, int d, String dim, long extent) {
        if (!dim.endsWith("]")) {
            throw bad(original, "coordinate list in dimension " + d + " is not closed");
        }
        String inner = dim.substring(1, dim.length() - 1);
        if (inner.isEmpty()) {
            throw bad(original, "empty coordinate list in dimension " + d);
        }
        String[] items = inner.split(",", -1);
        int[] coordinates = new int[items.length];
        for (int k = 0; k < items.length; k++) {
            long c = number(original, d, items[k], "coordinate");
            if (c >= extent) {
                throw bad(original, "coordinate " + c + " in dimension " + d + " is out of range for extent " + extent);
            }
            coordinates[k] = (int) c;
        }
        return new Selection.Points(coordinates);
    }

    private static long number(String original, int d, String text, String what) {
        if (text.startsWith("-")) {
            throw bad(original, "negative " + what + " " + text + " in dimension " + d
                    + " (clients resolve negative indices before sending)");
        }
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(original, what + " '" + text + "' in dimension " + d + " is not a non-negative integer");
        }
        return Long.parseLong(text);
    }

    private static HsdsException bad(String original, String why) {
        return HsdsException.badRequest("invalid select '" + original + "': " + why);
    }
}
