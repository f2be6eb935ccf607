package io.jdranspose.api.testdata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * JSON inputs for tests that compare a reader with Jackson databind: tricky but valid JSON, JSON Jackson refuses,
 * and random mutations of them, with a rendering of results that shows what {@code equals} would not compare.
 */
public final class JsonSamples {
    private JsonSamples() {
    }

    public static final List<String> TRICKY = List.of(
            "{}", " {} ", "\n\t{ \"a\" : 1 ,\r\n\"b\":[ ] }\r\n", "{\"\":\"\"}",
            "{\"htype\":\"image\",\"frame\":17,\"shape\":[2048],\"type\":\"uint8\",\"compression\":\"none\","
                    + "\"msg_number\":18,\"sent_ns\":123456789}",
            "{\"a\":{\"b\":[1,[2,{\"c\":null}],{}],\"d\":{}},\"e\":[],\"f\":[[]],\"g\":{\"h\":{\"i\":{}}}}",
            "{\"t\":true,\"f\":false,\"n\":null,\"l\":[true,false,null]}",
            "{\"\\u00e9t\\u00E9\":\"\\ud83d\\ude00 \\u0000 \\n\\\"\\\\\\/\\b\\f\\r\\t\",\"\u00f1\":\"\u65e5\u672c\"}",
            "{\"lone\":\"\\ud800\",\"low\":\"\\udc00x\"}",
            "{\"i\":2147483647,\"j\":2147483648,\"k\":-2147483648,\"l\":-2147483649}",
            "{\"i\":9223372036854775807,\"j\":9223372036854775808,\"k\":-9223372036854775808,"
                    + "\"l\":-9223372036854775809,\"m\":123456789012345678901234567890,\"n\":[99999999999999999999]}",
            "{\"z\":-0,\"y\":-0.0,\"x\":0.0,\"w\":0,\"v\":[-0,-0.0,0e0,-0e-0]}",
            "{\"a\":1e2,\"b\":1E+2,\"c\":1e-2,\"d\":-1.5e-300,\"e\":1e400,\"f\":-1e400,\"g\":4.9e-324,\"h\":1e-400,"
                    + "\"i\":0.1,\"j\":1.7976931348623157e308,\"k\":123456789012345678901234567890.5,\"l\":1.0}",
            "{\"a\":1,\"b\":2,\"a\":3}", "{\"x\":{\"a\":1,\"a\":[2],\"b\":0,\"a\":{}}}", "{\"a\":null,\"a\":1}",
            "{\"a\":1,\"a\":null}", "{\"a\":[{\"k\":1,\"k\":2}]}",
            "{\"a\":1}xyz", "{\"a\":1}}", "{\"a\":1} {\"b\":2}", "{\"a\":1}\u0000", "{}]", "{}\n\n", "{}null",
            "", "   ", "null", "null x", " null ", "[]", "[{}]", "[1]", "\"str\"", "\"\"", "1", "-1.5", "true", "false",
            "{", "{\"a\"", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}", "{'a':1}", "{a:1}", "{\"a\":NaN}",
            "{\"a\":Infinity}", "{\"a\":-Infinity}", "NaN", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}",
            "{\"a\":\"\u0001\"}", "{\"a\":\"\\q\"}", "{\"a\":\"\\u12\"}", "{\"a\":tru}", "{\"a\":nul}",
            "{\"a\":[1,2}", "{\"a\":1]", "{\"a\":[1,]}", "{\"a\":[,1]}", "/* c */{}", "{\"a\":1}//", "# x\n{}",
            "\ufeff{\"a\":1}", "{\"a\":\"unterminated}", "{\"a\":1 \"b\":2}", "{\"a\" 1}", "{{}}", "{[]}", "{1:2}",
            "{\"a\":1e}", "{\"a\":1e+}", "{\"a\":-}", "{\"a\":0x10}", "{\"a\":1_000}", "{\"a\":\"\\u0041\"}",
            "{\"deep\":" + "[".repeat(999) + "]".repeat(999) + "}",
            "{\"deep\":" + "[".repeat(1000) + "]".repeat(1000) + "}",
            "{\"deep\":" + "{\"a\":".repeat(998) + "1" + "}".repeat(998) + "}",
            "{\"long\":" + "9".repeat(1000) + "}", "{\"long\":" + "9".repeat(1001) + "}",
            "{\"long\":1." + "5".repeat(998) + "}", "{\"long\":1." + "5".repeat(1100) + "}",
            "{\"s\":\"" + "x".repeat(4096) + "\"}", "{\"s\":\"" + "x".repeat(4097) + "\"}",
            "{\"" + "k".repeat(33) + "\":\"" + "v".repeat(32) + "\"}", "{\"f\":1.25,\"g\":-3.5e-7,\"h\":2E10}",
            "{\"deep\":" + "[".repeat(31) + "]".repeat(31) + "}", "{\"deep\":" + "[".repeat(32) + "]".repeat(32) + "}",
            "{\"del\":\"\u007f~ !\"}", "{\"ff\":1}\f", "\f{}", "{\"a\":1\f}",
            "[]", "[1,\"a\",{\"b\":[true]}]", " [ {\"event_number\" : 5 , \"assignments\":{\"s\":[\"w\"]}} ] x",
            "[1,]", "[", "[{\"a\":1}");


    /**
     * {@code count} inputs made from the seeds by cutting, overwriting, inserting or deleting one byte, often a
     * JSON punctuation character: mostly bad JSON close to good JSON, where readers disagree when they do.
     */
    public static List<byte[]> mutations(List<String> seeds, int count, long randomSeed) {
        Random random = new Random(randomSeed);
        List<byte[]> usable = seeds.stream().map(s -> s.getBytes(StandardCharsets.UTF_8))
                .filter(b -> b.length > 0 && b.length <= 300).toList();
        byte[] punctuation = "{}[]\":,.-+eE0159 \\u\"ntf".getBytes(StandardCharsets.US_ASCII);
        List<byte[]> mutated = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            byte[] seed = usable.get(random.nextInt(usable.size()));
            int at = random.nextInt(seed.length);
            byte b = random.nextBoolean() ? punctuation[random.nextInt(punctuation.length)] : (byte) random.nextInt();
            mutated.add(switch (random.nextInt(4)) {
                case 0 -> Arrays.copyOf(seed, at);
                case 1 -> {
                    byte[] m = seed.clone();
                    m[at] = b;
                    yield m;
                }
                case 2 -> {
                    byte[] m = new byte[seed.length + 1];
                    System.arraycopy(seed, 0, m, 0, at);
                    m[at] = b;
                    System.arraycopy(seed, at, m, at + 1, seed.length - at);
                    yield m;
                }
                default -> {
                    byte[] m = new byte[seed.length - 1];
                    System.arraycopy(seed, 0, m, 0, at);
                    System.arraycopy(seed, at + 1, m, at, seed.length - at - 1);
                    yield m;
                }
            });
        }
        return mutated;
    }

    /** The value with the class of every part and the order of every map, which equals() would not compare. */
    public static String typed(Object v) {
        return switch (v) {
            case null -> "null";
            case Map<?, ?> m -> m.getClass().getSimpleName() + m.entrySet().stream()
                    .map(e -> typed(e.getKey()) + ": " + typed(e.getValue())).collect(Collectors.joining(", ", "{", "}"));
            case List<?> l -> l.getClass().getSimpleName() + l.stream().map(JsonSamples::typed)
                    .collect(Collectors.joining(", ", "[", "]"));
            case String s -> "String(" + s.length() + ")" + s;
            default -> v.getClass().getSimpleName() + " " + v;
        };
    }
}
