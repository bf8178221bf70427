package org.fail2ban4j.persist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.fail2ban4j.ban.BanRecord;
import org.fail2ban4j.ban.BanTime;
import org.fail2ban4j.ban.EpochSeconds;
import org.fail2ban4j.ban.FailTicket;
import org.fail2ban4j.net.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port of {@code fail2ban/server/database.py:Fail2BanDb}: the {@link BanStore} on an SQLite database with
 * upstream's schema version 4, so that a database written by Python fail2ban is read as it is and the reverse.
 *
 * <p>Opening does what upstream does: a new file gets the schema ({@code New database created. Version '4'}); a
 * version 1 to 3 database is upgraded after a time-stamped backup copy ({@code <file>.<yyyymmdd-HHMMSS>}, UTC);
 * a file that is no readable database is moved to such a backup and its readable content salvaged into a new
 * file (upstream pipes {@code sqlite3 .dump} into a new database; this copies the tables through {@code ATTACH},
 * all or nothing), else a new database is created. {@code :memory:} is an SQLite in-memory database, as upstream.
 *
 * <p>Every operation runs in its own transaction under one lock (thread-safe, as upstream's {@code RLock}); all
 * SQL is in {@link BanDbSql}, each statement prepared once. Errors name the file. When a write fails because the
 * database cannot be written at the moment (disk full, read-only file, I/O error, locked), the exception says so
 * and the write is kept in memory and retried, in order, before the next write (and at close); so no ban, unban or
 * jail change is lost while the disk is full. At most {@value #MAX_PENDING} writes are kept.
 */
public final class SqliteBanStore implements BanStore {

    private static final Logger LOG = LoggerFactory.getLogger("fail2ban.database");

    /** Upstream's {@code outDatedFactor}: a last ban is purged when it ended this many ban times ago. */
    static final int OUT_DATED_FACTOR = 3;
    /** The most writes kept for retry after write errors. */
    static final int MAX_PENDING = 100_000;

    private static final String MEMORY = ":memory:";
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    // SQLite primary result codes
    private static final int SQLITE_ERROR = 1;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_NOTADB = 26;

    /** A write that can be retried. */
    @FunctionalInterface
    private interface Write {
        void run(BanDbSql sql) throws SQLException;
    }

    private record PendingWrite(String what, Write write) {
    }

    private record MergedKey(String ip, String jail) {
    }

    private final Object lock = new Object();
    private final String filename;
    private final InstantSource clock;
    private final Deque<PendingWrite> pending = new ArrayDeque<>();
    private final Map<MergedKey, List<FailTicket>> mergedCache = new HashMap<>();
    private BanDbSql sql;
    private Duration purgeAge = Duration.ofDays(1);
    private int maxMatches = 10;
    private String backupFilename;
    private boolean repairing;
    private boolean closed;

    private SqliteBanStore(String filename, InstantSource clock) {
        this.filename = filename;
        this.clock = clock;
    }

    /**
     * Opens (creates, upgrades or repairs) a fail2ban database.
     *
     * @param filename the file, or {@code :memory:}
     * @param clock the clock for purge ages, current bans and backup names
     * @return the store
     * @throws BanStoreException if the file cannot be opened or created (e.g. its directory does not exist), or
     *     if its schema is newer than version 4 or cannot be upgraded
     */
    public static SqliteBanStore open(String filename, InstantSource clock) {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(clock, "clock");
        SqliteBanStore s = new SqliteBanStore(filename, clock);
        synchronized (s.lock) {
            s.connect(false);
        }
        return s;
    }

    /**
     * Test hook (upstream's test mocks a failing open the same way): opens the database, then repairs it as if
     * opening had failed.
     */
    static SqliteBanStore openAndRepair(String filename, InstantSource clock) {
        SqliteBanStore s = open(filename, clock);
        synchronized (s.lock) {
            s.repair();
        }
        return s;
    }

    // ------------------------------------------------------------------ opening, upgrade, repair

    private boolean isMemory() {
        return MEMORY.equals(filename);
    }

    private String name() {
        return "'" + filename + "'";
    }

    private static int code(SQLException e) {
        return e.getErrorCode() & 0xff;
    }

    private static String reason(SQLException e) {
        String m = e.getMessage();
        // sqlite-jdbc prefixes "[SQLITE_FULL] Insertion failed because database is full (" ... keep it readable
        return m == null ? e.toString() : m;
    }

    private void connect(boolean checkIntegrity) {
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + filename);
        } catch (SQLException e) {
            LOG.error("Error connecting to fail2ban persistent database '{}': {}", filename, reason(e));
            throw new BanStoreException("Error connecting to fail2ban persistent database " + name() + ": "
                    + reason(e), e);
        }
        sql = new BanDbSql(c);
        mergedCache.clear();
        LOG.info("Connected to fail2ban persistent database '{}'", filename);
        try {
            int version;
            try {
                sql.pragmas();
                c.setAutoCommit(false);
                version = sql.version();
                c.commit();
            } catch (SQLException e) {
                rollbackQuietly();
                if (code(e) != SQLITE_ERROR) {
                    openFailed(e);
                    return;
                }
                version = createDb();
                LOG.warn("New database created. Version '{}'", version);
            }
            if (version != BanDbSql.VERSION) {
                int newVersion = updateDb(version);
                if (newVersion == BanDbSql.VERSION) {
                    LOG.warn("Database updated from '{}' to '{}'", version, newVersion);
                } else {
                    LOG.error("Database update failed to achieve version '{}': updated from '{}' to '{}'",
                            BanDbSql.VERSION, version, newVersion);
                    throw new BanStoreException("Failed to fully update fail2ban persistent database " + name()
                            + " from version " + version + " to " + BanDbSql.VERSION, null);
                }
            }
            if (checkIntegrity) {
                createDb();
                LOG.debug("  Check integrity ...");
                for (String line : sql.integrityCheck()) {
                    LOG.debug("  -> {}", line);
                }
                c.commit();
            }
        } catch (SQLException e) {
            closeConnection();
            throw new BanStoreException("Error opening fail2ban persistent database " + name() + ": " + reason(e), e);
        } catch (RuntimeException e) {
            closeConnection();
            throw e;
        }
    }

    /** Upstream's {@code except sqlite3.Error} on open: repair a damaged file, else fail. */
    private void openFailed(SQLException e) throws SQLException {
        LOG.error("Error opening fail2ban persistent database '{}': {}", filename, reason(e));
        int code = code(e);
        if (repairing || isMemory() || !Files.isRegularFile(Path.of(filename))
                || (code != SQLITE_NOTADB && code != SQLITE_CORRUPT)) {
            closeConnection();
            throw new BanStoreException("Error opening fail2ban persistent database " + name() + ": " + reason(e), e);
        }
        repair();
    }

    private int createDb() throws SQLException {
        try {
            int v = sql.createDb();
            sql.connection().commit();
            return v;
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        }
    }

    private String backupFilename() {
        if (backupFilename == null) {
            backupFilename = filename + "." + BACKUP_STAMP.format(clock.instant());
        }
        return backupFilename;
    }

    /** The backup copy made before an upgrade or a repair (empty before either happened). */
    public java.util.Optional<String> backupFile() {
        synchronized (lock) {
            return java.util.Optional.ofNullable(backupFilename);
        }
    }

    /** Upstream {@code updateDb}: upgrades a version 1 to 3 schema to version 4, after a backup copy. */
    private int updateDb(int version) throws SQLException {
        if (version > BanDbSql.VERSION) {
            throw new BanStoreException("Attempt to travel to future version of database " + name() + ": version "
                    + version + " is newer than " + BanDbSql.VERSION, null);
        }
        try {
            LOG.info("Upgrade database: {} from version '{}'", backupFilename(), version);
            Path backup = Path.of(backupFilename());
            if (!Files.isRegularFile(backup)) {
                Files.copy(Path.of(filename), backup);
                LOG.info("  Database backup created: {}", backup);
            }
            if (version < 2 && sql.tableExists("logs")) {
                sql.upgradeLogs();
                sql.connection().commit();
            }
            if (version < 3 && sql.tableExists("bans")) {
                sql.upgradeBans();
                sql.connection().commit();
            }
            if (version < 4 && !sql.tableExists("bips")) {
                boolean bans = sql.tableExists("bans");
                sql.createBips(bans);
                sql.connection().commit();
            }
            int v = sql.version();
            sql.connection().commit();
            return v;
        } catch (SQLException | IOException e) {
            rollbackQuietly();
            LOG.error("Failed to upgrade database '{}': {}", filename, e.getMessage());
            repair();
            return -1;
        }
    }

    /**
     * Upstream {@code repairDB}: moves the file to the backup name (or removes it if a backup exists already),
     * copies what can be read into a new file and opens that, else opens a new empty database.
     */
    private void repair() {
        closeConnection();
        repairing = true;
        try {
            LOG.info("Trying to repair database {}", filename);
            Path file = Path.of(filename);
            Path backup = Path.of(backupFilename());
            try {
                if (!Files.isRegularFile(backup)) {
                    Files.move(file, backup);
                    LOG.info("  Database backup created: {}", backup);
                } else {
                    Files.deleteIfExists(file);
                }
                boolean restored = salvage(backup);
                long size = Files.exists(file) ? Files.size(file) : 0;
                if (restored && size > 0) {
                    LOG.info("  Repair seems to be successful, restored {} byte(s).", size);
                    connect(true);
                    return;
                }
                LOG.info("  Repair seems to be failed, restored {} byte(s).", size);
                LOG.error("  Error repairing of fail2ban database '{}': {}", filename, "Recreate ...");
            } catch (IOException | RuntimeException e) {
                LOG.error("  Error repairing of fail2ban database '{}': {}", filename, e.getMessage());
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new BanStoreException("Cannot remove damaged fail2ban persistent database " + name() + ": "
                        + e.getMessage(), e);
            }
            connect(true);
        } finally {
            repairing = false;
        }
    }

    /** Copies schema and rows of the damaged backup into a new file, all or nothing. */
    private boolean salvage(Path backup) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + filename);
                BanDbSql s = new BanDbSql(c)) {
            s.attach(backup.toString(), "bk"); // outside a transaction, as sqlite requires
            c.setAutoCommit(false);
            try {
                List<String> schema = s.schemaOf("bk");
                for (String create : schema) {
                    s.execSchema(create);
                }
                for (String table : BanDbSql.TABLES) {
                    if (schema.stream().anyMatch(x -> x.startsWith("CREATE TABLE " + table + "("))) {
                        s.copyTable("bk", table);
                    }
                }
                c.commit();
                return !schema.isEmpty();
            } catch (SQLException e) {
                c.rollback();
                LOG.debug("  salvage failed: {}", e.getMessage());
                return false;
            }
        } catch (SQLException e) {
            LOG.debug("  salvage failed: {}", e.getMessage());
            return false;
        }
    }

    private void rollbackQuietly() {
        try {
            if (sql != null && !sql.connection().getAutoCommit()) {
                sql.connection().rollback();
            }
        } catch (SQLException e) {
            LOG.debug("rollback failed: {}", e.getMessage());
            try {
                sql.restartTransaction();
            } catch (SQLException e2) {
                LOG.debug("restarting the transaction failed: {}", e2.getMessage());
            }
        }
    }

    private void closeConnection() {
        if (sql == null) {
            return;
        }
        sql.close();
        try {
            sql.connection().close();
        } catch (SQLException e) {
            LOG.debug("close failed: {}", e.getMessage());
        }
        sql = null;
    }

    // ------------------------------------------------------------------ running operations

    @FunctionalInterface
    private interface Read<T> {
        T run(BanDbSql sql) throws SQLException;
    }

    private void ensureOpen() {
        if (closed || sql == null) {
            throw new BanStoreException("fail2ban persistent database " + name() + " is closed", null);
        }
    }

    private <T> T read(String what, Read<T> r) {
        synchronized (lock) {
            ensureOpen();
            try {
                T v = r.run(sql);
                sql.connection().commit();
                return v;
            } catch (SQLException e) {
                rollbackQuietly();
                throw new BanStoreException("Error reading fail2ban persistent database " + name() + " (" + what
                        + "): " + reason(e), e);
            }
        }
    }

    private static boolean transientFailure(SQLException e) {
        switch (code(e)) {
            case SQLITE_BUSY:
            case SQLITE_LOCKED:
            case SQLITE_READONLY:
            case SQLITE_IOERR:
            case SQLITE_FULL:
            case SQLITE_CANTOPEN:
                return true;
            default:
                return false;
        }
    }

    /** Runs queued writes in order; stops at the first one that still cannot be written. */
    private SQLException flushPending() {
        while (!pending.isEmpty()) {
            PendingWrite p = pending.peekFirst();
            try {
                p.write().run(sql);
                sql.connection().commit();
                pending.removeFirst();
                LOG.info("Stored delayed write to fail2ban persistent database '{}': {}", filename, p.what());
            } catch (SQLException e) {
                rollbackQuietly();
                if (transientFailure(e)) {
                    return e;
                }
                pending.removeFirst();
                LOG.error("Dropped delayed write to fail2ban persistent database '{}' ({}): {}", filename, p.what(),
                        reason(e));
            }
        }
        return null;
    }

    private void enqueue(PendingWrite p) {
        if (pending.size() >= MAX_PENDING) {
            PendingWrite lost = pending.removeFirst();
            LOG.error("Too many delayed writes to fail2ban persistent database '{}'; lost: {}", filename, lost.what());
        }
        pending.addLast(p);
    }

    private void write(String what, boolean retry, Write w) {
        synchronized (lock) {
            ensureOpen();
            SQLException blocked = flushPending();
            if (blocked != null) {
                if (retry) {
                    enqueue(new PendingWrite(what, w));
                }
                throw writeError(what, blocked, retry);
            }
            try {
                w.run(sql);
                sql.connection().commit();
            } catch (SQLException e) {
                rollbackQuietly();
                boolean keep = retry && transientFailure(e);
                if (keep) {
                    enqueue(new PendingWrite(what, w));
                }
                throw writeError(what, e, keep);
            }
        }
    }

    private BanStoreException writeError(String what, SQLException e, boolean kept) {
        return new BanStoreException("Error writing fail2ban persistent database " + name() + " (" + what + "): "
                + reason(e) + (kept ? "; kept in memory, " + pending.size()
                        + " write(s) will be retried with the next write" : ""), e);
    }

    /** The writes kept in memory after write errors, waiting to be retried. */
    public int pendingWrites() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /**
     * Retries the writes kept after write errors now.
     *
     * @return true if none is left
     */
    public boolean retryPendingWrites() {
        synchronized (lock) {
            ensureOpen();
            return flushPending() == null;
        }
    }

    /** Test hook: runs a pragma on the connection (to simulate a full or read-only database). */
    void pragma(String pragma) throws SQLException {
        synchronized (lock) {
            ensureOpen();
            sql.connection().commit();
            sql.connection().setAutoCommit(true);
            try {
                sql.pragma(pragma);
            } finally {
                sql.connection().setAutoCommit(false);
            }
        }
    }

    // ------------------------------------------------------------------ settings

    @Override
    public String filename() {
        return filename;
    }

    @Override
    public Duration purgeAge() {
        synchronized (lock) {
            return purgeAge;
        }
    }

    @Override
    public void setPurgeAge(Duration value) {
        Objects.requireNonNull(value, "purgeAge");
        synchronized (lock) {
            purgeAge = value;
        }
    }

    @Override
    public int maxMatches() {
        synchronized (lock) {
            return maxMatches;
        }
    }

    @Override
    public void setMaxMatches(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("dbmaxmatches must not be negative: " + value);
        }
        synchronized (lock) {
            maxMatches = value;
        }
    }

    // ------------------------------------------------------------------ jails

    @Override
    public void addJail(String jail) {
        Objects.requireNonNull(jail, "jail");
        write("add jail " + jail, true, s -> s.addJail(jail));
    }

    @Override
    public void delJail(String jail) {
        Objects.requireNonNull(jail, "jail");
        write("delete jail " + jail, true, s -> s.delJail(jail));
    }

    @Override
    public void delAllJails() {
        write("delete all jails", true, BanDbSql::delAllJails);
    }

    @Override
    public Set<String> getJailNames() {
        return read("jail names", s -> s.jailNames(null));
    }

    @Override
    public Set<String> getJailNames(boolean enabled) {
        return read("jail names", s -> s.jailNames(enabled));
    }

    // ------------------------------------------------------------------ logs

    @Override
    public OptionalLong addLog(String jail, String path, long pos, String firstLineHash) {
        Objects.requireNonNull(jail, "jail");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(firstLineHash, "firstLineHash");
        synchronized (lock) {
            Object[] row = read("log " + path, s -> s.log(jail, path));
            String storedHash = row == null ? null : (String) row[0];
            if (storedHash == null) {
                write("add log " + path, false, s -> s.putLog(jail, path, firstLineHash, pos));
            }
            if (row == null || row[1] == null || !firstLineHash.equals(storedHash)) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(((Number) row[1]).longValue());
        }
    }

    @Override
    public Set<String> getLogPaths() {
        return read("log paths", s -> s.logPaths(null));
    }

    @Override
    public Set<String> getLogPaths(String jail) {
        Objects.requireNonNull(jail, "jail");
        return read("log paths", s -> s.logPaths(jail));
    }

    @Override
    public void updateLog(String jail, String path, long pos, String firstLineHash) {
        Objects.requireNonNull(jail, "jail");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(firstLineHash, "firstLineHash");
        write("update log " + path, false, s -> {
            if (s.updateLog(jail, path, firstLineHash, pos) == 0) {
                s.putLog(jail, path, firstLineHash, pos);
            }
        });
    }

    @Override
    public OptionalDouble getJournalPos(String jail, String name) {
        Objects.requireNonNull(jail, "jail");
        Objects.requireNonNull(name, "name");
        Object[] row = read("journal " + name, s -> s.log(jail, name));
        if (row == null || row[1] == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(((Number) row[1]).doubleValue());
    }

    @Override
    public void updateJournal(String jail, String name, double time, String iso) {
        Objects.requireNonNull(jail, "jail");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(iso, "iso");
        Object pos = time == Math.rint(time) && Math.abs(time) < 0x1p53 ? (Object) (long) time : (Object) time;
        write("update journal " + name, false, s -> {
            if (s.updateLog(jail, name, iso, pos) == 0) {
                s.putLog(jail, name, iso, pos);
            }
        });
    }

    // ------------------------------------------------------------------ bans

    @Override
    public void addBan(String jail, FailTicket ticket, BanTime jailBanTime) {
        Objects.requireNonNull(jail, "jail");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(jailBanTime, "jailBanTime");
        String ip = ticket.id().toString();
        Map<String, Object> data = ticket.data();
        int max;
        synchronized (lock) {
            max = maxMatches;
            mergedCache.keySet().removeIf(k -> k.ip() == null || k.ip().equals(ip));
        }
        Object matches = data.get(FailTicket.MATCHES);
        if (max > 0) {
            if (matches instanceof List<?> l && l.size() > max) {
                data.put(FailTicket.MATCHES, new ArrayList<Object>(l.subList(l.size() - max, l.size())));
            }
        } else if (matches instanceof List<?> l && !l.isEmpty()) {
            data.remove(FailTicket.MATCHES);
        }
        byte[] json = TicketDataJson.write(data);
        long timeOfBan = EpochSeconds.roundHalfEven(ticket.time());
        Number banTime = ticket.banTime(jailBanTime).toNumber();
        int banCount = ticket.banCount();
        write("add ban of " + ip + " in jail " + jail, true,
                s -> s.insertBan(jail, ip, timeOfBan, banTime, banCount, json));
    }

    @Override
    public void delBan(String jail, List<IpAddress> ids) {
        Objects.requireNonNull(jail, "jail");
        List<String> ips = new ArrayList<>(ids.size());
        for (IpAddress id : ids) {
            ips.add(id.toString());
        }
        synchronized (lock) {
            mergedCache.clear();
        }
        if (ips.isEmpty()) {
            write("delete all bans of jail " + jail, true, s -> s.deleteBans(jail));
        } else {
            write("delete bans of " + String.join(", ", ips) + " in jail " + jail, true, s -> {
                for (String ip : ips) {
                    s.deleteBans(jail, ip);
                }
            });
        }
    }

    private Double since(BanTime banTime, boolean negativeMeansAll) {
        if (banTime == null) {
            return null;
        }
        double seconds = banTime.toNumber().doubleValue();
        if (negativeMeansAll && seconds < 0) {
            return null;
        }
        return EpochSeconds.toDouble(clock.instant()) - seconds;
    }

    @Override
    public List<FailTicket> getBans(BanQuery query) {
        List<Object[]> rows = read("bans", s -> s.bans(query.jail().orElse(null),
                since(query.banTime().orElse(null), true), query.ip().map(IpAddress::toString).orElse(null)));
        List<FailTicket> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            FailTicket t = new FailTicket(IpAddress.parse((String) r[0]), EpochSeconds.toInstant((Number) r[1]));
            t.replaceData(TicketDataJson.read((byte[]) r[2]));
            out.add(t);
        }
        return out;
    }

    @Override
    public List<FailTicket> getBansMerged(BanQuery query) {
        String ip = query.ip().map(IpAddress::toString).orElse(null);
        String jail = query.jail().orElse(null);
        BanTime bt = query.banTime().orElse(null);
        synchronized (lock) {
            MergedKey key = null;
            if (bt == null || bt.toNumber().doubleValue() < 0) {
                key = new MergedKey(ip, jail);
                List<FailTicket> cached = mergedCache.get(key);
                if (cached != null) {
                    return copies(cached);
                }
            }
            List<Object[]> rows = read("merged bans", s -> s.bans(jail, since(bt, true), ip));
            List<FailTicket> tickets = merge(rows);
            if (key != null) {
                mergedCache.put(key, tickets);
            }
            return copies(tickets);
        }
    }

    private static List<FailTicket> copies(List<FailTicket> tickets) {
        List<FailTicket> out = new ArrayList<>(tickets.size());
        for (FailTicket t : tickets) {
            out.add(new FailTicket(t));
        }
        return out;
    }

    /** Upstream's merge loop of {@code getBansMerged}, rows ordered by ip and newest first. */
    private List<FailTicket> merge(List<Object[]> rows) {
        List<FailTicket> tickets = new ArrayList<>();
        if (rows.isEmpty()) {
            return tickets;
        }
        String prevIp = (String) rows.get(0)[0];
        Number prevTime = null;
        List<Object> matches = new ArrayList<>();
        long failures = 0;
        Map<String, Object> tickData = new LinkedHashMap<>();
        String ip = prevIp;
        for (Object[] r : rows) {
            ip = (String) r[0];
            if (!ip.equals(prevIp)) {
                FailTicket t = new FailTicket(IpAddress.parse(prevIp), EpochSeconds.toInstant(prevTime), matches);
                t.setAttempt((int) failures);
                tickets.add(t);
                prevIp = ip;
                matches = new ArrayList<>();
                failures = 0;
                tickData = new LinkedHashMap<>();
            }
            Map<String, Object> data = TicketDataJson.read((byte[]) r[2]);
            List<?> m = TicketDataJson.matchesOf(data);
            int maxAdd = maxMatches - matches.size();
            if (maxAdd > 0) {
                List<Object> merged = new ArrayList<>(m.size() <= maxAdd ? m : m.subList(m.size() - maxAdd,
                        m.size()));
                merged.addAll(matches);
                matches = merged;
            }
            Object f = data.get(FailTicket.FAILURES);
            failures += f instanceof Number n ? n.longValue() : 1;
            data.put(FailTicket.FAILURES, failures);
            data.put(FailTicket.MATCHES, matches);
            tickData.putAll(data);
            prevTime = (Number) r[1];
        }
        tickets.add(new FailTicket(IpAddress.parse(ip), EpochSeconds.toInstant(prevTime), List.of(), tickData));
        return tickets;
    }

    @Override
    public List<BanRecord> getBan(IpAddress id, BanQuery query) {
        Objects.requireNonNull(id, "id");
        Double after = since(query.banTime().orElse(null), false);
        Double from = query.fromTime().map(EpochSeconds::toDouble).orElse(null);
        List<Object[]> rows = read("ban of " + id, s -> s.ban(id.toString(), query.jail().orElse(null),
                query.overallJails(), after, from));
        List<BanRecord> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new BanRecord(((Number) r[0]).intValue(), EpochSeconds.toInstant((Number) r[1]),
                    BanTime.of((Number) r[2])));
        }
        return out;
    }

    @Override
    public List<FailTicket> getCurrentBans(CurrentBansQuery query) {
        double from = EpochSeconds.toDouble(query.fromTime().orElseGet(clock::instant));
        CurrentBansQuery.JailBanTimes jail = query.jail().orElse(null);
        Number correct;
        switch (query.correction()) {
            case JAIL_MAX:
                correct = jail == null || jail.maxBanTime().isPermanent() ? null : jail.maxBanTime().toNumber();
                break;
            case VALUE:
                correct = query.correctBanTimeValue().toNumber();
                break;
            default:
                correct = null;
                break;
        }
        boolean correctTruthy = correct != null && correct.doubleValue() != 0;
        BanTime forBanTime = query.forBanTime().orElse(null);
        Double after = forBanTime == null || forBanTime.isPermanent() ? null
                : from - forBanTime.toNumber().doubleValue();
        String ip = query.ip().map(IpAddress::toString).orElse(null);
        List<Object[]> rows = read("current bans", s -> s.currentBans(jail == null ? null : jail.name(), ip, after,
                from));
        int max = query.maxMatches().orElse(maxMatches());
        List<FailTicket> out = new ArrayList<>();
        for (Object[] r : rows) {
            String banIp = (String) r[0];
            if (banIp == null || banIp.isEmpty() || r[1] == null || r[2] == null || r[3] == null) {
                LOG.debug("get current bans: ignore row with ip {}", banIp);
                continue;
            }
            Number timeOfBan = (Number) r[1];
            Number banTime = (Number) r[2];
            double bt = banTime.doubleValue();
            if (bt == -2) {
                banTime = jail != null ? jail.banTime().toNumber() : correctTruthy ? correct : (Number) 600L;
            } else if (correctTruthy && correct.doubleValue() >= 0) {
                if (bt == -1 || bt > correct.doubleValue()) {
                    banTime = correct;
                }
            }
            if (banTime.doubleValue() != -1 && timeOfBan.doubleValue() + banTime.doubleValue() <= from) {
                LOG.debug("ignore ticket (with new max ban-time {}): too old {} <= {}, ticket: {}", banTime,
                        timeOfBan.doubleValue() + banTime.doubleValue(), from, banIp);
                continue;
            }
            FailTicket t = new FailTicket(IpAddress.parse(banIp), EpochSeconds.toInstant(timeOfBan), List.of(),
                    TicketDataJson.read((byte[]) r[4]));
            if (max > 0) {
                if (t.matchCount() > max) {
                    t.keepLastMatches(max);
                }
            } else {
                t.setMatches(List.of());
            }
            t.setBanTime(BanTime.of(banTime));
            t.setBanCount(((Number) r[3]).intValue());
            out.add(t);
            if (ip != null) {
                break;
            }
        }
        return out;
    }

    @Override
    public void purge() {
        Instant now = clock.instant();
        Duration age;
        synchronized (lock) {
            mergedCache.clear();
            age = purgeAge;
        }
        double bansBefore = EpochSeconds.toDouble(now) - (age.getSeconds() + age.getNano() / 1e9);
        Number bipsBefore = age.getNano() == 0 ? (Number) (now.getEpochSecond() - age.getSeconds())
                : (Number) (now.getEpochSecond() - (age.getSeconds() + age.getNano() / 1e9));
        write("purge", false, s -> s.purge(bansBefore, bipsBefore, OUT_DATED_FACTOR));
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (sql != null && !pending.isEmpty()) {
                SQLException e = flushPending();
                if (e != null) {
                    LOG.error("Closing fail2ban persistent database '{}' with {} unwritten change(s): {}", filename,
                            pending.size(), reason(e));
                }
            }
            LOG.debug("Close connection to database ...");
            closeConnection();
            closed = true;
            LOG.info("Connection to database closed.");
        }
    }

    @Override
    public String toString() {
        return "SqliteBanStore[" + filename + "]";
    }
}
