package org.fail2ban4j.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The slf4j 2 provider of fail2ban4j (registered in {@code META-INF/services/org.slf4j.spi.SLF4JServiceProvider}):
 * every {@code LoggerFactory.getLogger("fail2ban.filter")} logger writes through one {@link LogSink} at fail2ban's
 * levels. Until {@link Logging.Builder#install()} configures it, WARNING and above go to standard error as bare
 * messages (Python's last resort). This provider, created by slf4j's service loader, is the one place that holds
 * process-wide logging state, as any slf4j binding must.
 */
public final class F2bServiceProvider implements SLF4JServiceProvider {
    /** The slf4j API version this provider is written against. */
    public static final String REQUESTED_API_VERSION = "2.0.99";

    private F2bLoggerFactory loggerFactory;
    private IMarkerFactory markerFactory;
    private MDCAdapter mdcAdapter;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return REQUESTED_API_VERSION;
    }

    @Override
    public void initialize() {
        loggerFactory = new F2bLoggerFactory(new LogSink(() -> System.err));
        markerFactory = new BasicMarkerFactory();
        mdcAdapter = new BasicMDCAdapter();
    }
}
