package org.fail2ban4j.jail;

import java.io.IOException;
import java.util.List;

/**
 * Port (what {@code status <jail> cymru} needs from upstream's {@code dns.resolver}): the TXT records of a DNS
 * name. The production adapter is {@link JndiTxtLookup}; tests use a table.
 */
@FunctionalInterface
public interface TxtLookup {

    /** A lookup for hosts without a DNS TXT resolver: every query fails. */
    TxtLookup UNAVAILABLE = name -> {
        throw new IOException("no DNS TXT resolver available");
    };

    /**
     * The TXT records of a name.
     *
     * @param name the DNS name, e.g. {@code 4.3.2.1.origin.asn.cymru.com}
     * @return the record texts (each record's strings joined), possibly empty
     * @throws NoSuchNameException when the name does not exist (NXDOMAIN)
     * @throws IOException when the query fails otherwise (no server, timeout)
     */
    List<String> txt(String name) throws IOException;

    /** The name does not exist (upstream's {@code dns.resolver.NXDOMAIN}). */
    final class NoSuchNameException extends IOException {
        private static final long serialVersionUID = 1L;

        /**
         * @param name the name that does not exist
         */
        public NoSuchNameException(String name) {
            super("The DNS query name does not exist: " + name);
        }
    }
}
