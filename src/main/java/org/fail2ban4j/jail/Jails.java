package org.fail2ban4j.jail;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.fail2ban4j.persist.BanStore;

/**
 * Port of {@code fail2ban/server/jails.py:Jails}: the jails of a server by name, with the database bookkeeping
 * upstream's server does when it adds and removes jails ({@code db.addJail}, {@code db.delJail}).
 *
 * <p>After {@link #previousServerEndedUncleanly}, the first jail of each name lifts at its start the stale bans
 * of the previous server (see {@link Jail#restoreCurrentBans()}); a jail of that name added again later (a reload
 * with restart, {@code stop <jail>} and {@code start <jail>}) does not, its predecessor was stopped cleanly.
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
    private final Set<String> created = new HashSet<>();
    private Instant uncleanEndSince;

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
     * Tells the jails that the previous server ended without a clean stop (its pid file was left behind): the
     * jails created from now on, each name once, lift the bans that server left in the firewall and that are not
     * restored (a difference from upstream, which leaves them in place).
     *
     * @param previousStart when the previous server started (its pid file's time)
     */
    public void previousServerEndedUncleanly(Instant previousStart) {
        Objects.requireNonNull(previousStart, "previousStart");
        synchronized (jails) {
            uncleanEndSince = previousStart;
        }
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
            if (created.add(name) && uncleanEndSince != null) {
                jail.liftBansOfUncleanEnd(uncleanEndSince);
            }
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
