package io.posthorn.source;

import java.nio.ByteBuffer;
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
        if (charset != null) {
            return lineEnds(new String(bytes, from, to - from, charset));
        }
        // fast path: the intrinsic decoder; only text that came out with U+FFFD needs the strict checks
        String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            String strict = strict(bytes, from, to, StandardCharsets.UTF_8);
            if (strict == null) {
                strict = strict(bytes, from, to, GB18030);
            }
            text = strict != null ? strict : text; // else UTF-8 with replacement characters
        }
        return lineEnds(text);
    }

    /** Decodes {@code bytes} in {@code charset} (invalid sequences replaced) unless a BOM says otherwise. */
    public static String decode(byte[] bytes, Charset charset) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return lineEnds(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            return lineEnds(new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE));
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            return lineEnds(new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE));
        }
        return decode(bytes, 0, bytes.length, charset);
    }

    private static String lineEnds(String text) {
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

    /** {@code bytes[from, to)} in {@code charset}, or null when they are not valid in it. */
    private static String strict(byte[] bytes, int from, int to, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
