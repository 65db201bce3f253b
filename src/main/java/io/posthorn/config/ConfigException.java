package io.posthorn.config;

/** A configuration problem, its message already naming the file, line and key. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
