package io.posthorn.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.posthorn.feed.ParsedFeed;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityTest {
    private static ParsedFeed.Entry entry(String id, String link, String published) {
        return new ParsedFeed.Entry(id, link, "原始<b>标题</b>", "<p>正文</p>", null,
                published == null ? null : OffsetDateTime.parse(published), null, List.of(), List.of());
    }

    /** {@code \n} in a table cell stands for a newline. */
    private static String lines(String cell) {
        return cell == null ? null : cell.replace("\\n", "\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http                         | http://finance.example.com/a/1.html                       | //finance.example.com/a/1.html
            https is the same            | https://finance.example.com/a/1.html                      | //finance.example.com/a/1.html
            upper-case scheme and host   | HTTPS://Finance.EXAMPLE.com/A/B.html                      | //finance.example.com/A/B.html
            default port 80              | http://example.com:80/a                                   | //example.com/a
            default port 443             | https://example.com:443/a                                 | //example.com/a
            other port kept              | http://example.com:8080/a                                 | //example.com:8080/a
            empty path                   | http://example.com                                        | //example.com/
            empty path with query        | https://example.com?id=7                                  | //example.com/?id=7
            fragment dropped             | http://example.com/a/1.html#comments                      | //example.com/a/1.html
            utm_* and spm dropped        | http://example.com/a?utm_source=rss&id=7&utm_medium=feed&spm=a1.b2&page=2 | //example.com/a?id=7&page=2
            tracking names any case      | http://example.com/a?UTM_Campaign=x&SPM=y&id=7            | //example.com/a?id=7
            other trackers dropped       | http://example.com/a?fbclid=1&gclid=2&yclid=3&mc_cid=4&mc_eid=5&_hsenc=6&scm=7&from_source=8&q=1 | //example.com/a?q=1
            order of the rest kept       | http://example.com/a?b=2&a=1&c                            | //example.com/a?b=2&a=1&c
            only tracking: no ?          | http://example.com/a?utm_source=rss                       | //example.com/a
            empty query                  | http://example.com/a?                                     | //example.com/a
            empty parameters             | http://example.com/a?&&id=7&                              | //example.com/a?id=7
            look-alike names kept        | http://example.com/a?spmid=1&utm=2&xutm_source=3          | //example.com/a?spmid=1&utm=2&xutm_source=3
            encoded query kept raw       | http://example.com/s?q=%E4%B8%AD&utm_term=x               | //example.com/s?q=%E4%B8%AD
            path case and encoding kept  | http://example.com/News/%E6%96%B0                         | //example.com/News/%E6%96%B0
            Chinese path                 | https://example.com/新闻/1.html                           | //example.com/新闻/1.html
            surrounding spaces           | '  http://example.com/a  '                                | //example.com/a
            ftp                          | ftp://example.com/a                                       |
            mailto                       | mailto:ir@example.com                                     |
            urn                          | urn:uuid:5c1f3e0a-8b2d-4f61-9a57-1d2e3f4a5b6c             |
            tag URI                      | tag:futures.example.com,2022:3001                         |
            plain id                     | cj-20220526-0001                                          |
            relative                     | /a/1.html                                                 |
            no host                      | http:///a                                                 |
            not a URI                    | http://example.com/a b                                    |
            """)
    void normalises(String name, String url, String expected) {
        assertEquals(expected, Identity.normalised(url));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            URL id                      | https://finance.example.com/a/1.html  | http://x.example.com/ |             | finance | 标题 | url://finance.example.com/a/1.html
            URL id normalised           | HTTP://Finance.example.com:80/a/1.html?utm_source=rss#top | |       | finance | 标题 | url://finance.example.com/a/1.html
            URL id, any scope           | https://finance.example.com/a/1.html  |                      |             | bonds   | 标题 | url://finance.example.com/a/1.html
            id beats link               | cj-20220526-0001 | http://finance.example.com/a/1.html       |             | finance | 标题 | id:finance\\ncj-20220526-0001
            id scoped                   | cj-20220526-0001 |                                           |             | bonds   | 标题 | id:bonds\\ncj-20220526-0001
            tag id scoped               | tag:futures.example.com,2022:3001 |                          |             | futures | 标题 | id:futures\\ntag:futures.example.com,2022:3001
            link when no id             |                  | https://finance.example.com/a/1.html?spm=x#p |          | finance | 标题 | url://finance.example.com/a/1.html
            link beats title and date   |                  | http://finance.example.com/a/2.html | 2022-05-26T12:19:14+08:00 | finance | 标题 | url://finance.example.com/a/2.html
            non-http link: title, date  |                  | ftp://example.com/a | 2022-05-26T12:19:14+08:00 | finance | 央行开展逆回购 | title:finance\\n央行开展逆回购\\n2022-05-26T04:19:14Z
            title and date              |                  |                     | 2022-05-26T12:19:14+08:00 | finance | 央行开展逆回购 | title:finance\\n央行开展逆回购\\n2022-05-26T04:19:14Z
            same instant, other offset  |                  |                     | 2022-05-26T04:19:14Z      | finance | 央行开展逆回购 | title:finance\\n央行开展逆回购\\n2022-05-26T04:19:14Z
            title, other scope          |                  |                     | 2022-05-26T12:19:14+08:00 | bonds   | 央行开展逆回购 | title:bonds\\n央行开展逆回购\\n2022-05-26T04:19:14Z
            title without date          |                  |                     |                           | finance | 央行开展逆回购 | title:finance\\n央行开展逆回购
            date without title          |                  |                     | 2022-05-26T12:19:14+08:00 | finance |                |
            nothing                     |                  |                     |                           | finance |                |
            """)
    void identifies(String name, String id, String link, String published, String scope, String title,
            String expected) {
        assertEquals(lines(expected), Identity.of(entry(id, link, published), scope, title));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            URL identity     | url://example.com/a/1.html    | u-0936f635311b07705d07
            scoped id        | id:cj\\ncj-20220526-0001      | u-66f5fa8027cc13c19637
            empty            | ''                            | u-e3b0c44298fc1c149afb
            """)
    void keysAreTwentyHexDigitsOfSha256(String name, String identity, String expected) {
        String key = Identity.key(lines(identity));
        assertEquals(expected, key);
        assertEquals(22, key.length());
        assertEquals(key, Identity.key(lines(identity)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http vs https link    | http://finance.example.com/a/1.html |                                       | https://finance.example.com/a/1.html
            tracking and fragment | http://finance.example.com/a/1.html |                                       | https://finance.example.com:443/a/1.html?utm_source=rss&spm=1#top
            URL id vs link        | http://finance.example.com/a/1.html | https://FINANCE.example.com/a/1.html  | http://finance.example.com/other.html
            """)
    void keysAreEqualForVariantsOfOneLink(String name, String link, String otherId, String otherLink) {
        String key = Identity.key(Identity.of(entry(null, link, null), "finance", "标题"));
        assertEquals(key, Identity.key(Identity.of(entry(otherId, otherLink, null), "finance", "标题")));
        assertNotEquals(key, Identity.key(Identity.of(entry(null, link + "?id=2", null), "finance", "标题")));
    }
}
