package io.jdranspose.api.pickle;

import io.jdranspose.api.NdArray;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safe decoder for the Python pickles detectors and scan software send (protocols 0 to 5 without
 * out-of-band buffers). Unlike Python's {@code pickle.loads} it never runs or instantiates anything: the
 * only globals it accepts are the few numpy, collections and codecs callables that rebuild arrays,
 * ordered dicts and bytes ({@link #ALLOWED_GLOBALS}); any other global, {@code INST}/{@code OBJ},
 * persistent ids and extension codes fail with a {@link PickleException} naming the opcode or global.
 *
 * <p>Python values map to Java as: {@code None} → {@code null}, {@code bool} → {@link Boolean},
 * {@code int} → {@link Long} (or {@link BigInteger} beyond 64 bits), {@code float} → {@link Double},
 * {@code str} → {@link String}, {@code bytes}/{@code bytearray} → {@code byte[]}, {@code list} → mutable
 * {@link List}, {@code tuple} → unmodifiable {@link List}, {@code dict}/{@code OrderedDict} →
 * {@link LinkedHashMap} in insertion order, numpy arrays → {@link NdArray} (C order, dtype and byte order
 * from the pickle), numpy scalars → {@link Double}, {@link Long} or {@link Boolean}.
 *
 * <pre>{@code
 * Map<?, ?> point = (Map<?, ?>) PickleReader.read(frames.get(0));
 * double sx = (Double) point.get("sx");
 * NdArray x = (NdArray) ((Map<?, ?>) point.get("pseudo")).get("x");
 * }</pre>
 *
 * <p>Not supported (refused with a message): sets, protocol 0 quoted text ({@code STRING}/{@code UNICODE}),
 * out-of-band buffers, Fortran-order multi-dimensional arrays, structured and object dtypes, and dict keys
 * other than str, int, float, bool, None or short tuples of those.
 *
 * <p>Hostile input is bounded: lengths are checked against the bytes left, containers nest at most
 * {@link #MAX_DEPTH} deep, recursive structures are refused, and copies made while decoding are limited
 * to a few times the input size, so decoding takes time and memory linear in the input.
 */
public final class PickleReader {
    /** Deepest nesting of lists, tuples and dicts accepted. */
    public static final int MAX_DEPTH = 100;

    /** The Python callables a pickle may name ({@code module.name}); everything else is refused. */
    public static final List<String> ALLOWED_GLOBALS = List.of(Callee.names());

    /** Longest str accepted, in UTF-8 bytes; bytes (array data) are only bounded by the input. */
    public static final int MAX_STRING_BYTES = 64 << 20;

    /** Python ints beyond this many bytes (8192 bits) are refused: no detector sends them, and parsing is quadratic. */
    static final int MAX_INT_BYTES = 1024;

    private static final int MAX_DICT_KEY_TUPLE = 16;
    private static final Object MARK_NONE = new Object();

    private final PickleInput in;
    private final ArrayList<Object> stack = new ArrayList<>();
    private int[] marks = new int[16];
    private int markCount;
    private final Map<Long, Object> memo = new HashMap<>();
    /** Depth and mutability of every list, tuple and dict made so far, by identity. */
    private final IdentityHashMap<Object, Container> containers = new IdentityHashMap<>();
    private long copyBudget;

    private PickleReader(byte[] pickle) {
        this.in = new PickleInput(pickle);
        this.copyBudget = 4L * pickle.length + 65536;
    }

    /**
     * Decodes one pickle.
     *
     * @return the unpickled value in the Java model described above
     * @throws PickleException when the pickle is malformed, truncated, too deep, or names a callable outside
     *                         {@link #ALLOWED_GLOBALS}
     */
    public static Object read(byte[] pickle) {
        if (pickle == null) {
            throw new PickleException("no data", 0);
        }
        return new PickleReader(pickle).run();
    }

    private Object run() {
        while (true) {
            in.startOpcode();
            int op = in.u8("opcode");
            switch (op) {
                case '.' -> {
                    return plain(pop(), "the pickled value");
                }
                case 0x80 -> {
                    int version = in.u8("PROTO");
                    if (version > 5) {
                        throw error("PROTO " + version + " is newer than the protocols this reader knows (0 to 5)");
                    }
                }
                case 0x95 -> {
                    long frame = in.i64("FRAME");
                    if (frame < 0) {
                        throw error("FRAME with negative length " + frame);
                    }
                }
                case '(' -> mark();
                case '0' -> pop();
                case '1' -> popMark();
                case '2' -> push(peek());
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'J' -> push((long) in.i32("BININT"));
                case 'K' -> push((long) in.u8("BININT1"));
                case 'M' -> push((long) in.u16("BININT2"));
                case 0x8a -> push(longFromBytes(in.bytes(in.u8("LONG1"), "LONG1")));
                case 0x8b -> {
                    long n = in.i32("LONG4");
                    if (n < 0 || n > MAX_INT_BYTES) {
                        throw error("LONG4 of " + n + " bytes (at most " + MAX_INT_BYTES + " accepted)");
                    }
                    push(longFromBytes(in.bytes(n, "LONG4")));
                }
                case 'I' -> push(textInt(in.line("INT")));
                case 'L' -> {
                    String s = in.line("LONG");
                    push(textInt(s.endsWith("L") ? s.substring(0, s.length() - 1) : s));
                }
                case 'F' -> push(textFloat(in.line("FLOAT")));
                case 'G' -> push(Double.longBitsToDouble(in.i64be("BINFLOAT")));
                case 'X' -> push(text(in.u32("BINUNICODE"), "BINUNICODE"));
                case 0x8c -> push(text(in.u8("SHORT_BINUNICODE"), "SHORT_BINUNICODE"));
                case 0x8d -> push(text(in.i64("BINUNICODE8"), "BINUNICODE8"));
                case 'B' -> push(in.bytes(in.u32("BINBYTES"), "BINBYTES"));
                case 'C' -> push(in.bytes(in.u8("SHORT_BINBYTES"), "SHORT_BINBYTES"));
                case 0x8e -> push(in.bytes(in.i64("BINBYTES8"), "BINBYTES8"));
                case 0x96 -> push(in.bytes(in.i64("BYTEARRAY8"), "BYTEARRAY8"));
                // Python 2 str: numpy pickled raw array data this way; latin-1 keeps every byte.
                case 'T' -> push(latin1(in.bytes(in.u32("BINSTRING"), "BINSTRING")));
                case 'U' -> push(latin1(in.bytes(in.u8("SHORT_BINSTRING"), "SHORT_BINSTRING")));
                case ']' -> push(newList());
                case 'l' -> {
                    List<Object> items = popMark();
                    List<Object> list = newList();
                    for (Object item : items) {
                        append(list, item);
                    }
                    push(list);
                }
                case '}' -> push(newDict());
                case 'd' -> {
                    List<Object> items = popMark();
                    Map<Object, Object> dict = newDict();
                    setItems(dict, items);
                    push(dict);
                }
                case ')' -> push(tuple(List.of()));
                case 0x85 -> push(tuple(popN(1)));
                case 0x86 -> push(tuple(popN(2)));
                case 0x87 -> push(tuple(popN(3)));
                case 't' -> push(tuple(popMark()));
                case 'a' -> {
                    Object item = pop();
                    append(peek(), item);
                }
                case 'e' -> {
                    List<Object> items = popMark();
                    Object list = peek();
                    for (Object item : items) {
                        append(list, item);
                    }
                }
                case 's' -> {
                    Object value = pop();
                    Object key = pop();
                    setItems(peek(), Arrays.asList(key, value));
                }
                case 'u' -> {
                    List<Object> items = popMark();
                    setItems(peek(), items);
                }
                case 'p' -> memo.put(textLong(in.line("PUT")), peek());
                case 'q' -> memo.put((long) in.u8("BINPUT"), peek());
                case 'r' -> memo.put(in.u32("LONG_BINPUT"), peek());
                case 0x94 -> memo.put((long) memo.size(), peek());
                case 'g' -> push(memoGet(textLong(in.line("GET"))));
                case 'h' -> push(memoGet(in.u8("BINGET")));
                case 'j' -> push(memoGet(in.u32("LONG_BINGET")));
                case 'c' -> {
                    String module = in.line("GLOBAL");
                    String name = in.line("GLOBAL");
                    push(global(module, name, "GLOBAL"));
                }
                case 0x93 -> {
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw error("STACK_GLOBAL needs two str, got " + typeName(module) + " and " + typeName(name));
                    }
                    push(global(m, n, "STACK_GLOBAL"));
                }
                case 'R' -> {
                    Object args = pop();
                    Object callee = pop();
                    push(call(callee, args, "REDUCE"));
                }
                case 0x81 -> {
                    Object args = pop();
                    Object cls = pop();
                    push(newObject(cls, args, "NEWOBJ"));
                }
                case 0x92 -> {
                    Object kwargs = pop();
                    Object args = pop();
                    Object cls = pop();
                    if (!(kwargs instanceof Map<?, ?> m) || !m.isEmpty()) {
                        throw error("NEWOBJ_EX with keyword arguments is not supported");
                    }
                    push(newObject(cls, args, "NEWOBJ_EX"));
                }
                case 'b' -> {
                    Object state = pop();
                    build(peek(), state);
                }
                case 'i' -> throw error("INST opcode would instantiate "
                        + preview(in.line("INST")) + "." + preview(in.line("INST")) + "; refused");
                case 'o' -> throw error("OBJ opcode would instantiate a class; refused");
                case 'P', 'Q' -> throw error((op == 'P' ? "PERSID" : "BINPERSID")
                        + " opcode asks for a persistent object; refused");
                case 0x82, 0x83, 0x84 -> throw error("EXT" + (op == 0x82 ? 1 : op == 0x83 ? 2 : 4)
                        + " opcode names a class through the extension registry; refused");
                case 0x8f, 0x90, 0x91 -> throw error(
                        (op == 0x8f ? "EMPTY_SET" : op == 0x90 ? "ADDITEMS" : "FROZENSET") + ": sets are not supported");
                case 0x97, 0x98 -> throw error((op == 0x97 ? "NEXT_BUFFER" : "READONLY_BUFFER")
                        + ": out-of-band buffers are not supported");
                case 'S', 'V' -> throw error((op == 'S' ? "STRING" : "UNICODE")
                        + " (protocol 0 quoted text) is not supported");
                default -> throw error("unknown opcode 0x" + Integer.toHexString(op));
            }
        }
    }

    // ---- stack ---------------------------------------------------------------------------------------

    private void push(Object value) {
        stack.add(value);
    }

    private int stackBase() {
        return markCount == 0 ? 0 : marks[markCount - 1];
    }

    private Object pop() {
        if (stack.size() <= stackBase()) {
            throw error("stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        if (stack.size() <= stackBase()) {
            throw error("stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popN(int n) {
        if (stack.size() - stackBase() < n) {
            throw error("stack underflow: needs " + n + " items");
        }
        List<Object> top = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
        stack.subList(stack.size() - n, stack.size()).clear();
        return top;
    }

    private void mark() {
        if (markCount == marks.length) {
            marks = Arrays.copyOf(marks, marks.length * 2);
        }
        marks[markCount++] = stack.size();
    }

    private List<Object> popMark() {
        if (markCount == 0) {
            throw error("no MARK on the stack");
        }
        int base = marks[--markCount];
        List<Object> top = new ArrayList<>(stack.subList(base, stack.size()));
        stack.subList(base, stack.size()).clear();
        return top;
    }

    private Object memoGet(long index) {
        Object v = memo.getOrDefault(index, MARK_NONE);
        if (v == MARK_NONE) {
            throw error("memo has no entry " + index);
        }
        return v;
    }

    // ---- containers ------------------------------------------------------------------------------------

    /** Depth of a container and whether it already sits inside another one (then it may not change). */
    private static final class Container {
        int depth = 1;
        boolean sealed;
    }

    private List<Object> newList() {
        List<Object> list = new ArrayList<>();
        containers.put(list, new Container());
        return list;
    }

    private Map<Object, Object> newDict() {
        Map<Object, Object> dict = new LinkedHashMap<>();
        containers.put(dict, new Container());
        return dict;
    }

    private Object tuple(List<Object> items) {
        Object[] values = new Object[items.size()];
        int depth = 1;
        for (int i = 0; i < values.length; i++) {
            Object v = plainOrNull(items.get(i));
            if (v == null && items.get(i) != null) {
                // Tuples of callables and dtypes are arguments and state for REDUCE and BUILD.
                return new RawTuple(items);
            }
            values[i] = v;
            depth = Math.max(depth, enter(v) + 1);
        }
        if (depth > MAX_DEPTH) {
            throw error("containers nest deeper than " + MAX_DEPTH);
        }
        List<Object> tuple = Collections.unmodifiableList(Arrays.asList(values));
        Container c = new Container();
        c.depth = depth;
        c.sealed = true;
        containers.put(tuple, c);
        return tuple;
    }

    /** Marks {@code child} as contained and returns its depth (0 for scalars and arrays). */
    private int enter(Object child) {
        Container c = child == null ? null : containers.get(child);
        if (c == null) {
            return 0;
        }
        c.sealed = true;
        return c.depth;
    }

    private void grow(Object parent, Object child, String what) {
        int childDepth = enter(child);
        Container p = containers.get(parent);
        if (p.sealed) {
            throw error(what + " into a " + typeName(parent)
                    + " that is already inside another container (recursive structures are not supported)");
        }
        p.depth = Math.max(p.depth, childDepth + 1);
        if (p.depth > MAX_DEPTH) {
            throw error("containers nest deeper than " + MAX_DEPTH);
        }
    }

    private void append(Object target, Object item) {
        if (!(target instanceof ArrayList<?>)) {
            throw error("APPEND to a " + typeName(target) + " (only lists accept items)");
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) target;
        Object value = plain(item, "a list item");
        grow(list, value, "APPEND");
        list.add(value);
    }

    private void setItems(Object target, List<Object> keysAndValues) {
        if (!(target instanceof LinkedHashMap<?, ?>)) {
            throw error("SETITEM on a " + typeName(target) + " (only dicts accept items)");
        }
        if (keysAndValues.size() % 2 != 0) {
            throw error("SETITEMS with an odd number of items (" + keysAndValues.size() + ")");
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> dict = (Map<Object, Object>) target;
        for (int i = 0; i < keysAndValues.size(); i += 2) {
            Object key = plain(keysAndValues.get(i), "a dict key");
            checkKey(key);
            Object value = plain(keysAndValues.get(i + 1), "a dict value");
            grow(dict, key, "SETITEM");
            grow(dict, value, "SETITEM");
            dict.put(key, value);
        }
    }

    /** Keys hash on every insert, so only cheap, immutable keys are accepted (as Python only takes hashable ones). */
    private void checkKey(Object key) {
        if (isScalarKey(key)) {
            return;
        }
        if (key instanceof List<?> t && !(key instanceof ArrayList<?>) && t.size() <= MAX_DICT_KEY_TUPLE
                && t.stream().allMatch(PickleReader::isScalarKey)) {
            return;
        }
        throw error("dict key of type " + typeName(key) + " is not supported (str, int, float, bool, None or a short"
                + " tuple of those)");
    }

    private static boolean isScalarKey(Object key) {
        return key == null || key instanceof String || key instanceof Long || key instanceof Double
                || key instanceof Boolean || key instanceof BigInteger b && b.bitLength() <= 8 * MAX_INT_BYTES;
    }

    // ---- values still being built: callables, dtypes, arrays before BUILD ------------------------------

    /** An allow-listed callable. */
    private record Global(Callee callee) {
    }

    /** Arguments or state that hold a callable, a dtype or an unfinished array. */
    private record RawTuple(List<Object> items) {
    }

    private Object plain(Object value, String where) {
        Object v = plainOrNull(value);
        if (v == null && value != null) {
            throw error(describeRaw(value) + " cannot be used as " + where);
        }
        return v;
    }

    /** The value as it appears in results, or null when it is a callable, dtype or unfinished array. */
    private static Object plainOrNull(Object value) {
        if (value instanceof NumpyArray a) {
            return a.array();
        }
        if (value instanceof Global || value instanceof NumpyDType || value instanceof RawTuple) {
            return null;
        }
        return value;
    }

    private static String describeRaw(Object value) {
        return switch (value) {
            case Global g -> "the callable " + g.callee().qualifiedName();
            case NumpyDType d -> "a numpy dtype outside an array";
            case NumpyArray a -> "a numpy array before its state was set (BUILD)";
            case RawTuple t -> "a tuple holding a callable or dtype";
            case null, default -> typeName(value);
        };
    }

    private Object global(String module, String name, String opcode) {
        Callee callee = Callee.of(module + "." + name);
        if (callee == null) {
            throw error(opcode + " '" + preview(module) + "." + preview(name) + "' is not allowed (allowed: "
                    + String.join(", ", ALLOWED_GLOBALS) + ")");
        }
        return new Global(callee);
    }

    private List<Object> arguments(Object args, String opcode, Callee callee) {
        if (args instanceof RawTuple t) {
            return t.items();
        }
        if (args instanceof List<?> l && !(args instanceof ArrayList<?>)) {
            @SuppressWarnings("unchecked")
            List<Object> items = (List<Object>) l;
            return items;
        }
        throw error(opcode + " of " + callee.qualifiedName() + " with " + typeName(args) + " arguments (needs a tuple)");
    }

    private Object call(Object target, Object args, String opcode) {
        if (!(target instanceof Global g)) {
            throw error(opcode + " cannot call a " + typeName(target) + " (only allow-listed globals)");
        }
        Callee callee = g.callee();
        List<Object> a = arguments(args, opcode, callee);
        try {
            return switch (callee) {
                case RECONSTRUCT -> {
                    if (a.isEmpty() || !(a.get(0) instanceof Global cls) || cls.callee() != Callee.NDARRAY) {
                        throw error(callee.qualifiedName() + " only rebuilds numpy.ndarray, got "
                                + (a.isEmpty() ? "no arguments" : describeRaw(a.get(0))));
                    }
                    yield new NumpyArray();
                }
                case DTYPE -> {
                    if (a.isEmpty() || !(a.get(0) instanceof String code)) {
                        throw error("numpy.dtype needs a type code string, got " + a.size() + " arguments");
                    }
                    yield NumpyDType.of(code);
                }
                case SCALAR -> {
                    if (a.size() != 2 || !(a.get(0) instanceof NumpyDType dtype)) {
                        throw error("numpy scalar needs (dtype, bytes), got " + a.size() + " arguments");
                    }
                    yield dtype.scalar(bytesOf(a.get(1), "numpy scalar data"));
                }
                case ORDERED_DICT -> {
                    Map<Object, Object> dict = newDict();
                    if (a.size() == 1 && a.get(0) instanceof List<?> pairs) {
                        for (Object pair : pairs) {
                            if (!(pair instanceof List<?> kv) || kv.size() != 2) {
                                throw error("OrderedDict item is not a (key, value) pair");
                            }
                            setItems(dict, Arrays.asList(kv.get(0), kv.get(1)));
                        }
                    } else if (!a.isEmpty()) {
                        throw error("OrderedDict with " + a.size() + " arguments is not supported");
                    }
                    yield dict;
                }
                case ENCODE -> {
                    if (a.size() != 2 || !(a.get(0) instanceof String text) || !(a.get(1) instanceof String enc)) {
                        throw error("_codecs.encode needs (str, encoding), got " + a.size() + " arguments");
                    }
                    if (!isLatin1(enc)) {
                        throw error("_codecs.encode to '" + preview(enc) + "' is not supported (only latin1)");
                    }
                    yield encodeLatin1(text);
                }
                case BYTEARRAY, BYTES -> {
                    if (a.isEmpty()) {
                        yield new byte[0];
                    }
                    if (a.get(0) instanceof byte[] b && a.size() == 1) {
                        spend(b.length);
                        yield b.clone();
                    }
                    if (a.size() == 2 && a.get(0) instanceof String s && a.get(1) instanceof String enc
                            && isLatin1(enc)) {
                        yield encodeLatin1(s);
                    }
                    throw error(callee.qualifiedName() + " with these arguments is not supported");
                }
                case NDARRAY -> throw error(opcode + " of numpy.ndarray directly is not supported (only through "
                        + Callee.RECONSTRUCT.qualifiedName() + ")");
            };
        } catch (NumpyFormatException e) {
            throw error(e.getMessage());
        }
    }

    private Object newObject(Object cls, Object args, String opcode) {
        if (cls instanceof Global g && g.callee() == Callee.ORDERED_DICT && arguments(args, opcode, g.callee()).isEmpty()) {
            return newDict();
        }
        throw error(opcode + " of " + describeRaw(cls) + " is not supported");
    }

    private void build(Object target, Object state) {
        List<Object> items = state instanceof RawTuple t ? t.items()
                : state instanceof List<?> l && !(state instanceof ArrayList<?>) ? castList(l) : null;
        try {
            switch (target) {
                case NumpyDType dtype when items != null -> dtype.setState(items);
                case NumpyArray array when items != null -> {
                    NumpyArray.State s = array.state(items);
                    array.build(s, bytesOf(s.data(), "numpy array data"));
                }
                case null, default -> throw error("BUILD of " + describeRaw(target) + " with " + typeName(state)
                        + " state is not supported (it would set object attributes)");
            }
        } catch (NumpyFormatException e) {
            throw error(e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(List<?> l) {
        return (List<Object>) l;
    }

    private byte[] bytesOf(Object data, String what) {
        if (data instanceof byte[] b) {
            return b;
        }
        if (data instanceof String s) {
            return encodeLatin1(s);
        }
        throw error(what + " is a " + typeName(data) + ", not bytes");
    }

    private static boolean isLatin1(String encoding) {
        return switch (encoding.toLowerCase(java.util.Locale.ROOT)) {
            case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "l1" -> true;
            default -> false;
        };
    }

    private byte[] encodeLatin1(String text) {
        spend(text.length());
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                throw error("text to encode as latin1 has character U+" + Integer.toHexString(c) + " at " + i);
            }
            out[i] = (byte) c;
        }
        return out;
    }

    private void spend(long bytes) {
        copyBudget -= bytes;
        if (copyBudget < 0) {
            throw error("decoding would copy more than four times the pickle's size (memo reuse?)");
        }
    }

    // ---- scalars ------------------------------------------------------------------------------------

    private Object longFromBytes(byte[] littleEndian) {
        if (littleEndian.length == 0) {
            return 0L;
        }
        byte[] big = new byte[littleEndian.length];
        for (int i = 0; i < big.length; i++) {
            big[i] = littleEndian[big.length - 1 - i];
        }
        return small(new BigInteger(big));
    }

    private static Object small(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private Object textInt(String s) {
        if (s.equals("00")) {
            return Boolean.FALSE;
        }
        if (s.equals("01")) {
            return Boolean.TRUE;
        }
        if (s.length() > 2 * MAX_INT_BYTES) {
            throw error("INT/LONG text of " + s.length() + " digits is too long");
        }
        try {
            return small(new BigInteger(s.strip()));
        } catch (NumberFormatException e) {
            throw error("INT/LONG text '" + preview(s) + "' is not an integer");
        }
    }

    private long textLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw error("memo index '" + preview(s) + "' is not an integer");
        }
    }

    private Object textFloat(String s) {
        String t = s.strip().toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "nan", "-nan" -> {
                return Double.NaN;
            }
            case "inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                if (t.length() > 400 || !t.matches("[-+]?[0-9.]+(e[-+]?[0-9]+)?")) {
                    throw error("FLOAT text '" + preview(s) + "' is not a number");
                }
                try {
                    return Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw error("FLOAT text '" + preview(s) + "' is not a number");
                }
            }
        }
    }

    private String text(long length, String opcode) {
        if (length > MAX_STRING_BYTES) {
            throw error(opcode + " of " + length + " bytes (str of at most " + MAX_STRING_BYTES + " bytes accepted)");
        }
        return new String(in.bytes(length, opcode), StandardCharsets.UTF_8);
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    // ---- messages -----------------------------------------------------------------------------------

    private PickleException error(String message) {
        return new PickleException(message, in.opcodeOffset());
    }

    static String typeName(Object v) {
        return switch (v) {
            case null -> "None";
            case Boolean b -> "bool";
            case Long l -> "int";
            case BigInteger b -> "int";
            case Double d -> "float";
            case String s -> "str";
            case byte[] b -> "bytes";
            case ArrayList<?> l -> "list";
            case List<?> l -> "tuple";
            case Map<?, ?> m -> "dict";
            case NdArray a -> "numpy array";
            case NumpyArray a -> "numpy array";
            case NumpyDType d -> "numpy dtype";
            case Global g -> g.callee().qualifiedName();
            case RawTuple t -> "tuple";
            default -> v.getClass().getSimpleName();
        };
    }

    static String preview(String s) {
        String p = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return p.replaceAll("\\p{Cntrl}", "?");
    }
}
