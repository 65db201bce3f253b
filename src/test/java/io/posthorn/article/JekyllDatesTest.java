package io.posthorn.article;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JekyllDatesTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            real example, +0800            | 2022-05-26 12:19:14 +0800   | 2022-05-26T12:19:14+08:00
            offset with colon              | 2022-05-26 12:19:14 +08:00  | 2022-05-26T12:19:14+08:00
            ISO with T and Z               | 2022-05-26T04:19:14Z        | 2022-05-26T04:19:14Z
            negative offset                | 2022-05-26 00:19:14 -0500   | 2022-05-26T00:19:14-05:00
            no offset: site zone           | 2022-06-02 15:04:05         | 2022-06-02T15:04:05+08:00
            no seconds                     | 2022-06-02 15:04            | 2022-06-02T15:04+08:00
            date only                      | 2022-06-02                  | 2022-06-02T00:00+08:00
            single-digit month and day     | 2022-6-2 9:04:05 +0800      | 2022-06-02T09:04:05+08:00
            fraction                       | 2022-06-02 15:04:05.250 +0800 | 2022-06-02T15:04:05.250+08:00
            common form, negative minutes  | 2022-06-02 15:04:05 -0330   | 2022-06-02T15:04:05-03:30
            common form, leap day          | 2024-02-29 23:59:59 +1400   | 2024-02-29T23:59:59+14:00
            common form, spaces around     | '  2022-06-02 15:04:05 +0000 ' | 2022-06-02T15:04:05Z
            """)
    void parsesJekyllForms(String name, String text, String expected) {
        assertEquals(Optional.of(OffsetDateTime.parse(expected)), JekyllDates.parse(text, SHANGHAI));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            words          | yesterday
            bad month      | 2022-13-01 10:00:00 +0800
            bad day        | 2022-02-30
            trailing junk  | 2022-05-26 12:19:14 +0800 extra
            common form, hour 24       | 2022-05-26 24:00:00 +0800
            common form, bad minute    | 2022-05-26 12:60:00 +0800
            common form, offset 24 h   | 2022-05-26 12:00:00 +2400
            common form, offset minute | 2022-05-26 12:00:00 +0860
            common form, not leap year | 2023-02-29 12:00:00 +0800
            """)
    void rejectsNonDates(String name, String text) {
        assertEquals(Optional.empty(), JekyllDates.parse(text, SHANGHAI));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            post name    | 2022-05-26-meta-azure.md | 2022-05-26T00:00+08:00
            no date      | meta-azure.md            |
            """)
    void readsTheDateInAFileName(String name, String file, String expected) {
        assertEquals(Optional.ofNullable(expected).map(OffsetDateTime::parse), JekyllDates.fromFileName(file, SHANGHAI));
    }
}
