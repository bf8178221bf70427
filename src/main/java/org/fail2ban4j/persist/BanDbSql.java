package org.fail2ban4j.persist;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All SQL of the fail2ban database (port of the statements of {@code fail2ban/server/database.py}), on one
 * connection. Prepared statements are created once per statement text and reused; the few queries that upstream
 * assembles from optional conditions are assembled here from fixed fragments, so there is a small fixed set of
 * texts, each prepared once.
 *
 * <p>Not locked: {@link SqliteBanStore} serialises all calls and manages the transactions.
 */
final class BanDbSql implements AutoCloseable {

    /** Upstream {@code Fail2BanDb.__version__}. */
    static final int VERSION = 4;

    // The schema of version 4, statement by statement exactly as upstream's _CREATE_SCRIPTS (sqlite keeps the
    // text in sqlite_master, so it must not differ).
    static final String[] CREATE_FAIL2BANDB = {"CREATE TABLE IF NOT EXISTS fail2banDb(version INTEGER)"};
    static final String[] CREATE_JAILS = {
        "CREATE TABLE IF NOT EXISTS jails(name TEXT NOT NULL UNIQUE, enabled INTEGER NOT NULL DEFAULT 1)",
        "CREATE INDEX IF NOT EXISTS jails_name ON jails(name)"};
    static final String[] CREATE_LOGS = {
        "CREATE TABLE IF NOT EXISTS logs(jail TEXT NOT NULL, path TEXT, firstlinemd5 TEXT, "
            + "lastfilepos INTEGER DEFAULT 0, FOREIGN KEY(jail) REFERENCES jails(name) ON DELETE CASCADE, "
            + "UNIQUE(jail, path),UNIQUE(jail, path, firstlinemd5))",
        "CREATE INDEX IF NOT EXISTS logs_path ON logs(path)",
        "CREATE INDEX IF NOT EXISTS logs_jail_path ON logs(jail, path)"};
    static final String[] CREATE_BANS = {
        "CREATE TABLE IF NOT EXISTS bans(jail TEXT NOT NULL, ip TEXT, timeofban INTEGER NOT NULL, "
            + "bantime INTEGER NOT NULL, bancount INTEGER NOT NULL default 1, data JSON, "
            + "FOREIGN KEY(jail) REFERENCES jails(name) )",
        "CREATE INDEX IF NOT EXISTS bans_jail_timeofban_ip ON bans(jail, timeofban)",
        "CREATE INDEX IF NOT EXISTS bans_jail_ip ON bans(jail, ip)",
        "CREATE INDEX IF NOT EXISTS bans_ip ON bans(ip)"};
    static final String[] CREATE_BIPS = {
        "CREATE TABLE IF NOT EXISTS bips(ip TEXT NOT NULL, jail TEXT NOT NULL, timeofban INTEGER NOT NULL, "
            + "bantime INTEGER NOT NULL, bancount INTEGER NOT NULL default 1, data JSON, PRIMARY KEY(ip, jail), "
            + "FOREIGN KEY(jail) REFERENCES jails(name) )",
        "CREATE INDEX IF NOT EXISTS bips_timeofban ON bips(timeofban)",
        "CREATE INDEX IF NOT EXISTS bips_ip ON bips(ip)"};
    static final String[][] CREATE_SCRIPTS = {CREATE_FAIL2BANDB, CREATE_JAILS, CREATE_LOGS, CREATE_BANS, CREATE_BIPS};

    /** The tables, in creation order (also the order a salvage copies them). */
    static final String[] TABLES = {"fail2banDb", "jails", "logs", "bans", "bips"};

    private static final String[] PRAGMAS = {
        "PRAGMA foreign_keys = ON", "PRAGMA synchronous = OFF", "PRAGMA journal_mode = MEMORY",
        "PRAGMA temp_store = MEMORY"};

