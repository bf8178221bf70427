package org.fail2ban4j.jail;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.fail2ban4j.action.JailContext;
import org.fail2ban4j.action.MergedBans;
import org.fail2ban4j.ban.BanList;
import org.fail2ban4j.ban.FailTicket;
import org.fail2ban4j.ban.FailureCounter;
import org.fail2ban4j.net.IpAddress;
import org.fail2ban4j.persist.BanQuery;
import org.fail2ban4j.persist.BanStore;

/**
 * The {@link JailContext} of a jail's actions (upstream's {@code jail}, {@code jail.actions.banManager},
 * {@code jail.filter.failManager} and {@code jail.database} as actions and ban infos read them). Thread-safe: it
 * reads the internally locked counter and ban list and the thread-safe store.
 */
final class JailActionContext implements JailContext {

    private final String name;
    private final BanList banList;
    private final FailureCounter counter;
    private final Optional<BanStore> store;
    private final IntSupplier incrementEpoch;

    JailActionContext(String name, BanList banList, FailureCounter counter, Optional<BanStore> store,
            IntSupplier incrementEpoch) {
        this.name = Objects.requireNonNull(name, "name");
        this.banList = Objects.requireNonNull(banList, "banList");
        this.counter = Objects.requireNonNull(counter, "counter");
        this.store = Objects.requireNonNull(store, "store");
        this.incrementEpoch = Objects.requireNonNull(incrementEpoch, "incrementEpoch");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long banTime() {
        return TicketSubject.seconds(banList.banTime());
    }

    @Override
    public int bannedCount() {
        return banList.size();
    }

    @Override
    public long bannedTotal() {
        return banList.banTotal();
    }

    @Override
    public int foundCount() {
        return counter.size();
    }

    @Override
    public long foundTotal() {
        return counter.failTotal();
    }

    @Override
    public Optional<MergedBans> mergedBans(IpAddress ip, boolean allJails) {
        if (store.isEmpty()) {
            return Optional.empty();
        }
        BanQuery q = BanQuery.all().ip(ip);
        if (!allJails) {
            q = q.jail(name);
        }
        List<FailTicket> merged = store.get().getBansMerged(q);
        if (merged.isEmpty()) {
            return Optional.empty();
        }
        FailTicket t = merged.get(0);
        return Optional.of(new MergedBans(t.matches(), t.attempt()));
    }

    @Override
    public int incrementBanEpoch() {
        return incrementEpoch.getAsInt();
    }
}
