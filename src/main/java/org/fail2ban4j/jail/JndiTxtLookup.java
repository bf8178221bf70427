package org.fail2ban4j.jail;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Objects;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * The production {@link TxtLookup}: TXT queries through the JDK's DNS directory provider ({@code jdk.naming.dns})
 * with the system's name servers, as upstream's {@code dns.resolver.Resolver()} with a timeout.
 */
public final class JndiTxtLookup implements TxtLookup {

    private final Duration timeout;

    /**
     * A lookup.
     *
     * @param timeout the time one query may take (upstream's {@code lifetime}, 10 s by default)
     */
    public JndiTxtLookup(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("DNS timeout must be positive: " + timeout);
        }
    }

    @Override
    public List<String> txt(String name) throws IOException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", "dns:");
        long halfMillis = Math.max(1, timeout.toMillis() / 2);
        env.put("com.sun.jndi.dns.timeout.initial", Long.toString(halfMillis));
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        DirContext ctx = null;
        try {
            ctx = new InitialDirContext(env);
            Attributes attrs = ctx.getAttributes(name, new String[] {"TXT"});
            Attribute txt = attrs.get("TXT");
            List<String> out = new ArrayList<>();
            if (txt != null) {
                NamingEnumeration<?> values = txt.getAll();
                while (values.hasMore()) {
                    out.add(String.valueOf(values.next()));
                }
            }
            return out;
        } catch (NameNotFoundException e) {
            throw new NoSuchNameException(name);
        } catch (NamingException e) {
            throw new IOException("DNS TXT query for " + name + " failed: " + e.getMessage(), e);
        } finally {
            if (ctx != null) {
                try {
                    ctx.close();
                } catch (NamingException e) {
                    // nothing to release beyond the context itself
                }
            }
        }
    }
}
