package org.fail2ban4j.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.fail2ban4j.exec.CommandRunner;
import org.fail2ban4j.exec.ExecResult;
import org.fail2ban4j.exec.ShellCommand;

/**
 * Test fake of the {@link CommandRunner} port: runs nothing, records every command, and answers with exit status
 * 0 unless a rule says otherwise ({@link #failWhen}: the next {@code times} commands whose script matches fail
 * with the given status).
 */
public final class RecordingCommandRunner implements CommandRunner {

    /** One recorded run. */
    public record Call(ShellCommand command, Number timeout, Set<Integer> successCodes) {
    }

    private static final class Rule {
        final Predicate<String> script;
        int times;
        final int status;

        Rule(Predicate<String> script, int times, int status) {
            this.script = script;
            this.times = times;
            this.status = status;
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();

    /** The next {@code times} commands whose script contains {@code text} exit with status 1. */
    public synchronized RecordingCommandRunner failWhenContains(String text, int times) {
        return failWhen(s -> s.contains(text), times, 1);
    }

    /**
     * The next {@code times} commands whose script matches exit with {@code status}; rules are tried in the
     * order added, each run consumes at most one rule.
     */
    public synchronized RecordingCommandRunner failWhen(Predicate<String> script, int times, int status) {
        rules.add(new Rule(script, times, status));
        return this;
    }

    /** Commands whose script matches always exit with {@code status}. */
    public synchronized RecordingCommandRunner alwaysFailWhen(Predicate<String> script, int status) {
        return failWhen(script, Integer.MAX_VALUE, status);
    }

    @Override
    public synchronized ExecResult run(ShellCommand command, Number timeoutSeconds, Set<Integer> successCodes) {
        calls.add(new Call(command, timeoutSeconds, successCodes));
        int status = 0;
        for (Rule r : rules) {
            if (r.times > 0 && r.script.test(command.script())) {
                if (r.times != Integer.MAX_VALUE) {
                    r.times--;
                }
                status = r.status;
                break;
            }
        }
        return ExecResult.of(successCodes.contains(status), status, "", "");
    }

    /** All recorded runs, oldest first. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The recorded commands. */
    public synchronized List<ShellCommand> commands() {
        return calls.stream().map(Call::command).collect(Collectors.toList());
    }

    /** The scripts of the recorded commands. */
    public synchronized List<String> scripts() {
        return calls.stream().map(c -> c.command().script()).collect(Collectors.toList());
    }

    /** Forgets the recorded runs (rules stay). */
    public synchronized void clear() {
        calls.clear();
    }
}
