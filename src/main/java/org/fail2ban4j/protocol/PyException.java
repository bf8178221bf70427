package org.fail2ban4j.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A Python exception as it travels in an error reply {@code (1, exception)}: its class (module and name) and its
 * {@code args}. Upstream's server pickles the exception object itself, so the Python client unpickles it into an
 * instance of the same class; the class therefore has to exist on the client side ({@code builtins} or
 * {@code fail2ban.exceptions}).
 *
 * @param module the Python module of the class, e.g. {@code builtins} or {@code fail2ban.exceptions}
 * @param name the class name, e.g. {@code Exception}, {@code IndexError}, {@code UnknownJailException}
 * @param args the exception's {@code args} (plain wire values; an unmodifiable copy)
 */
public record PyException(String module, String name, List<Object> args) {
    /** The module of Python's built-in exceptions. */
    public static final String BUILTINS = "builtins";
    /** The module of fail2ban's own exceptions. */
    public static final String FAIL2BAN = "fail2ban.exceptions";

    /** Checks the names and copies the arguments ({@code null} items allowed). */
    public PyException {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(args, "args");
        if (module.isEmpty() || name.isEmpty() || module.indexOf('\n') >= 0 || name.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("not a Python class name: " + module + "." + name);
        }
        args = Collections.unmodifiableList(new ArrayList<>(args));
    }

    /** {@code Exception(message)}, the error upstream's transmitter raises for invalid commands. */
    public static PyException exception(String message) {
        return builtin("Exception", message);
    }

    /** A built-in exception class (e.g. {@code ValueError}) with one message argument. */
    public static PyException builtin(String name, String message) {
        return new PyException(BUILTINS, name, List.of(message));
    }

    /**
     * {@code fail2ban.exceptions.UnknownJailException(jail)}: the client prints "Sorry but the jail ... does not
     * exist".
     */
    public static PyException unknownJail(String jail) {
        return new PyException(FAIL2BAN, "UnknownJailException", List.of(jail));
    }

    /** {@code fail2ban.exceptions.DuplicateJailException(jail)}: the client prints "The jail ... already exists". */
    public static PyException duplicateJail(String jail) {
        return new PyException(FAIL2BAN, "DuplicateJailException", List.of(jail));
    }

    /** {@code module.name}, e.g. {@code builtins.IndexError}. */
    public String qualifiedName() {
        return module + "." + name;
    }

    /** Whether this is a {@code KeyError} (or fail2ban's {@code UnknownJailException}, which extends it). */
    public boolean isKeyError() {
        return isBuiltin() && name.equals("KeyError") || module.equals(FAIL2BAN) && name.equals("UnknownJailException");
    }

    private boolean isBuiltin() {
        return module.equals(BUILTINS) || module.equals("exceptions") || module.equals("__builtin__");
    }

    /** Whether this is the given built-in class (module {@code builtins}, or Python 2's names for it). */
    public boolean isBuiltin(String className) {
        return isBuiltin() && name.equals(className);
    }

    /** Whether this is the given class of {@code fail2ban.exceptions}. */
    public boolean isFail2ban(String className) {
        return module.equals(FAIL2BAN) && name.equals(className);
    }

    /**
     * Python's {@code str(exception)}: empty without arguments, {@code str(arg)} for one argument ({@code repr(arg)}
     * for a {@code KeyError}), else the {@code repr} of the argument tuple.
     */
    public String message() {
        if (args.isEmpty()) {
            return "";
        }
        if (args.size() == 1) {
            return isKeyError() ? PyText.repr(args.get(0)) : PyText.str(args.get(0));
        }
        return PyText.repr(new PyTuple(args));
    }

    /** Python's {@code repr(exception)}, e.g. {@code IndexError('list index out of range')}. */
    public String repr() {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(PyText.repr(args.get(i)));
        }
        return sb.append(')').toString();
    }

    @Override
    public String toString() {
        return repr();
    }
}
