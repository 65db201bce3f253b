package io.posthorn.article;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The securities an article is about, as {@code CODE.MARKET} ({@code MSFT.US}, {@code 09988.HK},
 * {@code 601012.SH}, {@code 002371.SZ}, {@code 430047.BJ}), found in the raw bytes of its file the
 * way the real articles write them: a code in brackets after a name ({@code 微软(MSFT.US)},
 * {@code 阿里巴巴-SW(09988)}, {@code （002371.SZ）}), and the eastmoney chart blocks that cleaning
 * removes later (inside {@code <!-- EM_StockImg_Start -->…End}: {@code nid=105.MSFT},
 * {@code data-code="MSFT|105|7"}; markets 105/106/107 are US, 116 Hong Kong, 1 Shanghai, 0 Shenzhen). The codes are ASCII, so the file is scanned as
 * bytes and only the few bytes before a code are decoded, for the name: indexing decodes little
 * else of a body. Not securities: years, percentages, words in brackets, amounts. Stateless.
 */
public final class Securities {
    /** A security and the name written before it here ({@code ""} when none was). */
    public record Found(String code, String name) {
    }

    private static final Pattern BRACKETED = Pattern.compile(
            "^(?:([A-Z]{1,5}(?:\\.[A-Z])?)\\.US|([0-9]{4,5})\\.HK|([0-9]{6})\\.(SH|SZ|BJ)|(0[0-9]{4}))$");
    private static final Pattern CHART = Pattern.compile(
            "(?:nid=|data-code=\"(?:K )?)(?:(105|106|107|116|1|0)\\.([A-Z0-9]{1,6})|([A-Z0-9]{1,6})\\|(105|106|107|116|1|0)\\|)");
    private static final Pattern FRONT_MATTER = Pattern.compile(
            "^(?:([A-Za-z]{1,5}(?:\\.[A-Za-z])?)\\.(?i:US)|([0-9]{1,5})\\.(?i:HK)|([0-9]{6})\\.(?i:(SH|SZ|BJ)))$");
    private static final int NAME_BYTES = 72;
    private static final int MAX_NAME_CHARS = 24;
    /** Words that come before a company's name in a sentence, not in it. */
    private static final String[] LEADING_WORDS = {"宣布", "表示", "选择", "获悉", "了解到", "据悉", "消息", "公告", "其中",
        "包括", "旗下", "子公司", "今日", "近日", "日前", "今年", "昨日", "截至", "称", "与", "和", "及", "获", "向", "对",
        "将", "被", "由", "为", "据", "在", "从", "给", "把", "同"};

    private Securities() {
    }

    /** The securities in {@code bytes[0, length)}, first seen first, each with the name most often written before it. */
    public static List<Found> scan(byte[] bytes, int length, Charset charset) {
        Map<String, Map<String, Integer>> names = null;
        // the bytes as Latin-1 text: one copy, then the JDK's vectorised String.indexOf finds the
        // few places a code may start (a byte loop was a fifth of indexing); the work of reading
        // one is in methods of their own
        String latin = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        for (int i = latin.indexOf('('); i >= 0; i = latin.indexOf('(', i + 1)) {
            names = bracketAt(bytes, length, i, charset, names);
        }
        for (int i = latin.indexOf(FULL_WIDTH_OPEN); i >= 0; i = latin.indexOf(FULL_WIDTH_OPEN, i + 3)) {
            names = bracketAt(bytes, length, i, charset, names);
        }
        // chart references live in the EM_StockImg blocks: look for them there only
        for (int b = latin.indexOf("EM_StockImg_Start"); b >= 0; b = latin.indexOf("EM_StockImg_Start", b + 1)) {
            int blockEnd = latin.indexOf("EM_StockImg_End", b);
            int limit = blockEnd < 0 ? length : blockEnd;
            for (int i = latin.indexOf("nid=", b); i >= 0 && i < limit; i = latin.indexOf("nid=", i + 1)) {
                names = chartAt(bytes, length, i, names);
            }
            for (int i = latin.indexOf("data-code=\"", b); i >= 0 && i < limit; i = latin.indexOf("data-code=\"", i + 1)) {
                names = chartAt(bytes, length, i, names);
            }
        }
        if (names == null) {
            return List.of();
        }
        List<Found> found = new ArrayList<>();
        names.forEach((code, counts) -> found.add(new Found(code, mostWritten(counts))));
        return found;
    }

