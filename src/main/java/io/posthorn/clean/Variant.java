package io.posthorn.clean;

import com.github.houbb.opencc4j.core.ZhConvert;
import com.github.houbb.opencc4j.core.impl.ZhConvertBootstrap;
import com.github.houbb.opencc4j.support.datamap.impl.DataMaps;
import com.github.houbb.opencc4j.support.segment.impl.Segments;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The written form of Chinese a reader asked for: the articles' own Simplified characters, or
 * Traditional ones, with Taiwan's or Hong Kong's vocabulary and variants. Conversion is OpenCC's
 * (through opencc4j): phrases first, longest match, then characters; {@link #TW} also swaps
 * Taiwan's words ({@code 软件} → {@code 軟體}, {@code 信息} → {@code 資訊}). Only Han characters
 * change, never ASCII, so markup, entities and (percent-encoded) URLs pass through a whole
 * rendered document untouched. Each converter loads its dictionaries when a reader first asks for
 * its variant (about 0.5 s and 27 MiB of heap for Traditional and for Taiwan, 15 MiB for Hong Kong).
 * Thread-safe.
 */
public enum Variant {
    /** As written: no conversion. */
    SIMPLIFIED("zh-CN", null),
    /** Traditional characters, OpenCC {@code s2t}. */
    TRADITIONAL("zh-Hant", "zh-Hant"),
    /** Traditional characters and Taiwan's vocabulary, OpenCC {@code s2twp}. */
    TAIWAN("zh-TW", "zh-TW"),
    /** Traditional characters in Hong Kong's forms, OpenCC {@code s2hk}. */
    HONG_KONG("zh-HK", "zh-HK");

    private final String language;
    private final String parameter;

    Variant(String language, String parameter) {
        this.language = language;
        this.parameter = parameter;
    }

    /** The BCP 47 tag of documents in this variant, for {@code xml:lang}, {@code lang} and {@code language}. */
    public String language() {
        return language;
    }

    /** The canonical {@code ?variant=} value, or null for {@link #SIMPLIFIED} (which has none). */
    public String parameter() {
        return parameter;
    }

    /** The text in this variant. */
    public String convert(String text) {
        return this == SIMPLIFIED || text.isEmpty() ? text : Converters.of(this).toTraditional(text);
    }

    /** UTF-8 bytes in this variant: the same array when nothing changes. */
    public byte[] convert(byte[] utf8) {
        if (this == SIMPLIFIED || ascii(utf8)) {
            return utf8;
        }
        return convert(new String(utf8, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The variant a query asks for: {@code variant} (zh-Hant, zh-TW, zh-HK; zh-Hans and zh-CN are
     * the Simplified original; any case) or RSSHub's {@code opencc} (s2t, s2tw, s2twp, s2hk).
     * Both absent or empty: {@link #SIMPLIFIED}.
     *
     * @throws IllegalArgumentException with a reason for a 400
     */
    public static Variant of(String variant, String opencc) {
        Optional<Variant> a = variant == null || variant.isEmpty() ? Optional.empty() : Optional.of(byTag(variant));
        Optional<Variant> b = opencc == null || opencc.isEmpty() ? Optional.empty() : Optional.of(byOpencc(opencc));
        if (a.isPresent() && b.isPresent() && a.get() != b.get()) {
            throw new IllegalArgumentException("Bad parameters variant and opencc: they ask for different variants");
        }
        return a.or(() -> b).orElse(SIMPLIFIED);
    }

    private static Variant byTag(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "zh-hans", "zh-cn", "zh-sg" -> SIMPLIFIED;
            case "zh-hant" -> TRADITIONAL;
            case "zh-tw" -> TAIWAN;
            case "zh-hk", "zh-mo" -> HONG_KONG;
            default -> throw new IllegalArgumentException(
                    "Bad parameter variant: must be zh-Hant, zh-TW or zh-HK (or zh-Hans, the original)");
        };
    }

    private static Variant byOpencc(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "s2t" -> TRADITIONAL;
            case "s2tw", "s2twp" -> TAIWAN;
            case "s2hk" -> HONG_KONG;
            default -> throw new IllegalArgumentException("Bad parameter opencc: must be s2t, s2tw, s2twp or s2hk");
        };
    }

    /** One converter per variant, built when first asked for (each loads its own dictionaries). */
    private static final class Converters {
        private static ZhConvert of(Variant v) {
            return switch (v) {
                case TRADITIONAL -> Plain.CONVERTER;
                case TAIWAN -> Taiwan.CONVERTER;
                case HONG_KONG -> HongKong.CONVERTER;
                case SIMPLIFIED -> throw new IllegalArgumentException("no converter for the original");
            };
        }

        private static final class Plain {
            static final ZhConvert CONVERTER = ZhConvertBootstrap.newInstance().init();
        }

        private static final class Taiwan {
            static final ZhConvert CONVERTER = ZhConvertBootstrap.newInstance(Segments.twFastForward())
                    .dataMap(DataMaps.taiwan()).init();
        }

        private static final class HongKong {
            static final ZhConvert CONVERTER = ZhConvertBootstrap.newInstance(Segments.hkFastForward())
                    .dataMap(DataMaps.hongKong()).init();
        }
    }
}
