package io.posthorn.source;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns file bytes into text. Rule: a byte-order mark decides (UTF-8, UTF-16 LE/BE); otherwise
 * strict UTF-8; if that fails, GB18030 (a superset of GBK, common for Chinese sources) when it
 * decodes cleanly; otherwise UTF-8 with invalid sequences replaced by U+FFFD. Line endings are
 * normalised to {@code \n}. A source may instead name its charset in {@code feeds.yml}
 * ({@code encoding:}), which then wins over everything but a BOM. Thread-safe: stateless.
 */
public final class TextDecoder {
    private static final Charset GB18030 = Charset.forName("GB18030");

    private TextDecoder() {
    }

    /** Decodes {@code bytes}; never throws on bad input. */
    public static String decode(byte[] bytes) {
        return decode(bytes, null);
    }

    /**
     * Decodes {@code bytes[from, to)} of a file without a BOM by the same rule (or in {@code charset});
     * the range must start and end on a character boundary of an ASCII-compatible encoding.
     */
    public static String decode(byte[] bytes, int from, int to, Charset charset) {
        String text;
        if (charset != null) {
            text = new String(bytes, from, to - from, charset);
        } else {
            text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
            if (text.indexOf('\uFFFD') >= 0) {
                byte[] range = java.util.Arrays.copyOfRange(bytes, from, to);
                text = strict(range, StandardCharsets.UTF_8);
                if (text == null) {
                    text = strict(range, GB18030);
                }
                if (text == null) {
                    text = lenient(range, 0, StandardCharsets.UTF_8);
                }
            }
        }
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Decodes {@code bytes} in {@code charset} (invalid sequences replaced) unless a BOM says otherwise. */
    public static String decode(byte[] bytes, Charset charset) {
        String text;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            text = lenient(bytes, 3, StandardCharsets.UTF_8);
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            text = lenient(bytes, 2, StandardCharsets.UTF_16LE);
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            text = lenient(bytes, 2, StandardCharsets.UTF_16BE);
        } else if (charset != null) {
            text = lenient(bytes, 0, charset);
        } else {
            // fast path: the intrinsic decoder; only text that came out with U+FFFD needs the strict check
            text = new String(bytes, StandardCharsets.UTF_8);
            if (text.indexOf('\uFFFD') >= 0) {
                text = strict(bytes, StandardCharsets.UTF_8);
            }
            if (text == null) {
                text = strict(bytes, GB18030);
            }
            if (text == null) {
                text = lenient(bytes, 0, StandardCharsets.UTF_8);
            }
        }
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String strict(byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String lenient(byte[] bytes, int offset, Charset charset) {
        return new String(bytes, offset, bytes.length - offset, charset);
    }
}
