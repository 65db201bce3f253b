package io.posthorn.article;

import io.posthorn.source.TextDecoder;
import io.posthorn.clean.Attribution;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * What indexing needs of a file, decoded without decoding the whole body: the front matter and
 * the end of the body, where the attribution stands. Decoding Chinese text is the largest cost
 * of reading 100,000 articles, and the rest of a body is needed only when an article is shown,
 * when it is read again whole. The end is the last {@value #TAIL_BYTES} bytes, or less: from the
 * line of the {@code <p} before the first {@code em_media} in them, when what follows holds an
 * {@code em_media} paragraph that {@link Attribution} accepts (then that is all it looks at).
 *
 * <p>Works on the bytes of an ASCII-compatible encoding (UTF-8, GBK, GB18030), whose multi-byte
 * characters never contain {@code \n}, {@code <} or {@code -}: cuts at those bytes are character
 * boundaries. Files with a UTF-16 byte-order mark, or without a closed front matter, are left to
 * the whole-file path. Thread-safe: stateless.
 */
final class HeadAndTail {
    static final int TAIL_BYTES = 2048;
    private static final byte[] EM_MEDIA = "em_media".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int[] EM_MEDIA_SHIFTS = shifts(EM_MEDIA);
    private static final byte[] PARAGRAPH = {'<', 'p'};

    private HeadAndTail() {
    }

    /**
     * The file as text holding its front matter unchanged, followed by the end of its body; empty
     * when the whole file must be decoded instead. The file is the first {@code length} bytes of
     * {@code bytes} (a reused buffer: nothing past them is read).
     */
    static Optional<String> excerpt(byte[] bytes, int length, Charset charset) {
        int start = 0;
        if (length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            start = 3;
        } else if (length >= 2 && ((bytes[0] & 0xFF) == 0xFF || (bytes[0] & 0xFF) == 0xFE)) {
            return Optional.empty();
        }
        if (length - start < 8 || bytes[start] != '-' || bytes[start + 1] != '-' || bytes[start + 2] != '-') {
            return Optional.empty();
        }
        int bodyStart = bodyStart(bytes, start, length);
        if (bodyStart < 0 || length - bodyStart <= TAIL_BYTES) {
            return Optional.empty(); // unclosed, or a short body: decoding it whole costs no more
        }
        int tailStart = indexOf(bytes, (byte) '\n', length - TAIL_BYTES, length);
        if (tailStart < 0) {
            return Optional.empty();
        }
        String head = TextDecoder.decode(bytes, start, bodyStart, charset);
        int media = indexOf(bytes, EM_MEDIA, EM_MEDIA_SHIFTS, tailStart, length);
        int paragraph = media < 0 ? -1 : lastIndexOf(bytes, PARAGRAPH, media, tailStart);
        if (paragraph >= 0) {
            String end = TextDecoder.decode(bytes, lastIndexOf(bytes, (byte) '\n', paragraph, tailStart) + 1, length,
                    charset);
            // the cut text is all the attribution looks at only if it holds a paragraph it accepts;
            // otherwise it falls back to the last text line, which may stand before the cut
            if (Attribution.emMediaText(end) != null) {
                return Optional.of(head.concat(end));
            }
        }
        return Optional.of(head.concat(TextDecoder.decode(bytes, tailStart + 1, length, charset)));
    }

    /** Offset just after the closing {@code ---} (or {@code ...}) line, or -1 when there is none. */
    private static int bodyStart(byte[] bytes, int start, int length) {
        int line = indexOf(bytes, (byte) '\n', start, length);
        if (line < 0 || !blank(bytes, start + 3, line)) {
            return -1;
        }
        while (line >= 0) {
            int next = indexOf(bytes, (byte) '\n', line + 1, length);
            int end = next < 0 ? length : next;
            int len = end - (line + 1);
            if (len >= 3 && fence(bytes, line + 1) && blank(bytes, line + 4, end)) {
                return next < 0 ? -1 : next + 1;
            }
            line = next;
        }
        return -1;
    }

    private static boolean fence(byte[] b, int i) {
        return (b[i] == '-' && b[i + 1] == '-' && b[i + 2] == '-') || (b[i] == '.' && b[i + 1] == '.' && b[i + 2] == '.');
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte value, int from, int to) {
        for (int i = Math.max(0, from); i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, byte value, int from, int floor) {
        for (int i = from; i >= floor; i--) {
            if (b[i] == value) {
                return i;
            }
        }
        return floor - 1;
    }

    /** The last {@code needle} starting in [floor, from], or -1; {@code from} leaves room for the needle in the file. */
    private static int lastIndexOf(byte[] b, byte[] needle, int from, int floor) {
        outer:
        for (int i = from; i >= floor; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * The first {@code needle} in [from, to), or -1: Horspool's search, which moves on by up to the
     * needle's length at a time, by {@code shifts} (from {@link #shifts}).
     */
    private static int indexOf(byte[] b, byte[] needle, int[] shifts, int from, int to) {
        int last = needle.length - 1;
        for (int i = from; i <= to - needle.length; i += shifts[b[i + last] & 0xFF]) {
            int j = 0;
            while (j <= last && b[i + j] == needle[j]) {
                j++;
            }
            if (j > last) {
                return i;
            }
        }
        return -1;
    }

    /** For each byte value under the needle's last byte, how far the needle may move. */
    private static int[] shifts(byte[] needle) {
        int[] shifts = new int[256];
        java.util.Arrays.fill(shifts, needle.length);
        for (int k = 0; k < needle.length - 1; k++) {
            shifts[needle[k] & 0xFF] = needle.length - 1 - k;
        }
        return shifts;
    }
}
