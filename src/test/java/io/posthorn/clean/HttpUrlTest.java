package io.posthorn.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every URL Posthorn writes is ASCII: IRIs become URIs, ASCII ones stay as they are. */
class HttpUrlTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "¦", textBlock = """
            https://example.com/公告/2022.html        ¦ https://example.com/%E5%85%AC%E5%91%8A/2022.html
            https://例子.中国/新闻?q=回购#第一        ¦ https://xn--fsqu00a.xn--fiqs8s/%E6%96%B0%E9%97%BB?q=%E5%9B%9E%E8%B4%AD#%E7%AC%AC%E4%B8%80
            https://example.com/a b                   ¦ https://example.com/a%20b
            https://example.com/%E5%85%AC?x=1&y=😀    ¦ https://example.com/%E5%85%AC?x=1&y=%F0%9F%98%80
            //cdn.example.com/图.png                  ¦ //cdn.example.com/%E5%9B%BE.png
            """)
    void percentEncodesWhatIsNotAscii(String iri, String uri) {
        assertEquals(uri, HttpUrl.ascii(iri));
        assertEquals(uri, HttpUrl.ascii(uri), "an ASCII URL stays as it is");
    }

    @Test
    void anAsciiUrlIsTheSameString() {
        String url = "https://finance.eastmoney.com/a/202205262393412057.html?a=1&b=%20";
        assertSame(url, HttpUrl.ascii(url));
    }
}
