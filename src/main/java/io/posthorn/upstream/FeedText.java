package io.posthorn.upstream;

import io.posthorn.clean.XmlText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes of an upstream document into text a parser can take whole.
 *
 * <p>Charset, in order: a BOM; then bytes that are valid UTF-8 (they win over a declaration
 * that says otherwise: servers and templates often declare wrongly); then the HTTP
 * {@code charset}, then the XML prolog's {@code encoding}; with no usable declaration, GB18030
 * if the bytes decode cleanly in it, else UTF-8 with the invalid bytes dropped. GBK and GB2312
 * are read as GB18030, their superset.
 *
 * <p>Then every character XML forbids (and DEL and the C1 controls) is dropped, literally or as a
 * numeric character reference, so one bad byte costs a character, not the document. Stateless.
 */
final class FeedText {
    private static final Pattern PROLOG_ENCODING = Pattern.compile(
            "^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']");
    private static final Pattern CHAR_REF = Pattern.compile("&#(?:[xX]0*([0-9a-fA-F]{1,9})|0*([0-9]{1,11}));");
    private static final Charset GB18030 = Charset.forName("GB18030");

    private FeedText() {
    }

    /** @param httpCharset the {@code charset} parameter of the response's Content-Type, or null */
    static String decode(byte[] bytes, String httpCharset) {
        return clean(decodeRaw(bytes, httpCharset));
    }

    static String decodeRaw(byte[] bytes, String httpCharset) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return lenient(bytes, 3, StandardCharsets.UTF_8);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return lenient(bytes, 2, StandardCharsets.UTF_16BE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return lenient(bytes, 2, StandardCharsets.UTF_16LE);
        }
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return utf8;
        }
        Charset declared = charset(httpCharset);
        if (declared == null) {
            String head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.ISO_8859_1);
            Matcher m = PROLOG_ENCODING.matcher(head);
            declared = m.find() ? charset(m.group(1)) : null;
        }
        if (declared != null && !declared.equals(StandardCharsets.UTF_8)) {
            return lenient(bytes, 0, declared);
        }
        if (declared == null) {
            String gb = strict(bytes, GB18030);
            if (gb != null) {
                return gb;
            }
        }
        return lenient(bytes, 0, StandardCharsets.UTF_8);
    }

    /** A charset by name, GBK and GB2312 as GB18030; null when unknown. */
    static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.strip().replace("\"", "").toLowerCase(Locale.ROOT);
        if (n.equals("gbk") || n.equals("gb2312") || n.equals("gb_2312-80") || n.equals("x-gbk") || n.equals("cp936")) {
            return GB18030;
        }
        try {
            return Charset.forName(n);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static String strict(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Decodes with bad bytes dropped (not replaced: a replacement character is noise in a title). */
    private static String lenient(byte[] bytes, int offset, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.IGNORE)
                    .onUnmappableCharacter(CodingErrorAction.IGNORE)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(e); // cannot happen with IGNORE
        }
    }

    /** Drops illegal characters and references to them; the encoding declaration no longer applies. */
    static String clean(String text) {
        String legal = XmlText.legal(text);
        Matcher m = CHAR_REF.matcher(legal);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            long cp;
            // leading zeros are allowed in XML and cut by the pattern; an empty rest is &#0;
            String digits = m.group(1) != null ? m.group(1) : m.group(2);
            cp = digits.isEmpty() ? 0 : Long.parseLong(digits, m.group(1) != null ? 16 : 10);
            if (legalCodePoint(cp)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(legal.length());
            }
            out.append(legal, last, m.start());
            if (cp == 0x85) {
                out.append(' ');
            }
            last = m.end();
        }
        return out == null ? legal : out.append(legal, last, legal.length()).toString();
    }

    private static boolean legalCodePoint(long cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp < 0x7F || cp > 0x9F && cp < 0xD800
                || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF;
    }
}
