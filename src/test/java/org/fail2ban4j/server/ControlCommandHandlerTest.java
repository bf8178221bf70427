package org.fail2ban4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fail2ban4j.protocol.ControlCommand;
import org.fail2ban4j.protocol.ControlReply;
import org.fail2ban4j.protocol.PyException;
import org.fail2ban4j.protocol.PyTuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ControlCommandHandlerTest {
    private final ServerFixture f = new ServerFixture();

    @AfterEach
    void quit() {
        f.close();
    }

    private void startJail(String name) {
        assertNull(f.ok("server-stream", ServerFixture.jailStream(name)));
    }

    @Test
    void everyCommandRecordHasAHandler() {
        Set<Class<?>> records = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(ControlCommand.class));
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (c.isRecord()) {
                records.add(c);
            } else if (c.getPermittedSubclasses() != null) {
                todo.addAll(List.of(c.getPermittedSubclasses()));
            }
        }
        assertTrue(records.size() > 60, "records found: " + records.size());
        assertEquals(records, f.handler.handledTypes());
    }

    @ParameterizedTest
    @CsvSource({
        "ping, pong",
        "version, 1.1.1",
        "server-status, Server ready",
    })
    void simpleReplies(String command, String reply) {
        assertEquals(reply, f.ok(command));
    }

    @Test
    void echoRepliesWithItsArguments() {
        assertEquals(List.of("a", 1L), f.ok("echo", "a", 1L));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "builtins.Exception | Invalid command | nosuchcommand",
        "builtins.Exception | Invalid command 'foo' (no set action or not yet implemented) | set,j,foo,1",
        "builtins.IndexError | list index out of range | start",
        "fail2ban.exceptions.UnknownJailException | 'nojail' | status,nojail",
        "fail2ban.exceptions.UnknownJailException | 'nojail' | set,nojail,banip,1.2.3.4",
        "fail2ban.exceptions.UnknownJailException | 'nojail' | get,nojail,banned",
    })
    void failuresCarryUpstreamsExceptions(String type, String message, String command) {
        PyException e = f.error((Object[]) command.split(","));
        assertEquals(type, e.qualifiedName());
        assertEquals(message, e.message());
    }

    @Test
    void serverStatusListsJailsSorted() {
        assertEquals(List.of(PyTuple.of("Number of jail", 0L), PyTuple.of("Jail list", "")), f.ok("status"));
        f.ok("add", "zeta", "polling");
        startJail("alpha");
        assertEquals(List.of(PyTuple.of("Number of jail", 2L), PyTuple.of("Jail list", "alpha, zeta")),
                f.ok("status"));
    }

    @Test
    void streamConfiguresAndStartsAJail() {
        startJail("test");
        assertEquals(List.of(ServerFixture.LOG), f.ok("get", "test", "logpath"));
        assertEquals(3L, f.ok("get", "test", "maxretry"));
        assertEquals(600L, f.ok("get", "test", "findtime"));
        assertEquals(3600L, f.ok("get", "test", "bantime"));
        assertEquals(List.of("rec"), f.ok("get", "test", "actions"));
        assertEquals("echo ban <ip>", f.ok("get", "test", "action", "rec", "actionban"));
        // upstream's pairs are tuples
        assertEquals(List.of(PyTuple.of("Filter", List.of(PyTuple.of("Currently failed", 0L),
                PyTuple.of("Total failed", 0L), PyTuple.of("File list", List.of(ServerFixture.LOG)))),
                PyTuple.of("Actions", List.of(PyTuple.of("Currently banned", 0L), PyTuple.of("Total banned", 0L),
                PyTuple.of("Banned IP list", List.of())))), f.ok("status", "test"));
    }

    @Test
    void banUnbanAndQueries() {
        startJail("test");
        assertEquals(2L, f.ok("set", "test", "banip", "192.0.2.1", "192.0.2.2"));
        assertEquals(0L, f.ok("set", "test", "banip", "192.0.2.1"));
        assertTrue(f.scripts().contains("echo ban 192.0.2.1"), f.scripts().toString());
        assertEquals(List.of("192.0.2.1", "192.0.2.2"), f.ok("get", "test", "banned"));
        assertEquals(1L, f.ok("get", "test", "banned", "192.0.2.2"));
        assertEquals(List.of(1L, 0L), f.ok("get", "test", "banned", "192.0.2.2", "192.0.2.9"));
        assertEquals(List.of(Map.of("test", List.of("192.0.2.1", "192.0.2.2"))), f.ok("banned"));
        assertEquals(List.of(List.of("test"), List.of()), f.ok("banned", "192.0.2.1", "192.0.2.9"));
        assertEquals(1L, f.ok("set", "test", "unbanip", "192.0.2.1"));
        assertTrue(f.scripts().contains("echo unban 192.0.2.1"), f.scripts().toString());
        PyException e = f.error("set", "test", "unbanip", "--report-absent", "192.0.2.1");
        assertEquals("builtins.ValueError", e.qualifiedName());
        assertEquals("not banned: ['192.0.2.1']", e.message());
        assertEquals(0L, f.ok("set", "test", "unbanip", "192.0.2.1"));
        assertEquals(1L, f.ok("unban", "--all"));
        assertEquals(List.of(), f.ok("get", "test", "banned"));
    }

    @Test
    void statisticsAndStatusOfAll() {
        startJail("test");
        f.ok("set", "test", "banip", "192.0.2.1");
        assertEquals(Map.of("test", List.of("polling", PyTuple.of(0L, 0L), PyTuple.of(1L, 1L))), f.ok("stats"));
        Object all = f.ok("status", "--all", "short");
        assertTrue(all instanceof List<?> l && l.size() == 3 && l.get(2) instanceof Map, String.valueOf(all));
    }

    @Test
    void duplicateJailAndReservedName() {
        f.ok("add", "test", "polling");
        PyException e = f.error("add", "test", "polling");
        assertEquals("fail2ban.exceptions.DuplicateJailException", e.qualifiedName());
        assertEquals("Reserved name '--all'", f.error("add", "--all").message());
    }

    @Test
    void stopJailRemovesItAndRunsStopCommand() {
        startJail("test");
        assertNull(f.ok("stop", "test"));
        assertTrue(f.scripts().contains("echo stop test"), f.scripts().toString());
        assertEquals(List.of(PyTuple.of("Number of jail", 0L), PyTuple.of("Jail list", "")), f.ok("status"));
    }

    @Test
    void databaseSettings() {
        assertNull(f.ok("get", "dbfile"));
        assertNull(f.ok("set", "dbmaxmatches", "5"));
        assertEquals("/tmp/x/f2b.sqlite3", f.ok("set", "dbfile", "/tmp/x/f2b.sqlite3").toString()
                .replace(":memory:", "/tmp/x/f2b.sqlite3"));
        assertEquals(List.of("/tmp/x/f2b.sqlite3"), f.opened);
        assertEquals(5L, f.ok("set", "dbmaxmatches", "5"));
        assertEquals(5L, f.ok("get", "dbmaxmatches"));
        assertEquals(86400L, f.ok("set", "dbpurgeage", "1d"));
        assertEquals(86400L, f.ok("get", "dbpurgeage"));
        f.ok("add", "test", "polling");
        PyException e = f.error("set", "dbfile", "None");
        assertEquals("builtins.RuntimeError", e.qualifiedName());
        assertEquals("Cannot change database when there are jails present", e.message());
    }

    @Test
    void logLevelAndThreadOptions() {
        assertEquals("DEBUG", f.ok("set", "loglevel", "debug"));
        assertEquals("DEBUG", f.ok("get", "loglevel"));
        assertNull(f.ok("set", "thread", Map.of("stacksize", 64L)));
        assertEquals(Map.of("stacksize", 64L), f.ok("get", "thread"));
        assertEquals("builtins.KeyError", f.error("set", "thread", Map.of("nosuch", 1L)).qualifiedName());
        // Python's threading.stack_size refuses a size other than 0 below 32 KiB
        assertEquals("size not valid: 1024 bytes", f.error("set", "thread", Map.of("stacksize", 1L)).message());
        assertEquals(Map.of("stacksize", 64L), f.ok("get", "thread"), "a refused size changes nothing");
        assertEquals(64L * 1024, org.fail2ban4j.jail.Jails.threadStackSize(), "jail threads get the size");
        assertNull(f.ok("set", "thread", Map.of("stacksize", 0L)));
        assertEquals(Map.of("stacksize", 0L), f.ok("get", "thread"));
    }

    @Test
    void actionPropertiesAndMethods() {
        startJail("test");
        assertEquals("22", f.ok("set", "test", "action", "rec", "port", "22"));
        assertTrue(((List<?>) f.ok("get", "test", "actionproperties", "rec")).contains("port"));
        assertTrue(((List<?>) f.ok("get", "test", "actionmethods", "rec")).contains("ban"));
        assertEquals("builtins.KeyError", f.error("get", "test", "action", "nope", "port").qualifiedName());
        assertEquals("builtins.AttributeError", f.error("get", "test", "action", "rec", "nope").qualifiedName());
        assertNull(f.ok("set", "test", "delaction", "rec"));
        assertEquals(List.of(), f.ok("get", "test", "actions"));
    }

    @Test
    void failingStreamStopsAtTheFirstBadCommand() {
        PyException e = f.error("server-stream", List.of(List.of("add", "a", "polling"), List.of("start", "nojail"),
                List.of("add", "b", "polling")));
        assertEquals("fail2ban.exceptions.UnknownJailException", e.qualifiedName());
        assertEquals(List.of(PyTuple.of("Number of jail", 1L), PyTuple.of("Jail list", "a")), f.ok("status"));
    }

    @Test
    void reloadKeepsJailsConfiguredAgainAndRemovesOthers() {
        startJail("keep");
        f.ok("add", "gone", "polling");
        f.ok("start", "gone");
        f.ok("set", "keep", "banip", "192.0.2.7");
        assertEquals("OK", f.ok("reload", "--all", List.of(), ServerFixture.jailStream("keep")));
        assertEquals(1, f.cacheClears, "reload --all empties the name caches");
        assertEquals(List.of(PyTuple.of("Number of jail", 1L), PyTuple.of("Jail list", "keep")), f.ok("status"));
        assertEquals(1L, f.ok("get", "keep", "banned", "192.0.2.7"));
        List<?> regexes = (List<?>) f.ok("get", "keep", "failregex");
        assertEquals(1, regexes.size());
        assertTrue(regexes.get(0).toString().startsWith("Failed password for \\S+ from (?:"), regexes.toString());
        assertEquals("OK", f.ok("reload", "keep", List.of("--unban"), ServerFixture.jailStream("keep")));
        assertEquals(1, f.cacheClears, "a reload of one jail keeps them");
        assertEquals(0L, f.ok("get", "keep", "banned", "192.0.2.7"));
        assertEquals("fail2ban.exceptions.UnknownJailException",
                f.error("reload", "keep", List.of(), List.of(List.of("start", "x"))).qualifiedName());
        assertEquals(List.of(PyTuple.of("Number of jail", 0L), PyTuple.of("Jail list", "")), f.ok("status"),
                "a jail not configured again by the reload stream is removed, also when the stream fails");
    }

    @Test
    void reloadWithRestartAndIfExists() {
        startJail("test");
        f.ok("set", "test", "banip", "192.0.2.8");
        assertEquals("OK", f.ok("reload", "test", List.of("--restart"), ServerFixture.jailStream("test")));
        assertEquals(0L, f.ok("get", "test", "banned", "192.0.2.8"), "--restart lifts the bans (no database here)");
        assertTrue(f.scripts().contains("echo unban 192.0.2.8"), f.scripts().toString());
        assertEquals("fail2ban.exceptions.UnknownJailException",
                f.error("reload", "nojail", List.of(), List.of()).qualifiedName());
        assertEquals("OK", f.ok("reload", "nojail", List.of("--if-exists"), List.of()));
    }

    @Test
    void stopQuitsTheServer() throws Exception {
        startJail("test");
        assertNull(f.ok("stop"));
        // the reply comes first, the server quits right after on a thread of its own
        f.server.awaitQuit();
        assertTrue(f.server.isQuit());
        assertTrue(f.scripts().contains("echo stop test"), f.scripts().toString());
        assertTrue(f.send("ping") instanceof ControlReply.ProtocolError);
        assertFalse(f.server.jails().exists("test"));
    }
}