    private static final String SELECT_VERSION = "SELECT version FROM fail2banDb LIMIT 1";
    private static final String INSERT_VERSION = "INSERT INTO fail2banDb(version)"
            + " SELECT ? WHERE NOT EXISTS (SELECT 1 FROM fail2banDb LIMIT 1)";
    private static final String TABLE_EXISTS = "select 1 where exists ("
            + "select 1 from sqlite_master WHERE type='table' AND name=?)";

    private static final String JAIL_INSERT = "INSERT OR IGNORE INTO jails(name, enabled) VALUES(?, 1)";
    private static final String JAIL_ENABLE = "UPDATE jails SET enabled = 1 WHERE name = ? AND enabled != 1";
    private static final String JAIL_DISABLE = "UPDATE jails SET enabled=0 WHERE name=?";
    private static final String JAIL_DISABLE_ALL = "UPDATE jails SET enabled=0";
    private static final String JAIL_NAMES = "SELECT name FROM jails";
    private static final String JAIL_NAMES_ENABLED = "SELECT name FROM jails WHERE enabled=?";

    private static final String LOG_GET = "SELECT firstlinemd5, lastfilepos FROM logs WHERE jail=? AND path=?";
    private static final String LOG_PUT = "INSERT OR REPLACE INTO logs(jail, path, firstlinemd5, lastfilepos) "
            + "VALUES(?, ?, ?, ?)";
    private static final String LOG_UPDATE = "UPDATE logs SET firstlinemd5=?, lastfilepos=? WHERE jail=? AND path=?";
    private static final String LOG_PATHS = "SELECT path FROM logs";
    private static final String LOG_PATHS_JAIL = "SELECT path FROM logs WHERE jail=?";

    private static final String BAN_INSERT = "INSERT INTO bans(jail, ip, timeofban, bantime, bancount, data) "
            + "VALUES(?, ?, ?, ?, ?, ?)";
    private static final String BIP_PUT = "INSERT OR REPLACE INTO bips(ip, jail, timeofban, bantime, bancount, data) "
            + "VALUES(?, ?, ?, ?, ?, ?)";
    private static final String BIPS_DELETE_JAIL = "DELETE FROM bips WHERE jail = ?";
    private static final String BANS_DELETE_JAIL = "DELETE FROM bans WHERE jail = ?";
    private static final String BIPS_DELETE_IP = "DELETE FROM bips WHERE jail = ? AND ip = ?";
    private static final String BANS_DELETE_IP = "DELETE FROM bans WHERE jail = ? AND ip = ?";

    private static final String PURGE_BANS = "DELETE FROM bans WHERE timeofban < ?";
    private static final String PURGE_BIPS = "DELETE FROM bips WHERE timeofban < ? and bantime != -1 and "
            + "(timeofban + (bantime * ?)) < ?";
    private static final String CLEAN_JAILS = "DELETE FROM jails WHERE enabled = 0 "
            + "AND NOT EXISTS(SELECT * FROM bans WHERE jail = jails.name) "
            + "AND NOT EXISTS(SELECT * FROM bips WHERE jail = jails.name)";

    // upgrades (upstream updateDb), run inside one transaction each
    private static final String[] UPGRADE_LOGS_HEAD = {
        "CREATE TEMPORARY TABLE logs_temp AS SELECT * FROM logs", "DROP TABLE logs"};
    private static final String[] UPGRADE_LOGS_TAIL = {
        "INSERT INTO logs SELECT * from logs_temp", "DROP TABLE logs_temp", "UPDATE fail2banDb SET version = 2"};
    private static final String[] UPGRADE_BANS_HEAD = {
        "CREATE TEMPORARY TABLE bans_temp AS SELECT jail, ip, timeofban, -2 as bantime, 1 as bancount, data "
            + "FROM bans",
        "DROP TABLE bans"};
    private static final String[] UPGRADE_BANS_TAIL = {
        "INSERT INTO bans SELECT * from bans_temp", "DROP TABLE bans_temp"};
    private static final String UPGRADE_VERSION_4 = "UPDATE fail2banDb SET version = 4";
    private static final String UPGRADE_FILL_BIPS = "INSERT OR REPLACE INTO bips(ip, jail, timeofban, bantime, "
            + "bancount, data)  SELECT ip, jail, timeofban, bantime, bancount, data FROM bans order by timeofban";

