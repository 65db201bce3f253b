package io.posthorn.websub;

import io.posthorn.clean.HttpUrl;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which callback URLs the hub will request: absolute http(s), and (unless private callbacks are
 * allowed) only on public addresses. Every address the host resolves to must be public:
 * loopback, private (RFC 1918, unique-local IPv6), carrier-grade NAT, link-local, multicast and
 * unspecified ones are refused, since a hub that requests any URL it is given would let anyone
 * reach the hub's own network. Checked when a subscription is asked for and again before every
 * request (a name can be re-pointed between the two; the check narrows that window, it cannot
 * close it without resolving for the HTTP client). Thread-safe: immutable.
 */
final class Callbacks {
    private final boolean allowPrivate;

    Callbacks(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** The callback parsed, or the reason it is refused ({@code forbidden}: a valid URL this hub will not call). */
    record Checked(URI uri, String refusal, boolean forbidden) {
    }

    /** The callback's syntax: absolute http(s), no user info, not too long. Resolves nothing. */
    Checked check(String text) {
        if (text == null || text.isBlank()) {
            return new Checked(null, "hub.callback is required", false);
        }
        if (text.length() > 2000) {
            return new Checked(null, "hub.callback is longer than 2000 characters", false);
        }
        Optional<URI> uri = HttpUrl.parse(text);
        if (uri.isEmpty()) {
            return new Checked(null, "hub.callback must be an absolute http or https URL", false);
        }
        if (uri.get().getRawUserInfo() != null) {
            return new Checked(null, "hub.callback must not carry a user name or password", false);
        }
        return new Checked(uri.get(), null, false);
    }

    /** As {@link #refusal}, for a request: forbidden (403) when private, bad (400) when it does not resolve. */
    Checked resolve(URI uri) {
        String refusal = refusal(uri);
        return refusal == null ? new Checked(uri, null, false)
                : new Checked(null, refusal, !refusal.endsWith("does not resolve"));
    }

    /** Why {@code uri}'s host may not be requested now, or null. Resolves the name (blocking). */
    String refusal(URI uri) {
        if (allowPrivate) {
            return null;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!isPublic(a)) {
                    return "hub.callback " + uri.getHost() + " is a loopback, private, link-local or multicast address ("
                            + a.getHostAddress() + "); this hub calls public addresses only";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return "hub.callback host " + uri.getHost() + " does not resolve";
        }
    }

    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            return first != 0 && !(first == 100 && second >= 64 && second < 128) // 0/8, carrier-grade NAT 100.64/10
                    && !(first == 198 && (second == 18 || second == 19)) && first < 224; // benchmarking, class E
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xFE) == 0xFC) {
                return false; // unique local fc00::/7
            }
            // addresses that carry an IPv4 one: judged by it (NAT64 64:ff9b::/96, 6to4 2002::/16, ::/96)
            boolean nat64 = (b[0] & 0xFF) == 0x00 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B;
            boolean sixToFour = (b[0] & 0xFF) == 0x20 && (b[1] & 0xFF) == 0x02;
            boolean compatible = true;
            for (int i = 0; i < 12; i++) {
                compatible &= b[i] == 0;
            }
            byte[] v4 = nat64 || compatible ? java.util.Arrays.copyOfRange(b, 12, 16)
                    : sixToFour ? java.util.Arrays.copyOfRange(b, 2, 6) : null;
            if (v4 != null) {
                try {
                    return isPublic(InetAddress.getByAddress(v4));
                } catch (java.net.UnknownHostException e) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
