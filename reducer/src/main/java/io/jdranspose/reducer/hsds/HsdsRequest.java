package io.jdranspose.reducer.hsds;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of a GET that the HSDS endpoints look at: decoded path segments, query parameters (first
 * value wins), and the two negotiation headers.
 *
 * @param segments     percent-decoded path segments; empty for {@code /}
 * @param query        URL-decoded query parameters
 * @param wantsBinary  {@code Accept} is exactly {@code application/octet-stream} (HSDS's rule; {@code *}{@code /*}
 *                     and everything else get JSON, which h5web needs)
 * @param gzipAccepted {@code Accept-Encoding} lists gzip without {@code q=0}
 */
record HsdsRequest(List<String> segments, Map<String, String> query, boolean wantsBinary, boolean gzipAccepted) {

    HsdsRequest {
        segments = List.copyOf(segments);
        query = Map.copyOf(query);
    }

    static HsdsRequest of(HttpExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        boolean binary = accept != null && accept.trim().equals(HttpReply.OCTET_STREAM);
        List<String> encodings = exchange.getRequestHeaders().get("Accept-Encoding");
        boolean gzip = encodings != null && encodings.stream().anyMatch(HsdsRequest::listsGzip);
        return new HsdsRequest(segments(exchange.getRequestURI().getRawPath()),
                query(exchange.getRequestURI().getRawQuery()), binary, gzip);
    }

    String param(String name) {
        return query.get(name);
    }

    /** A boolean query flag: HSDS clients send {@code 1}, {@code T} or {@code true}. */
    boolean flag(String name) {
        String v = query.get(name);
        if (v == null) {
            return false;
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        return s.equals("1") || s.equals("t") || s.equals("true") || s.equals("yes");
    }

    int size() {
        return segments.size();
    }

    String segment(int i) {
        return segments.get(i);
    }

    static boolean listsGzip(String header) {
        for (String item : header.split(",")) {
            String[] parts = item.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            if (!coding.equals("gzip") && !coding.equals("x-gzip")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
                if (p.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(p.substring(2)) <= 0;
                    } catch (NumberFormatException e) {
                        refused = true;
                    }
                }
            }
            if (!refused) {
                return true;
            }
        }
        return false;
    }

    /** Splits a raw path into decoded segments; a trailing slash is ignored. */
    static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return out;
        }
        String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        for (String s : p.split("/", -1)) {
            out.add(percentDecode(s));
        }
        return out;
    }

    /**
     * Decodes {@code %XX} escapes as UTF-8. Unlike form decoding, {@code +} stays a plus: in a path it
     * is a literal character of a link or attribute name.
     */
    static String percentDecode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        int i = 0;
        while (i < segment.length()) {
            if (segment.charAt(i) == '%') {
                if (i + 2 >= segment.length()) {
                    throw HsdsException.badRequest("malformed percent escape in path segment '" + segment + "'");
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw HsdsException.badRequest("malformed percent escape in path segment '" + segment + "'");
                }
                bytes.write(hi << 4 | lo);
                i += 3;
            } else {
                int end = segment.indexOf('%', i);
                end = end < 0 ? segment.length() : end;
                byte[] b = segment.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                i = end;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw HsdsException.badRequest("malformed query parameter '" + pair + "'");
            }
        }
        return out;
    }
}