    private static final String INTEGRITY_CHECK = "PRAGMA integrity_check";

    private final Connection db;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    BanDbSql(Connection db) {
        this.db = db;
    }

    Connection connection() {
        return db;
    }

    private PreparedStatement ps(String sql) throws SQLException {
        PreparedStatement p = prepared.get(sql);
        if (p == null) {
            p = db.prepareStatement(sql);
            prepared.put(sql, p);
        }
        return p;
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    private void execAll(String... statements) throws SQLException {
        for (String s : statements) {
            exec(s);
        }
    }

    /** Binds parameters: {@code null}, {@code String}, {@code Long}/{@code Integer}, {@code Double}, {@code byte[]}. */
    private static void bind(PreparedStatement p, Object... args) throws SQLException {
        p.clearParameters();
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                p.setObject(i + 1, null);
            } else if (a instanceof String s) {
                p.setString(i + 1, s);
            } else if (a instanceof Long || a instanceof Integer) {
                p.setLong(i + 1, ((Number) a).longValue());
            } else if (a instanceof Double d) {
                p.setDouble(i + 1, d);
            } else if (a instanceof byte[] b) {
                p.setBytes(i + 1, b);
            } else {
                throw new IllegalArgumentException("cannot bind " + a.getClass().getName());
            }
        }
    }

    /** Closes and forgets a statement after an error (the driver cannot run it again afterwards). */
    private void evict(String sql) {
        PreparedStatement p = prepared.remove(sql);
        if (p != null) {
            try {
                p.close();
            } catch (SQLException e) {
                // it is dropped anyway
            }
        }
    }

    private int update(String sql, Object... args) throws SQLException {
        PreparedStatement p = ps(sql);
        try {
            bind(p, args);
            return p.executeUpdate();
        } catch (SQLException e) {
            evict(sql);
            throw e;
        }
    }

    /** Runs a query and returns its rows (each an array of column values as the driver gives them). */
    private List<Object[]> query(String sql, Object... args) throws SQLException {
        PreparedStatement p = ps(sql);
        try {
            return rows(p, args);
        } catch (SQLException e) {
            evict(sql);
            throw e;
        }
    }

    private static List<Object[]> rows(PreparedStatement p, Object... args) throws SQLException {
        bind(p, args);
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            int dataColumn = -1;
            for (int i = 0; i < n; i++) {
                if ("data".equalsIgnoreCase(rs.getMetaData().getColumnName(i + 1))) {
                    dataColumn = i;
                }
            }
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                // the JSON column: a BLOB as Python writes it, or TEXT in old databases; always bytes here
                if (dataColumn >= 0 && row[dataColumn] instanceof String t) {
                    row[dataColumn] = t.getBytes(StandardCharsets.UTF_8);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------ schema

    /**
     * After sqlite ended a transaction by itself (it does on a full disk or an I/O error), starts the one the
     * driver expects to be open.
     */
    void restartTransaction() throws SQLException {
        exec("BEGIN");
    }

    void pragmas() throws SQLException {
        execAll(PRAGMAS);
    }

    /** The stored schema version; throws (no such table) on a database without fail2ban tables. */
    int version() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(SELECT_VERSION)) {
            if (!rs.next()) {
                throw new SQLException("no schema version in table fail2banDb");
            }
            return rs.getInt(1);
        }
    }

    /** Upstream {@code _createDb}: creates what is missing and sets the version if none is set. */
    int createDb() throws SQLException {
        for (String[] script : CREATE_SCRIPTS) {
            execAll(script);
        }
        update(INSERT_VERSION, (long) VERSION);
        return version();
    }

    boolean tableExists(String table) throws SQLException {
        return !query(TABLE_EXISTS, table).isEmpty();
    }

    /** Version 1 to 2: the logs table gets its second unique constraint. */
    void upgradeLogs() throws SQLException {
        execAll(UPGRADE_LOGS_HEAD);
        execAll(CREATE_LOGS);
        execAll(UPGRADE_LOGS_TAIL);
    }

    /** Version 2 to 3: bans get bantime (-2, unknown) and bancount (1). */
    void upgradeBans() throws SQLException {
        execAll(UPGRADE_BANS_HEAD);
        execAll(CREATE_BANS);
        execAll(UPGRADE_BANS_TAIL);
    }

    /** Version 3 to 4: the bips table, filled from bans if there are any. */
    void createBips(boolean fillFromBans) throws SQLException {
        execAll(CREATE_BIPS);
        exec(UPGRADE_VERSION_4);
        if (fillFromBans) {
            exec(UPGRADE_FILL_BIPS);
        }
    }

    List<String> integrityCheck() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(INTEGRITY_CHECK)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The CREATE statements of an attached database's objects, tables first (for a salvage copy). */
    List<String> schemaOf(String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT sql FROM " + schema
                + ".sqlite_master WHERE sql NOT NULL ORDER BY type = 'table' DESC, rowid")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    void attach(String file, String schema) throws SQLException {
        PreparedStatement p = db.prepareStatement("ATTACH DATABASE ? AS " + schema);
        try (p) {
            p.setString(1, file);
            p.execute();
        }
    }

    /** Copies the rows of a table of an attached database, if it has the table. */
    void copyTable(String schema, String table) throws SQLException {
        exec("INSERT INTO main." + table + " SELECT * FROM " + schema + "." + table);
    }

    /** Runs one schema statement read from an attached database (salvage). */
    void execSchema(String createStatement) throws SQLException {
        exec(createStatement);
    }

    /** Test hook: runs a pragma (to simulate a full or read-only database). */
    void pragma(String pragma) throws SQLException {
        exec("PRAGMA " + pragma);
    }

    // ------------------------------------------------------------------ jails

    void addJail(String name) throws SQLException {
        if (update(JAIL_INSERT, name) <= 0) {
            update(JAIL_ENABLE, name);
        }
    }

    void delJail(String name) throws SQLException {
        update(JAIL_DISABLE, name);
    }

    void delAllJails() throws SQLException {
        update(JAIL_DISABLE_ALL);
    }

    Set<String> jailNames(Boolean enabled) throws SQLException {
        List<Object[]> rows = enabled == null ? query(JAIL_NAMES) : query(JAIL_NAMES_ENABLED, enabled ? 1L : 0L);
        Set<String> out = new LinkedHashSet<>();
        for (Object[] r : rows) {
            out.add((String) r[0]);
        }
        return out;
    }

    // ------------------------------------------------------------------ logs

    /** The row of a log: [firstlinemd5 (String or null), lastfilepos (Number or null)], or null if none. */
    Object[] log(String jail, String path) throws SQLException {
        List<Object[]> rows = query(LOG_GET, jail, path);
        return rows.isEmpty() ? null : rows.get(0);
    }

    void putLog(String jail, String path, String hash, Object pos) throws SQLException {
        update(LOG_PUT, jail, path, hash, pos);
    }

    int updateLog(String jail, String path, String hash, Object pos) throws SQLException {
        return update(LOG_UPDATE, hash, pos, jail, path);
    }

    Set<String> logPaths(String jail) throws SQLException {
        List<Object[]> rows = jail == null ? query(LOG_PATHS) : query(LOG_PATHS_JAIL, jail);
        Set<String> out = new LinkedHashSet<>();
        for (Object[] r : rows) {
            out.add((String) r[0]);
        }
        return out;
    }

    // ------------------------------------------------------------------ bans

    void insertBan(String jail, String ip, long timeOfBan, Number banTime, int banCount, byte[] data)
            throws SQLException {
        Object bt = banTime instanceof Double ? (Object) banTime.doubleValue() : (Object) banTime.longValue();
        update(BAN_INSERT, jail, ip, timeOfBan, bt, (long) banCount, data);
        update(BIP_PUT, ip, jail, timeOfBan, bt, (long) banCount, data);
    }

    void deleteBans(String jail) throws SQLException {
        update(BIPS_DELETE_JAIL, jail);
        update(BANS_DELETE_JAIL, jail);
    }

    void deleteBans(String jail, String ip) throws SQLException {
        update(BIPS_DELETE_IP, jail, ip);
        update(BANS_DELETE_IP, jail, ip);
    }

    /** Upstream {@code _getBans}: rows [ip, timeofban, data bytes], by ip, newest first. */
    List<Object[]> bans(String jail, Double after, String ip) throws SQLException {
        StringBuilder q = new StringBuilder("SELECT ip, timeofban, data FROM bans WHERE 1");
        List<Object> args = new ArrayList<>(3);
        if (jail != null) {
            q.append(" AND jail=?");
            args.add(jail);
        }
        if (after != null) {
            q.append(" AND timeofban > ?");
            args.add(after);
        }
        if (ip != null) {
            q.append(" AND ip=?");
            args.add(ip);
        }
        q.append(" ORDER BY ip, timeofban desc");
        return query(q.toString(), args.toArray());
    }

    /** Upstream {@code getBan}: rows [bancount, timeofban, bantime]. */
    List<Object[]> ban(String ip, String jail, boolean overallJails, Double after, Double from)
            throws SQLException {
        StringBuilder q = new StringBuilder(overallJails
                ? "SELECT sum(bancount), max(timeofban), sum(bantime) FROM bips"
                : "SELECT bancount, timeofban, bantime FROM bips");
        q.append(" WHERE ip = ?");
        List<Object> args = new ArrayList<>(4);
        args.add(ip);
        if (!overallJails && jail != null) {
            q.append(" AND jail=?");
            args.add(jail);
        }
        if (after != null) {
            q.append(" AND timeofban > ?");
            args.add(after);
        }
        if (from != null) {
            q.append(" AND timeofban > ?");
            args.add(from);
        }
        if (overallJails || jail == null) {
            q.append(" GROUP BY ip ORDER BY timeofban DESC LIMIT 1");
        }
        return query(q.toString(), args.toArray());
    }

    /** Upstream {@code _getCurrentBans}: rows [ip, timeofban, bantime, bancount, data bytes]. */
    List<Object[]> currentBans(String jail, String ip, Double after, double from) throws SQLException {
        StringBuilder q = new StringBuilder();
        List<Object> args = new ArrayList<>(4);
        if (jail != null) {
            q.append("SELECT ip, timeofban, bantime, bancount, data FROM bips WHERE jail=?");
            args.add(jail);
        } else {
            q.append("SELECT ip, max(timeofban), bantime, bancount, data FROM bips WHERE 1");
        }
        if (ip != null) {
            q.append(" AND ip=?");
            args.add(ip);
        }
        q.append(" AND (timeofban + bantime > ? OR bantime <= -1)");
        args.add(from);
        if (after != null) {
            q.append(" AND timeofban > ?");
            args.add(after);
        }
        if (ip == null) {
            q.append(" GROUP BY ip ORDER BY ip, timeofban DESC");
        } else {
            q.append(" ORDER BY timeofban DESC LIMIT 1");
        }
        return query(q.toString(), args.toArray());
    }

    /** Upstream {@code purge}: old bans, out-dated bad ips, disabled jails without bans. */
    void purge(double bansBefore, Number bipsBefore, int outDatedFactor) throws SQLException {
        update(PURGE_BANS, bansBefore);
        Object b = bipsBefore instanceof Double ? (Object) bipsBefore.doubleValue() : (Object) bipsBefore.longValue();
        update(PURGE_BIPS, b, (long) outDatedFactor, b);
        update(CLEAN_JAILS);
    }

    @Override
    public void close() {
        for (PreparedStatement p : prepared.values()) {
            try {
                p.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        prepared.clear();
    }
}
