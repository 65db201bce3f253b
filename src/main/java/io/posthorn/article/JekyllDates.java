package io.posthorn.article;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the date forms Jekyll accepts: {@code 2022-05-26 12:19:14 +0800}, with or without
 * seconds, fraction, offset ({@code +0800}, {@code +08:00}, {@code Z}) or time, and with a
 * {@code T} or a space. A date without an offset is in the site's zone. Thread-safe.
 */
public final class JekyllDates {
    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})"
            + "(?:[T ]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?"
            + "\\s*(Z|[+-]\\d{2}:?\\d{2}|[+-]\\d{2})?");
    /** Where {@code yyyy-MM-dd HH:mm:ss +hhmm} has its digits. */
    private static final int[] COMMON_DIGITS = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 21, 22, 23, 24};
    private static final Pattern FILE_DATE = Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})-");

    private JekyllDates() {
    }

    /** Whether {@code text} (a date {@link #parse} accepts) carries its own offset. */
    public static boolean hasOffset(String text) {
        String trimmed = text.trim();
        if (isCommonForm(trimmed)) {
            return true;
        }
        Matcher m = DATE.matcher(trimmed);
        return m.matches() && m.group(8) != null;
    }

    /** Parses {@code text}, or returns empty when it is not a date. */
    public static Optional<OffsetDateTime> parse(String text, ZoneId zone) {
        String trimmed = text.trim();
        if (isCommonForm(trimmed)) {
            return common(trimmed);
        }
        Matcher m = DATE.matcher(trimmed);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.of(num(m, 1), num(m, 2), num(m, 3));
            LocalDateTime local = m.group(4) == null
                    ? date.atStartOfDay()
                    : date.atTime(num(m, 4), num(m, 5), m.group(6) == null ? 0 : num(m, 6), nanos(m.group(7)));
            String offset = m.group(8);
            if (offset == null) {
                return Optional.of(local.atZone(zone).toOffsetDateTime());
            }
            return Optional.of(local.atOffset(offset(offset)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code t} is exactly {@code yyyy-MM-dd HH:mm:ss +hhmm}, the form nearly every article uses. */
    private static boolean isCommonForm(String t) {
        if (t.length() != 25 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != ' ' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(19) != ' ' || (t.charAt(20) != '+' && t.charAt(20) != '-')) {
            return false;
        }
        for (int i : COMMON_DIGITS) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The common form without the regular expression: what {@link #DATE} would give for it. */
    private static Optional<OffsetDateTime> common(String t) {
        try {
            int hours = digits(t, 21, 23);
            int minutes = digits(t, 23, 25);
            ZoneOffset offset = t.charAt(20) == '-'
                    ? ZoneOffset.ofHoursMinutes(-hours, -minutes) : ZoneOffset.ofHoursMinutes(hours, minutes);
            return Optional.of(OffsetDateTime.of(digits(t, 0, 4), digits(t, 5, 7), digits(t, 8, 10), digits(t, 11, 13),
                    digits(t, 14, 16), digits(t, 17, 19), 0, offset));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static int digits(String t, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (t.charAt(i) - '0');
        }
        return n;
    }

    /** The date in a Jekyll post file name ({@code 2022-05-26-title.md}) at midnight in {@code zone}. */
    public static Optional<OffsetDateTime> fromFileName(String fileName, ZoneId zone) {
        Matcher m = FILE_DATE.matcher(fileName);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(num(m, 1), num(m, 2), num(m, 3)).atStartOfDay(zone).toOffsetDateTime());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static ZoneOffset offset(String text) {
        if (text.equals("Z")) {
            return ZoneOffset.UTC;
        }
        String digits = text.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
        return text.charAt(0) == '-'
                ? ZoneOffset.ofHoursMinutes(-hours, -minutes)
                : ZoneOffset.ofHoursMinutes(hours, minutes);
    }

    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        return Integer.parseInt((fraction + "000000000").substring(0, 9));
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
