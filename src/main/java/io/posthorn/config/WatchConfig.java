package io.posthorn.config;

/**
 * How the server follows changes to the folders and to {@code feeds.yml}.
 *
 * @param enabled        watch folders with the WatchService
 * @param debounceMillis quiet time after the last event before an update is applied
 * @param rescanSeconds  full rescan interval that catches what events miss; 0 turns it off
 */
public record WatchConfig(boolean enabled, int debounceMillis, int rescanSeconds) {
    public static final WatchConfig DEFAULTS = new WatchConfig(true, 150, 60);

    public WatchConfig {
        if (debounceMillis < 0) throw new IllegalArgumentException("debounceMillis must be >= 0: " + debounceMillis);
        if (rescanSeconds < 0) throw new IllegalArgumentException("rescanSeconds must be >= 0: " + rescanSeconds);
    }
}
