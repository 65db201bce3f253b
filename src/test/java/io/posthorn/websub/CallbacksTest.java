package io.posthorn.websub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which addresses the hub will call: public ones only, IPv4 inside IPv6 judged by the IPv4 address. */
class CallbacksTest {
    @ParameterizedTest(name = "{0} public={1}")
    @CsvSource(textBlock = """
            93.184.216.34,        true
            8.8.8.8,              true
            127.0.0.1,            false
            10.1.2.3,             false
            172.16.0.1,           false
            192.168.1.1,          false
            169.254.169.254,      false
            100.64.0.1,           false
            0.0.0.0,              false
            224.0.0.1,            false
            198.18.0.1,           false
            2606:4700::1111,      true
            ::1,                  false
            fd00::1,              false
            fe80::1,              false
            ff02::1,              false
            64:ff9b::a9fe:a9fe,   false
            64:ff9b::808:808,     true
            2002:c0a8:0101::1,    false
            2002:0808:0808::1,    true
            ::c0a8:101,           false
            """)
    void onlyPublicAddresses(String address, boolean isPublic) throws Exception {
        assertEquals(isPublic, Callbacks.isPublic(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ftp://example.com/cb                 | hub.callback must be an absolute http or https URL
            /cb                                  | hub.callback must be an absolute http or https URL
            http://user:pw@example.com/cb        | hub.callback must not carry a user name or password
            javascript:alert(1)                  | hub.callback must be an absolute http or https URL
            """)
    void badCallbacksSayWhy(String callback, String reason) {
        assertEquals(reason, new Callbacks(false).check(callback).refusal());
    }

    @org.junit.jupiter.api.Test
    void privateAddressesAreRefusedUnlessAllowed() {
        URI loopback = URI.create("http://127.0.0.1:9/cb");
        assertTrue(new Callbacks(false).resolve(loopback).forbidden());
        assertTrue(new Callbacks(false).resolve(loopback).refusal().contains("127.0.0.1"));
        assertNull(new Callbacks(true).resolve(loopback).refusal());
    }
}
