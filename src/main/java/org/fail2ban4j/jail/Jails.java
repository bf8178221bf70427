package org.fail2ban4j.jail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.fail2ban4j.persist.BanStore;

/**
 * Port of {@code fail2ban/server/jails.py:Jails}: the jails of a server by name, with the database bookkeeping
 * upstream's server does when it adds and removes jails ({@code db.addJail}, {@code db.delJail}).
 *
 * <p>Thread-safe (one lock for the map; jails are thread-safe themselves). Names keep the order they were added.
 */
public final class Jails {

    /**
     * Sets the stack size of the jail threads started from now on (upstream {@code set thread {stacksize: KiB}},
     * Python's {@code threading.stack_size}); 0 is the JVM's default.
     *
     * @param bytes the size in bytes
     * @throws IllegalArgumentException {@code size not valid: N bytes} for a size other than 0 below 32 KiB, as
     *     Python
     */
    public static void setThreadStackSize(long bytes) {
        Worker.setStackSize(bytes);
    }

    /** The stack size in bytes of the jail threads started from now on (0: the JVM's default). */
    public static long threadStackSize() {
        return Worker.stackSize();
    }

    private final JailEnvironment env;
    private final Map<String, Jail> jails = new LinkedHashMap<>();

    /**
     * An empty set.
     *
     * @param env what the jails share
     */
    public Jails(JailEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /** What the jails share. */
    public JailEnvironment environment() {
        return env;
    }

    /**
     * Upstream {@code Jails.add} with the server's {@code db.addJail}: creates a jail and registers it in the
     * database.
     *
     * @param name the jail name
     * @param backend the backend ({@code auto}, {@code polling} ..., with options)
     * @param store the database, empty for none
     * @return the new jail
     * @throws DuplicateJailException when a jail with that name exists
     * @throws IllegalArgumentException for an unknown backend or backend option
     * @throws IOException when no backend can be initialised
     */
    public Jail add(String name, String backend, Optional<BanStore> store) throws IOException {
        Objects.requireNonNull(name, "name");
        synchronized (jails) {
            if (jails.containsKey(name)) {
                throw new DuplicateJailException(name);
            }
        }
        Jail jail = new Jail(name, backend, env, store);
        synchronized (jails) {
            if (jails.containsKey(name)) {
                throw new DuplicateJailException(name);
            }
            jails.put(name, jail);
        }
        store.ifPresent(db -> db.addJail(name));
        return jail;
    }

    /** Whether a jail of that name exists. */
    public boolean exists(String name) {
        synchronized (jails) {
            return jails.containsKey(name);
        }
    }

    /**
     * The jail of a name.
     *
     * @throws UnknownJailException when there is none
     */
    public Jail get(String name) {
        synchronized (jails) {
            Jail j = jails.get(name);
            if (j == null) {
                throw new UnknownJailException(name);
            }
            return j;
        }
    }

    /** The number of jails. */
    public int size() {
        synchronized (jails) {
            return jails.size();
        }
    }

    /** The jail names in the order they were added. */
    public List<String> names() {
        synchronized (jails) {
            return List.copyOf(jails.keySet());
        }
    }

    /** The jails sorted by name (upstream's {@code status} order). */
    public List<Jail> sorted() {
        synchronized (jails) {
            return List.copyOf(new TreeMap<>(jails).values());
        }
    }

    /** The jails in the order they were added. */
    public List<Jail> all() {
        synchronized (jails) {
            return List.copyOf(jails.values());
        }
    }

    /**
     * Upstream {@code Server.delJail}: stops the jail, disables it in its database and removes it.
     *
     * @throws UnknownJailException when there is none
     */
    public void remove(String name) {
        Jail j = get(name);
        j.stop();
        j.database().ifPresent(db -> db.delJail(name));
        synchronized (jails) {
            jails.remove(name, j);
        }
    }

    /**
     * Upstream {@code Server.stopAllJail}: signals every jail to stop, then waits for each and removes it.
     */
    public void stopAll() {
        List<Jail> all = all();
        for (Jail j : all) {
            j.signalStop();
        }
        List<RuntimeException> errors = new ArrayList<>();
        for (Jail j : all) {
            try {
                j.awaitStop();
                j.database().ifPresent(db -> db.delJail(j.name()));
            } catch (RuntimeException e) {
                errors.add(e);
            }
            synchronized (jails) {
                jails.remove(j.name(), j);
            }
        }
        if (!errors.isEmpty()) {
            RuntimeException first = errors.get(0);
            for (int i = 1; i < errors.size(); i++) {
                first.addSuppressed(errors.get(i));
            }
            throw first;
        }
    }
}
