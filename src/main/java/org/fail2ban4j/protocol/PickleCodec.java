package org.fail2ban4j.protocol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.IObjectPickler;
import net.razorvine.pickle.InvalidOpcodeException;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Pickler;
import net.razorvine.pickle.Unpickler;

/**
 * Port of the pickling in {@code fail2ban/client/csocket.py:CSocket} and {@code fail2ban/server/asyncserver.py:
 * RequestHandler} ({@code dumps(msg, HIGHEST_PROTOCOL)} / {@code loads(msg)}), restricted to plain values.
 *
 * <p>Decoding reads pickle protocols 0 to 5 (Python's client sends its highest, 5 on Python 3.8+) into this value
 * model: {@code None} → {@code null}, {@code bool} → {@link Boolean}, {@code int} → {@link Long} (or
 * {@link BigInteger} beyond 64 bits), {@code float} → {@link Double}, {@code str} → {@link String},
 * {@code bytes}/{@code bytearray} → {@code byte[]}, {@code list} → {@link List}, {@code tuple} → {@link PyTuple},
 * {@code dict} → {@link Map} (insertion ordered, as Python's), {@code set}/{@code frozenset} → {@link Set} and an
 * exception → {@link PyException}. Containers are unmodifiable; {@code null} items are allowed. Only these classes
 * may be named by a pickle ({@code builtins.str} too, which 1.1.1's server uses for IP addresses); any other class,
 * persistent ids, {@code NEWOBJ} and extension codes are refused, so a pickle can never construct arbitrary objects.
 *
 * <p>Encoding writes protocol 2 (what {@code net.razorvine:pickle} writes; every Python 3 reads it). A
 * {@link PyException} is written as its class (by module and name) called with its {@code args}, which Python
 * unpickles into a real exception instance: upstream's error reply {@code (1, exception)}.
 */
public final class PickleCodec {
    /** Nesting deeper than this is refused (Python's own limit is the recursion limit, 1000). */
    static final int MAX_DEPTH = 500;

    private PickleCodec() {
    }

    /**
     * Unpickles one value; bytes after the pickle's {@code STOP} are ignored, as Python does.
     *
     * @param data a complete pickle
     * @return the value, in the model described in the class comment ({@code null} for None)
     * @throws PickleDecodeException when the data is not a pickle of plain values
     */
    public static Object decode(byte[] data) throws PickleDecodeException {
        return decode(data, 0, data.length);
    }

    /** Unpickles one value from {@code data[offset, offset + length)}; see {@link #decode(byte[])}. */
    public static Object decode(byte[] data, int offset, int length) throws PickleDecodeException {
        if (length == 0) {
            throw new PickleDecodeException("Ran out of input");
        }
        PlainUnpickler u = new PlainUnpickler();
        Object raw;
        try {
            raw = u.load(new ByteArrayInputStream(data, offset, length));
        } catch (InvalidOpcodeException e) {
            throw new PickleDecodeException(invalidLoadKey(u.lastOpcode), e);
        } catch (IOException e) {
            throw new PickleDecodeException(u.inOpcode ? "pickle data was truncated" : "Ran out of input", e);
        } catch (IndexOutOfBoundsException e) {
            throw new PickleDecodeException("unpickling stack underflow", e);
        } catch (PickleException e) {
            throw new PickleDecodeException(e.getMessage(), e);
        } catch (RejectedPickle e) {
            throw new PickleDecodeException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new PickleDecodeException("invalid pickle: " + e, e);
        }
        try {
            return normalise(raw, 0);
        } catch (RejectedPickle e) {
            throw new PickleDecodeException(e.getMessage(), e);
        }
    }

    private static String invalidLoadKey(int key) {
        if (key >= 0x20 && key <= 0x7e && key != '\'' && key != '\\') {
            return "invalid load key, '" + (char) key + "'.";
        }
        return String.format("invalid load key, '\\x%02x'.", key);
    }