    /** {@code （} (U+FF08) in UTF-8, read as Latin-1. */
    private static final String FULL_WIDTH_OPEN = "\u00EF\u00BC\u0088";

    /** A bracketed code opening at {@code i} ({@code (} or the first byte of {@code （}), counted with its name. */
    private static Map<String, Map<String, Integer>> bracketAt(byte[] bytes, int length, int i, Charset charset,
                                                               Map<String, Map<String, Integer>> names) {
        int open = bytes[i] == '(' ? 1 : i + 2 < length && (bytes[i + 1] & 0xFF) == 0xBC
                && (bytes[i + 2] & 0xFF) == 0x88 ? 3 : 0;
        if (open == 0 || i + open >= length || !isCodeByte(bytes[i + open] & 0xFF)) {
            return names;
        }
        int start = i + open;
        int end = start;
        while (end < length && end - start <= 12 && isCodeByte(bytes[end] & 0xFF)) {
            end++;
        }
        boolean closed = end < length && (bytes[end] == ')'
                || (bytes[end] & 0xFF) == 0xEF && end + 2 < length && (bytes[end + 1] & 0xFF) == 0xBC
                && (bytes[end + 2] & 0xFF) == 0x89);
        if (!closed || end == start || !plausible(bytes, start, end)) {
            return names;
        }
        String code = bracketed(new String(bytes, start, end - start, StandardCharsets.US_ASCII));
        if (code == null) {
            return names;
        }
        String name = nameBefore(bytes, i, charset);
        boolean bare = code.endsWith(".HK") && bytes[start + 5] != '.';
        if (bare && name.isEmpty()) {
            return names; // a bare five-digit number is a code only after a name
        }
        Map<String, Map<String, Integer>> out = names != null ? names : new LinkedHashMap<>();
        out.computeIfAbsent(code, k -> new LinkedHashMap<>()).merge(name, 1, Integer::sum);
        return out;
    }

    /** An eastmoney chart reference ({@code nid=…} or {@code data-code="…"}) at {@code i}. */
    private static Map<String, Map<String, Integer>> chartAt(byte[] bytes, int length, int i,
                                                             Map<String, Map<String, Integer>> names) {
        int end = Math.min(length, i + 40);
        Matcher m = CHART.matcher(new String(bytes, i, end - i, StandardCharsets.ISO_8859_1));
        if (!m.lookingAt()) {
            return names;
        }
        String code = m.group(1) != null ? chart(m.group(1), m.group(2)) : chart(m.group(4), m.group(3));
        if (code == null) {
            return names;
        }
        Map<String, Map<String, Integer>> out = names != null ? names : new LinkedHashMap<>();
        out.computeIfAbsent(code, k -> new LinkedHashMap<>()).merge("", 1, Integer::sum);
        return out;
    }

    /** {@link #scan} of a string (UTF-8): for titles and tests. */
    public static List<Found> scan(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return scan(bytes, bytes.length, StandardCharsets.UTF_8);
    }

    /** A front-matter {@code stocks:} entry as {@code CODE.MARKET}, or null when it is not one. */
    public static String normalise(String text) {
        Matcher m = FRONT_MATTER.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        if (m.group(1) != null) {
            return m.group(1).toUpperCase(Locale.ROOT) + ".US";
        }
        if (m.group(2) != null) {
            return "0".repeat(5 - m.group(2).length()) + m.group(2) + ".HK";
        }
        return m.group(3) + "." + m.group(4).toUpperCase(Locale.ROOT);
    }


    /** A cheap first look: a dot then a market's first letter, or five digits from 0 (a bare HK code). */
    private static boolean plausible(byte[] bytes, int start, int end) {
        int n = end - start;
        if (n == 5 && bytes[start] == '0') {
            return true;
        }
        return n >= 4 && bytes[end - 3] == '.' && "UHSB".indexOf(bytes[end - 2]) >= 0;
    }

    private static boolean isCodeByte(int b) {
        return b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '.';
    }

