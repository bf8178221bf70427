package org.fail2ban4j.config.ini;

/**
 * A configuration that cannot be used. The message is upstream's text where upstream has one; {@link #location()}
 * names the file and line when they are known, and {@link #getMessage()} then ends with them.
 */
public class ConfigException extends RuntimeException {
    private final transient SourceLocation location;
    private final String upstreamMessage;

    public ConfigException(String message, SourceLocation location) {
        this(message, location, null);
    }

    public ConfigException(String message, SourceLocation location, Throwable cause) {
        super(location == null || message.contains(location.file()) ? message : message + " (" + location + ")",
                cause);
        this.location = location;
        this.upstreamMessage = message;
    }

    /** The file and line the problem is in, or null when unknown. */
    public SourceLocation location() {
        return location;
    }

    /** The message without the appended location: the text upstream fail2ban prints for the same problem. */
    public String upstreamMessage() {
        return upstreamMessage;
    }
}