    /**
     * Pickles a plain value (protocol 2).
     *
     * @param value {@code null}, {@link Boolean}, an integer, {@link Double}, {@link String}, {@code byte[]}
     *     (written as Python's {@code bytes}), {@link List}, {@link PyTuple}, {@link Map}, {@link Set} or
     *     {@link PyException}, nested up to {@value #MAX_DEPTH} levels
     * @return the pickle bytes
     * @throws IllegalArgumentException for any other value
     */
    public static byte[] encode(Object value) {
        Object prepared = prepare(value, 0);
        try {
            return new PlainPickler().dumps(prepared);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writes to memory only
        }
    }

    /** Checks that a value is plain and wraps its byte arrays, which razorvine would write as bytearray. */
    private static Object prepare(Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels");
        }
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Integer
                || v instanceof BigInteger || v instanceof Double) {
            return v;
        }
        if (v instanceof byte[]) {
            return new Bytes((byte[]) v);
        }
        if (v instanceof PyTuple) {
            List<Object> items = new ArrayList<>();
            for (Object o : ((PyTuple) v).items()) {
                items.add(prepare(o, depth + 1));
            }
            return new PyTuple(items);
        }
        if (v instanceof PyException) {
            PyException e = (PyException) v;
            List<Object> args = new ArrayList<>();
            for (Object o : e.args()) {
                args.add(prepare(o, depth + 1));
            }
            return new PyException(e.module(), e.name(), args);
        }
        if (v instanceof List) {
            List<Object> items = new ArrayList<>();
            for (Object o : (List<?>) v) {
                items.add(prepare(o, depth + 1));
            }
            return items;
        }
        if (v instanceof Set) {
            Set<Object> items = new LinkedHashSet<>();
            for (Object o : (Set<?>) v) {
                items.add(prepare(o, depth + 1));
            }
            return items;
        }
        if (v instanceof Map) {
            Map<Object, Object> m = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                m.put(prepare(e.getKey(), depth + 1), prepare(e.getValue(), depth + 1));
            }
            return m;
        }
        throw new IllegalArgumentException("not a plain wire value: " + v.getClass().getName());
    }

    /** A {@code bytes} value on its way to the pickler. */
    private static final class Bytes {
        final byte[] data;

        Bytes(byte[] data) {
            this.data = data;
        }
    }

    /** Converts razorvine's raw result into the value model (tuples, longs, ordered unmodifiable containers). */
    private static Object normalise(Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new RejectedPickle("pickle nested deeper than " + MAX_DEPTH + " levels");
        }
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double
                || v instanceof byte[]) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger) {
            BigInteger b = (BigInteger) v;
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (v instanceof Float) {
            return ((Float) v).doubleValue();
        }
        if (v instanceof Object[]) {
            Object[] a = (Object[]) v;
            List<Object> items = new ArrayList<>(a.length);
            for (Object o : a) {
                items.add(normalise(o, depth + 1));
            }
            return new PyTuple(items);
        }
        if (v instanceof List) {
            List<?> l = (List<?>) v;
            List<Object> items = new ArrayList<>(l.size());
            for (Object o : l) {
                items.add(normalise(o, depth + 1));
            }
            return Collections.unmodifiableList(items);
        }
        if (v instanceof Set) {
            Set<Object> items = new LinkedHashSet<>();
            for (Object o : (Set<?>) v) {
                items.add(normalise(o, depth + 1));
            }
            return Collections.unmodifiableSet(items);
        }
        if (v instanceof Map) {
            Map<Object, Object> m = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                m.put(normalise(e.getKey(), depth + 1), normalise(e.getValue(), depth + 1));
            }
            return Collections.unmodifiableMap(m);
        }
        if (v instanceof PyException) {
            PyException e = (PyException) v;
            List<Object> args = new ArrayList<>();
            for (Object o : e.args()) {
                args.add(normalise(o, depth + 1));
            }
            return new PyException(e.module(), e.name(), args);
        }
        throw new RejectedPickle("unsupported value in pickle: " + v.getClass().getName());
    }

    /** A pickle that names something outside the plain-value model. */
    private static final class RejectedPickle extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RejectedPickle(String message) {
            super(message);
        }
    }

    /**
     * razorvine's unpickler with the opcodes that could build arbitrary objects refused, dicts kept in order, and
     * the classes a pickle may name limited to the plain-value model.
     */
    private static final class PlainUnpickler extends Unpickler {
        private static final int MARK = '(';
        private static final int GLOBAL = 'c';
        private static final int STACK_GLOBAL = 0x93;
        private static final int DICT = 'd';
        private static final int EMPTY_DICT = '}';
        private static final int SETITEMS = 'u';
        private static final int EMPTY_SET = 0x8f;
        private static final int ADDITEMS = 0x90;
        private static final int FROZENSET = 0x91;
        private static final int BUILD = 'b';
        private static final int FRAME = 0x95;

        /** Marks pushed and not yet consumed (Python keeps them apart from the stack). */
        private int marks;

        /** Whether the last opcode's argument is being read (an end of input there is a truncation). */
        boolean inOpcode;
        int lastOpcode = -1;

        @Override
        protected Object dispatch(short key) throws IOException {
            lastOpcode = key;
            inOpcode = true;
            Object r = dispatchPlain(key);
            inOpcode = false;
            return r;
        }

        private Object dispatchPlain(short key) throws IOException {
            countMarks(key);
            switch (key) {
                case 'i': case 'o': case 'P': case 'Q': case 0x81: case 0x92: case 0x82: case 0x83: case 0x84:
                case 0x97: case 0x98:
                    throw new RejectedPickle(String.format("unsupported pickle opcode 0x%02x (only plain values"
                            + " are accepted)", (int) key));
                case GLOBAL: {
                    String module = readLine();
                    String name = readLine();
                    stack.add(constructor(module, name));
                    return NO_RETURN_VALUE;
                }
                case STACK_GLOBAL: {
                    Object name = stack.pop();
                    Object module = stack.pop();
                    if (!(module instanceof String) || !(name instanceof String)) {
                        throw new RejectedPickle("STACK_GLOBAL requires str");
                    }
                    stack.add(constructor((String) module, (String) name));
                    return NO_RETURN_VALUE;
                }
                case EMPTY_DICT:
                    stack.add(new LinkedHashMap<Object, Object>());
                    return NO_RETURN_VALUE;
                case DICT: {
                    List<Object> kv = stack.pop_all_since_marker();
                    Map<Object, Object> m = new LinkedHashMap<>();
                    putPairs(m, kv);
                    stack.add(m);
                    return NO_RETURN_VALUE;
                }
                case SETITEMS: {
                    List<Object> kv = stack.pop_all_since_marker();
                    Object target = stack.peek();
                    if (!(target instanceof Map)) {
                        throw new RejectedPickle("SETITEMS on a non-dict");
                    }
                    @SuppressWarnings("unchecked")
                    Map<Object, Object> m = (Map<Object, Object>) target;
                    putPairs(m, kv);
                    return NO_RETURN_VALUE;
                }
                case EMPTY_SET:
                    stack.add(new LinkedHashSet<Object>());
                    return NO_RETURN_VALUE;
                case ADDITEMS: {
                    List<Object> items = stack.pop_all_since_marker();
                    Object target = stack.peek();
                    if (!(target instanceof Set)) {
                        throw new RejectedPickle("ADDITEMS on a non-set");
                    }
                    @SuppressWarnings("unchecked")
                    Set<Object> s = (Set<Object>) target;
                    s.addAll(items);
                    return NO_RETURN_VALUE;
                }
                case FROZENSET:
                    stack.add(new LinkedHashSet<>(stack.pop_all_since_marker()));
                    return NO_RETURN_VALUE;
                case BUILD: {
                    stack.pop(); // the state: exceptions carry nothing we keep
                    if (!(stack.peek() instanceof PyException)) {
                        throw new RejectedPickle("BUILD is only accepted for exceptions");
                    }
                    return NO_RETURN_VALUE;
                }
                case 'T': case 'X': case 'B': case 0x8b:
                    checkLength(4);
                    break;
                case 0x8d: case 0x8e: case 0x96: case FRAME:
                    checkLength(8);
                    break;
                default:
                    break;
            }
            return super.dispatch(key);
        }

        /** Python's "could not find MARK" for an opcode that needs a mark when none was pushed. */
        private void countMarks(short key) {
            switch (key) {
                case MARK:
                    marks++;
                    break;
                case 't': case 'l': case DICT: case 'e': case SETITEMS: case ADDITEMS: case FROZENSET: case '1':
                    if (marks == 0) {
                        throw new RejectedPickle("could not find MARK");
                    }
                    marks--;
                    break;
                default:
                    break;
            }
        }

        private static void putPairs(Map<Object, Object> m, List<Object> kv) {
            if (kv.size() % 2 != 0) {
                throw new RejectedPickle("odd number of items for DICT or SETITEMS");
            }
            for (int i = 0; i < kv.size(); i += 2) {
                Object k = kv.get(i);
                if (k instanceof List || k instanceof Map || k instanceof Set) {
                    throw new RejectedPickle("unhashable dict key");
                }
                m.put(k, kv.get(i + 1));
            }
        }

        private String readLine() throws IOException {
            StringBuilder sb = new StringBuilder();
            while (true) {
                int c = input.read();
                if (c < 0) {
                    throw new IOException("premature end of file");
                }
                if (c == '\n') {
                    return sb.toString();
                }
                if (sb.length() > 200) {
                    throw new RejectedPickle("class name too long in pickle");
                }
                sb.append((char) c);
            }
        }

        /** A length-prefixed argument longer than the input left is a truncation, not an allocation. */
        private void checkLength(int width) throws IOException {
            input.mark(width);
            byte[] b = input.readNBytes(width);
            input.reset();
            if (b.length < width) {
                throw new IOException("premature end of file");
            }
            long len = 0;
            for (int i = width - 1; i >= 0; i--) {
                len = (len << 8) | (b[i] & 0xff);
            }
            if (len < 0 || len > input.available() - width) {
                throw new IOException("premature end of file");
            }
        }

        private static IObjectConstructor constructor(String module, String name) {
            String q = module + "." + name;
            switch (q) {
                case "builtins.str": case "__builtin__.str": case "__builtin__.unicode":
                    return PlainUnpickler::constructStr;
                case "builtins.set": case "__builtin__.set": case "builtins.frozenset": case "__builtin__.frozenset":
                    return PlainUnpickler::constructSet;
                case "_codecs.encode":
                    return args -> toBytes(args);
                case "builtins.bytes": case "__builtin__.bytes": case "builtins.bytearray":
                case "__builtin__.bytearray":
                    return args -> args.length == 0 ? new byte[0] : toBytes(args);
                default:
                    break;
            }
            boolean builtin = module.equals("builtins") || module.equals("__builtin__") || module.equals("exceptions");
            if (builtin && isBuiltinExceptionName(name) || module.equals(PyException.FAIL2BAN) && isIdentifier(name)) {
                String m = builtin ? PyException.BUILTINS : module;
                return args -> new PyException(m, name, Arrays.asList(args));
            }
            throw new RejectedPickle("unsupported class in pickle: " + q);
        }

        private static boolean isBuiltinExceptionName(String name) {
            return isIdentifier(name) && (name.endsWith("Error") || name.endsWith("Exception")
                    || name.endsWith("Warning") || name.equals("KeyboardInterrupt") || name.equals("StopIteration")
                    || name.equals("SystemExit") || name.equals("GeneratorExit"));
        }

        private static boolean isIdentifier(String s) {
            if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0)) || s.charAt(0) == '$') {
                return false;
            }
            for (int i = 1; i < s.length(); i++) {
                if (!Character.isJavaIdentifierPart(s.charAt(i)) || s.charAt(i) == '$') {
                    return false;
                }
            }
            return true;
        }

        private static Object constructStr(Object[] args) {
            if (args.length == 0) {
                return "";
            }
            return PyText.str(normalise(args[0], 0));
        }

        private static Object constructSet(Object[] args) {
            Set<Object> s = new LinkedHashSet<>();
            if (args.length > 0) {
                if (!(args[0] instanceof Collection)) {
                    throw new RejectedPickle("set() of a non-collection in pickle");
                }
                s.addAll((Collection<?>) args[0]);
            }
            return s;
        }

        /** {@code _codecs.encode(text, 'latin1')} and {@code bytes(...)}/{@code bytearray(...)} of bytes or ints. */
        private static byte[] toBytes(Object[] args) {
            Object a = args[0];
            if (a instanceof byte[]) {
                return (byte[]) a;
            }
            if (a instanceof String) {
                String enc = args.length > 1 && args[1] instanceof String ? (String) args[1] : "latin1";
                String e = enc.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
                if (!e.equals("latin1") && !e.equals("iso88591")) {
                    throw new RejectedPickle("unsupported bytes encoding in pickle: " + enc);
                }
                String s = (String) a;
                for (int i = 0; i < s.length(); i++) {
                    if (s.charAt(i) > 0xff) {
                        throw new RejectedPickle("latin-1 bytes with a character above 0xff in pickle");
                    }
                }
                return s.getBytes(StandardCharsets.ISO_8859_1);
            }
            if (a instanceof List) {
                List<?> l = (List<?>) a;
                byte[] b = new byte[l.size()];
                for (int i = 0; i < b.length; i++) {
                    Object x = l.get(i);
                    if (!(x instanceof Number) || ((Number) x).intValue() < 0 || ((Number) x).intValue() > 255) {
                        throw new RejectedPickle("bytes() of a non-byte value in pickle");
                    }
                    b[i] = (byte) ((Number) x).intValue();
                }
                return b;
            }
            throw new RejectedPickle("unsupported bytes construction in pickle");
        }
    }

    /** razorvine's pickler (protocol 2, no memo) with tuples and exceptions written the way Python reads them. */
    private static final class PlainPickler extends Pickler {
        // one class rather than lambdas: a client starting up would spin a class for each of them
        private static final IObjectPickler TUPLE = new Custom(0);
        private static final IObjectPickler EXCEPTION = new Custom(1);
        private static final IObjectPickler BYTES = new Custom(2);

        /** The custom picklers: 0 tuples, 1 exceptions, 2 bytes. */
        private static final class Custom implements IObjectPickler {
            private final int kind;

            Custom(int kind) {
                this.kind = kind;
            }

            @Override
            public void pickle(Object o, OutputStream out, Pickler p) throws IOException {
                if (kind == 0) {
                    p.save(((PyTuple) o).items().toArray());
                } else if (kind == 1) {
                    saveException(o, out, p);
                } else {
                    saveBytes(o, out, p);
                }
            }
        }

        PlainPickler() {
            super(false);
        }

        @Override
        protected IObjectPickler getCustomPickler(Class<?> t) {
            if (t == PyTuple.class) {
                return TUPLE;
            }
            if (t == PyException.class) {
                return EXCEPTION;
            }
            if (t == Bytes.class) {
                return BYTES;
            }
            return null;
        }

        /** Python 3's protocol-2 form of {@code bytes}: {@code _codecs.encode(latin1 text, 'latin1')}. */
        private static void saveBytes(Object o, OutputStream out, Pickler p) throws IOException {
            out.write('c');
            out.write("_codecs\nencode\n".getBytes(StandardCharsets.US_ASCII));
            p.save(new Object[] {new String(((Bytes) o).data, StandardCharsets.ISO_8859_1), "latin1"});
            out.write('R');
        }

        private static void saveException(Object o, OutputStream out, Pickler p) throws IOException {
            PyException e = (PyException) o;
            out.write('c');
            out.write((e.module() + "\n" + e.name() + "\n").getBytes(StandardCharsets.UTF_8));
            p.save(e.args().toArray());
            out.write('R');
        }
    }
}
