package org.fail2ban4j.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** The loggers of this package, under upstream's names ({@code fail2ban.ipdns}, {@code fail2ban.filter}). */
final class IpDnsLog {

    /** Upstream {@code fail2ban/server/ipdns.py} logger. */
    static final Logger LOG = LoggerFactory.getLogger("fail2ban.ipdns");
    /** Upstream {@code fail2ban/server/filter.py} logger (ignore list messages). */
    static final Logger FILTER = LoggerFactory.getLogger("fail2ban.filter");
    /** Upstream's {@code MSG} level (INFO - 2): logged at INFO with this marker. */
    static final Marker MSG = MarkerFactory.getMarker("MSG");

    private IpDnsLog() {
    }
}