    private static String bracketed(String inside) {
        Matcher m = BRACKETED.matcher(inside);
        if (!m.matches()) {
            return null;
        }
        if (m.group(1) != null) {
            return m.group(1) + ".US";
        }
        if (m.group(2) != null) {
            return (m.group(2).length() == 4 ? "0" : "") + m.group(2) + ".HK";
        }
        if (m.group(3) != null) {
            return m.group(3) + "." + m.group(4);
        }
        return m.group(5) + ".HK";
    }

    private static String chart(String market, String code) {
        return switch (market) {
            case "105", "106", "107" -> code.chars().allMatch(Character::isDigit) ? null : code + ".US";
            case "116" -> code.length() == 5 && code.chars().allMatch(Character::isDigit) ? code + ".HK" : null;
            case "1" -> code.length() == 6 && code.chars().allMatch(Character::isDigit) ? code + ".SH" : null;
            default -> code.length() == 6 && code.chars().allMatch(Character::isDigit) ? code + ".SZ" : null;
        };
    }

    /** The name written just before the bracket at {@code open}: a run of letters, digits and -·&, without leading verbs. */
    private static String nameBefore(byte[] bytes, int open, Charset charset) {
        int from = Math.max(0, open - NAME_BYTES);
        while (from < open && (bytes[from] & 0xC0) == 0x80) {
            from++; // start on a character, not inside one (UTF-8)
        }
        // the JDK's fast path for UTF-8 (a decoder per call was a third of indexing's extra cost);
        // a broken sequence becomes U+FFFD, and a name holding one is no name
        String text = new String(bytes, from, open - from, charset == null ? StandardCharsets.UTF_8 : charset);
        if (text.indexOf('\uFFFD') >= 0) {
            int bad = text.lastIndexOf('\uFFFD');
            text = text.substring(bad + 1);
        }
        int end = text.length();
        int start = end;
        while (start > 0 && end - start < MAX_NAME_CHARS) {
            int c = text.codePointBefore(start);
            boolean word = Character.isLetterOrDigit(c) || c == '-' || c == '·' || c == '&';
            // a space only inside a Latin name ("Bank of America")
            boolean latinSpace = c == ' ' && start > 1 && start < end && isAsciiAlnum(text.charAt(start))
                    && isAsciiAlnum(text.charAt(start - 2));
            if (!word && !latinSpace) {
                break;
            }
            start -= Character.charCount(c);
        }
        String name = text.substring(start, end).strip();
        // right after another security's bracket, a one-character word is a conjunction: "(09888)与理想汽车"
        boolean afterCode = start > 0 && (text.charAt(start - 1) == ')' || text.charAt(start - 1) == '）');
        // what comes before the name in the sentence: cut after the last such word ("公司宣布比亚迪",
        // "高通与苹果"); one-character words only inside the run, so that 和黄医药 keeps its 和
        int cut = -1;
        for (String w : LEADING_WORDS) {
            int at = name.lastIndexOf(w);
            if (at >= 0 && (w.length() > 1 || at > 0 || afterCode) && name.length() - at - w.length() >= 2) {
                cut = Math.max(cut, at + w.length());
            }
        }
        if (cut > 0) {
            name = name.substring(cut);
        }
        // a Latin name right after Chinese text ("合作！Meta" is cut at the "！" already; "选择Meta" is not)
        int firstLatin = -1;
        for (int k = 0; k < name.length(); k++) {
            if (name.charAt(k) < 0x80 && Character.isLetter(name.charAt(k))) {
                firstLatin = k;
                break;
            }
        }
        if (firstLatin > 0 && name.substring(firstLatin).chars().allMatch(ch -> ch < 0x80)
                && name.substring(0, firstLatin).codePoints().allMatch(Character::isIdeographic)) {
            name = name.substring(firstLatin);
        }
        return name.chars().anyMatch(Character::isLetter) ? name : "";
    }

    private static boolean isAsciiAlnum(char c) {
        return c < 0x80 && Character.isLetterOrDigit(c);
    }

    private static String mostWritten(Map<String, Integer> counts) {
        String best = "";
        int most = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (!e.getKey().isEmpty() && e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }
}
