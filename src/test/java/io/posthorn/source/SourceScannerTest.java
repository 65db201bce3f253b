package io.posthorn.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.posthorn.testing.TestSites;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceScannerTest {
    @TempDir
    Path root;

    @Test
    void findsArticlesRecursivelyAndGivesOneReasonPerIgnoredFile() throws Exception {
        for (String name : List.of("a.md", "sub/deeper/b.markdown", "c.html", "x.md~", ".#x.md", "#x.md#", ".hidden.md",
                ".git/config.md", "notes.txt", "x.md.swp")) {
            TestSites.write(root.resolve(name), "---\n---\n");
        }
        Files.createSymbolicLink(root.resolve("link.md"), root.resolve("a.md"));
        SourceScanner.Result result = SourceScanner.scan(3, root);
        assertEquals(List.of("a.md", "c.html", "sub/deeper/b.markdown"),
                result.files().stream().map(SourceFile::relative).sorted().toList());
        assertEquals(3, result.files().get(0).source());
        Map<String, String> reasons = new TreeMap<>();
        for (Skip s : result.skipped()) {
            reasons.put(root.relativize(Path.of(s.file())).toString(), s.reason());
        }
        assertEquals(Map.of(
                "x.md~", "ignored: editor backup or temporary file",
                ".#x.md", "ignored: hidden file",
                "#x.md#", "ignored: editor backup or temporary file",
                ".hidden.md", "ignored: hidden file",
                "notes.txt", "ignored: not an article file (expected .md, .markdown or .html)",
                "x.md.swp", "ignored: editor backup or temporary file",
                "link.md", "ignored: symbolic link (never followed)"), reasons);
    }

    @Test
    void sourceFileKnowsItsStem() {
        SourceFile f = new SourceFile(0, root, "a/2022-05-26-x.md");
        assertEquals("a/2022-05-26-x", f.stem());
        assertEquals("2022-05-26-x.md", f.fileName());
        assertEquals(root.resolve("a/2022-05-26-x.md"), f.path());
    }

    @Test
    void decoderHandlesBomsGbkAndCrlf() {
        String text = "---\r\ntitle: 中文\r\n---\r\n";
        String expected = "---\ntitle: 中文\n---\n";
        byte[] utf8Bom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, TextDecoder.decode(utf8Bom));
        byte[] utf16 = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
        assertEquals(expected, TextDecoder.decode(utf16));
        assertEquals(expected, TextDecoder.decode(text.getBytes(java.nio.charset.Charset.forName("GBK"))));
        assertEquals("a\uFFFDb", TextDecoder.decode(new byte[] {'a', (byte) 0xFF, 'b'}), "invalid bytes replaced");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
