package io.jdranspose.runtime.control;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the reports that arrive for every batch of events, {@code done} and {@code reduced}, with the
 * streaming parser: the controller decodes one per 64 events, and databind with polymorphic type
 * handling costs several times more. Only the plain form the components write is read here ({@code
 * "type"} first, values of the expected JSON types); for anything else, including every malformed input,
 * it gives up and {@link Report#fromJson} lets databind decide, so results and error messages stay
 * databind's.
 */
final class ReportParser {

    private static final JsonFactory FACTORY = ControlJson.MAPPER.getFactory();

    private ReportParser() {
    }

    /** The report, or null if it is not a plain done or reduced report. */
    static Report tryParse(byte[] json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME
                    || !"type".equals(parser.currentName()) || parser.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            return switch (parser.getText()) {
                case "done" -> done(parser);
                case "reduced" -> reduced(parser);
                default -> null;
            };
        } catch (IOException | RuntimeException e) {
            return null; // databind reads it again and reports what is wrong in its words
        }
    }

    private static Report done(JsonParser parser) throws IOException {
        String worker = null;
        List<Long> completed = null;
        List<Boolean> hasResult = null;
        Report.WorkerTimes times = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "worker" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        worker = parser.getText();
                    } else if (value == JsonToken.VALUE_NULL) {
                        worker = null;
                    } else {
                        return null;
                    }
                }
                case "completed" -> {
                    completed = longs(parser);
                    if (completed == null) {
                        return null;
                    }
                }
                case "has_result" -> {
                    hasResult = booleans(parser);
                    if (hasResult == null) {
                        return null;
                    }
                }
                case "times" -> {
                    if (value == JsonToken.VALUE_NULL) {
                        times = null;
                    } else {
                        times = times(parser);
                        if (times == null) {
                            return null;
                        }
                    }
                }
                default -> parser.skipChildren(); // unknown fields are ignored, as by databind
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT || completed == null || hasResult == null) {
            return null;
        }
        return new Report.Done(worker, completed, hasResult, times);
    }

    private static Report reduced(JsonParser parser) throws IOException {
        Map<String, List<Long>> results = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!field.equals("results")) {
                parser.skipChildren();
                continue;
            }
            if (value == JsonToken.VALUE_NULL) {
                results = null;
                continue;
            }
            if (value != JsonToken.START_OBJECT) {
                return null;
            }
            results = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String worker = parser.currentName();
                parser.nextToken();
                List<Long> events = longs(parser);
                if (events == null) {
                    return null;
                }
                results.put(worker, events);
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            return null;
        }
        return new Report.Reduced(results);
    }

    /** A JSON list of integers that fit a long, the parser on its start; null for anything else. */
    private static List<Long> longs(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            return null;
        }
        var values = new ArrayList<Long>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.VALUE_NUMBER_INT) {
            if (!fitsLong(parser)) {
                return null;
            }
            values.add(parser.getLongValue());
        }
        return token == JsonToken.END_ARRAY ? values : null;
    }

    private static List<Boolean> booleans(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            return null;
        }
        var values = new ArrayList<Boolean>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            values.add(token == JsonToken.VALUE_TRUE);
        }
        return token == JsonToken.END_ARRAY ? values : null;
    }

    /** {@link Report.WorkerTimes}; a missing field is 0 as with databind. */
    private static Report.WorkerTimes times(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        double getAssignments = 0;
        double getMessages = 0;
        double assembleEvent = 0;
        double customCode = 0;
        double sendResult = 0;
        long noEvents = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("no_events")) {
                if (value != JsonToken.VALUE_NUMBER_INT || !fitsLong(parser)) {
                    return null;
                }
                noEvents = parser.getLongValue();
                continue;
            }
            boolean known = switch (field) {
                case "get_assignments", "get_messages", "assemble_event", "custom_code", "send_result" -> true;
                default -> false;
            };
            if (!known) {
                parser.skipChildren();
                continue;
            }
            if (value != JsonToken.VALUE_NUMBER_FLOAT && value != JsonToken.VALUE_NUMBER_INT) {
                return null;
            }
            double seconds = parser.getDoubleValue();
            switch (field) {
                case "get_assignments" -> getAssignments = seconds;
                case "get_messages" -> getMessages = seconds;
                case "assemble_event" -> assembleEvent = seconds;
                case "custom_code" -> customCode = seconds;
                default -> sendResult = seconds;
            }
        }
        return new Report.WorkerTimes(getAssignments, getMessages, assembleEvent, customCode, sendResult, noEvents);
    }

    private static boolean fitsLong(JsonParser parser) throws IOException {
        JsonParser.NumberType type = parser.getNumberType();
        return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
    }
}
