package io.posthorn.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * Writes a synthetic corpus for benchmarks and load tests: {@code COUNT} Jekyll articles in the
 * exact shape of {@code examples/2022-05-26-meta-azure.md} (hidden paragraphs, eastmoney stock-chart
 * blocks, Chinese text, attribution paragraph, original-article autolink, navigation links) under
 * {@code OUTPUT_DIR/articles/SLUG/YYYY/MM/YYYY-MM-DD-NNNNNNN.md}, plus a matching
 * {@code OUTPUT_DIR/feeds.yml} (site id {@code bench.example.com}, one source {@code articles}).
 *
 * <p>About 30 real Chinese financial sources with skewed sizes (weight 1/rank), dates spread
 * uniformly over 2021-01-01..2023-12-31 (+0800, 3% without an offset), bodies of 1 to 8 KB, 1 to 4
 * topical tags per article drawn with a Zipf law (s = 1.1) from a pool of about
 * {@code 3000 * (COUNT / 100000)^0.6} names (at least 50), plus the source's {@code XX新闻} tag;
 * tags and categories come both as YAML lists and as space-separated strings.
 *
 * <p>Deterministic: the same {@code COUNT} and {@code SEED} give byte-identical files, whatever the
 * thread count, because every article draws from its own generator seeded by (seed, index).
 * Run from the repository root (100,000 articles, about 485 MB, take 15 to 30 s on 2 cores):
 * <pre>
 * mvn -q test-compile &amp;&amp; java -cp target/test-classes io.posthorn.bench.CorpusGenerator /tmp/corpus 100000 [SEED]
 * java -jar target/posthorn.jar --config /tmp/corpus/feeds.yml
 * </pre>
 * Refuses to write into a non-empty {@code OUTPUT_DIR/articles}. Stateless and thread-safe; it
 * writes files in parallel on the common fork-join pool.
 */
public final class CorpusGenerator {

    /** What {@link #generate} wrote: articles, distinct sources and tags used, total article bytes. */
    public record Stats(int articles, int sources, int tags, long bytes) {
    }

    private static final String[] SOURCES = {
        "智通财经网 zhitongcaijingwang", "证券时报 zhengquanshibao", "财联社 cailianshe", "新华社 xinhuashe",
        "中国证券报 zhongguozhengquanbao", "上海证券报 shanghaizhengquanbao", "第一财经 diyicaijing",
        "21世纪经济报道 21shijijingjibaodao", "经济观察报 jingjiguanchabao", "每日经济新闻 meirijingjixinwen",
        "界面新闻 jiemianxinwen", "澎湃新闻 pengpaixinwen", "券商中国 quanshangzhongguo", "证券日报 zhengquanribao",
        "中国基金报 zhongguojijinbao", "金融界 jinrongjie", "东方财富网 dongfangcaifuwang", "新浪财经 xinlangcaijing",
        "华尔街见闻 huaerjiejianwen", "格隆汇 gelonghui", "财新网 caixinwang", "中新经纬 zhongxinjingwei",
        "央视财经 yangshicaijing", "人民网 renminwang", "经济参考报 jingjicankaobao", "北京商报 beijingshangbao",
        "红星资本局 hongxingzibenju", "蓝鲸财经 lanjingcaijing", "投资快报 touzikuaibao", "香港经济日报 xianggangjingjiribao"};
    private static final String[] COMPANIES = {
        "贵州茅台 600519.SH", "宁德时代 300750.SZ", "比亚迪 002594.SZ", "中国平安 601318.SH", "招商银行 600036.SH",
        "五粮液 000858.SZ", "隆基绿能 601012.SH", "中芯国际 688981.SH", "药明康德 603259.SH", "迈瑞医疗 300760.SZ",
        "东方财富 300059.SZ", "海天味业 603288.SH", "美的集团 000333.SZ", "格力电器 000651.SZ", "紫金矿业 601899.SH",
        "万科A 000002.SZ", "中国石油 601857.SH", "工商银行 601398.SH", "中信证券 600030.SH", "赣锋锂业 002460.SZ",
        "北方华创 002371.SZ", "寒武纪 688256.SH", "长江电力 600900.SH", "恒瑞医药 600276.SH", "立讯精密 002475.SZ",
        "阳光电源 300274.SZ", "通威股份 600438.SH", "山西汾酒 600809.SH", "泸州老窖 000568.SZ", "中国中免 601888.SH",
        "三一重工 600031.SH", "海康威视 002415.SZ", "科大讯飞 002230.SZ", "京东方A 000725.SZ", "中国神华 601088.SH",
        "腾讯控股 00700.HK", "阿里巴巴 09988.HK", "美团 03690.HK", "小米集团 01810.HK", "京东集团 09618.HK",
        "快手 01024.HK", "百度集团 09888.HK", "网易 09999.HK", "香港交易所 00388.HK", "汇丰控股 00005.HK",
        "理想汽车 02015.HK", "蔚来 09866.HK", "中国移动 00941.HK", "李宁 02331.HK", "安踏体育 02020.HK",
        "英伟达 NVDA.US", "苹果 AAPL.US", "微软 MSFT.US", "特斯拉 TSLA.US", "亚马逊 AMZN.US", "谷歌 GOOGL.US",
        "Meta META.US", "拼多多 PDD.US", "台积电 TSM.US", "奈飞 NFLX.US", "英特尔 INTC.US", "超威半导体 AMD.US",
        "高通 QCOM.US", "摩根大通 JPM.US", "波音 BA.US"};
    private static final String[] TOPICS = (
        "美股 A股 港股 央行 新能源 半导体 白酒 人工智能 芯片 光伏 锂电池 新能源汽车 医药 银行 保险 券商 房地产 基金 债券 黄金 "
        + "原油 人民币 汇率 美联储 通胀 IPO 科创板 创业板 北交所 北向资金 两融 并购重组 业绩预告 分红 回购 减持 增持 数字经济 "
        + "消费 旅游 航空 军工 5G 云计算 大数据 元宇宙 机器人 储能 氢能 风电 煤炭 钢铁 有色金属 化工 农业 猪肉 食品饮料 家电 "
        + "汽车 传媒 游戏 教育 电商 互联网 物流 航运 建材 基建 电力 环保 碳中和 稀土 锂矿 疫苗 创新药 医疗器械 中概股 "
        + "恒生指数 纳斯达克 道琼斯 标普500 国债 地方债 信托 理财 公募基金 私募基金 ETF 外资 监管 证监会 财政部 宏观经济 "
        + "货币政策 财政政策 降准 降息 LPR 社融 PMI CPI 进出口 一带一路 粤港澳大湾区 长三角 乡村振兴 ESG 数字人民币 "
        + "区块链 比特币 跨境电商 直播电商 预制菜 医美 充电桩 光刻机 操作系统 信创 国企改革 专精特新 注册制").split(" ");
    private static final String[] TAG_SUFFIXES = "板块 概念股 龙头 产业链 指数 行业 政策 出口 研报 景气度".split(" ");
    private static final String[] COMPANY_SUFFIXES = "业绩 财报 股价 回购 调研".split(" ");
    private static final String[] SERIES = "行业观察 市场周评 策略研报 公司调研 专题报道 财经早餐 盘前必读 数据解读".split(" ");
    private static final String[] PREFIXES = {"扩大合作！", "重磅！", "突发！", "刚刚！", "独家｜", "快讯："};
    private static final String[] TITLES_0 = {
        "央行开展{n}亿元逆回购操作 利率维持不变", "{T}板块午后拉升 多股涨停", "机构：{T}行业景气度有望持续回升",
        "{T}概念股集体走强", "多部门发文支持{T}产业发展", "{T}赛道融资火热 年内超{n}亿元", "北向资金今日净买入{d}亿元",
        "沪指收涨{d}% 两市成交额超{n}亿元", "{m}月CPI同比上涨{d}% 符合市场预期", "美联储宣布加息{b}个基点",
        "证监会：进一步推进{T}领域改革", "{T}指数年内累计上涨{p}%", "券商密集调研{T}企业 聚焦“十四五”规划"};
    private static final String[] TITLES_1 = {
        "{A}一季度净利润同比增长{p}%", "{A}拟回购不超过{n}亿元股份", "{A}发布年度业绩预告", "{A}获{n}家机构调研",
        "{A}股价创历史新高", "{A}拟投资{n}亿元建设{T}项目", "{A}上半年营收{n}亿元 同比增长{p}%", "{A}拟定增募资不超过{n}亿元",
        "{A}与地方政府签署战略合作协议", "{A}发布{T}新产品", "{A}海外订单大幅增长", "{A}遭股东减持{d}%股份"};
    private static final String[] TITLES_2 = {
        "{A}选择{B}加速{T}研发", "{A}与{B}达成战略合作", "{A}拟收购{B}旗下{T}业务", "{A}和{B}联合发布{T}新品",
        "{A}起诉{B}侵犯专利", "{A}超越{B}成为{T}领域市值第一"};
    private static final String[] TITLE_TAILS = {
        "加码一体化布局", "市场反应积极", "股价盘中涨超{d}%", "机构看好后市", "多家券商上调目标价", "行业格局或生变"};
    private static final String[] OPENERS = {
        "", "", "", "当地时间周三，", "据悉，", "此前，", "数据显示，", "业内人士指出，", "公告显示，", "记者了解到，",
        "值得注意的是，", "与此同时，", "{m}月{dd}日，", "截至发稿，", "分析人士认为，", "另据报道，", "在未来几个月，"};
    private static final String[] INSTITUTIONS = {
        "公司", "该公司", "监管部门", "央行", "多家券商", "机构投资者", "行业协会", "市场人士", "管理层", "北向资金", "公募基金",
        "外资机构"};
    private static final String[] VERBS = {
        "宣布将", "表示将继续", "计划", "正在加快", "有望进一步", "已经开始", "拟", "决定", "预计将", "明确提出要"};
    private static final String[] OBJECTS = {
        "扩大在{T}领域的投资", "推进{T}业务的数字化转型", "提升{T}产品的市场份额", "加强与合作伙伴在{T}方面的合作",
        "优化资产负债结构", "加大研发投入", "拓展海外市场", "完善供应链管理体系", "建立新的{T}开发加速器", "降低融资成本",
        "回购公司股份以稳定股价", "提高分红比例"};
    private static final String[] TAILS = {
        "以进一步提升核心竞争力", "帮助客户加速从实验到生产的过程", "这将为行业带来新的增长动力", "市场对此反应积极",
        "相关板块随即走强", "预计全年营收将保持两位数增长", "但短期内仍面临一定压力", "具体进展仍有待观察"};
    private static final String[] NUMERIC = {
        "{S}{M}同比增长{p}%", "{S}{M}达到{n}亿元，同比{U}{p}%", "消息公布后，{S}收涨{d}%，成交额{n}亿元",
        "{T}板块全天上涨{d}%，其中{n}只个股涨停", "今年以来，{T}指数累计{U}{p}%"};
    private static final String[] METRICS = {"营业收入", "归母净利润", "出货量", "订单金额", "经营现金流"};
    private static final String HIDDEN = "<p style=\"display:none;height:1px;overflow:hidden;\"><br /></p>";
    private static final String HIDDEN_SPACE = "<p style=\"display:none;height:1px;overflow:hidden;\"> </p>";
    private static final long FIRST = LocalDateTime.of(2021, 1, 1, 0, 0).toEpochSecond(ZoneOffset.ofHours(8));
    private static final long LAST = LocalDateTime.of(2023, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.ofHours(8));
    private static final int[] TAGS_PER_ARTICLE = {1, 1, 1, 2, 2, 2, 2, 3, 3, 4};

    private CorpusGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: CorpusGenerator OUTPUT_DIR COUNT [SEED]   (seed defaults to 42)");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int count;
        long seed;
        try {
            count = Integer.parseInt(args[1]);
            seed = args.length == 3 ? Long.parseLong(args[2]) : 42L;
        } catch (NumberFormatException e) {
            System.err.println("CorpusGenerator: COUNT and SEED must be integers: " + e.getMessage());
            System.exit(2);
            return;
        }
        long start = System.nanoTime();
        Stats stats;
        try {
            stats = generate(dir, count, seed);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("CorpusGenerator: " + e.getMessage());
            System.exit(2);
            return;
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("generated " + stats.articles() + " articles in " + ms + " ms into " + dir
                + " (sources " + stats.sources() + ", tags " + stats.tags() + ")");
    }

    /** Writes {@code count} articles under {@code dir/articles} and {@code dir/feeds.yml}. */
    public static Stats generate(Path dir, int count, long seed) throws IOException {
        if (count < 1 || count > 9_999_999) {
            throw new IllegalArgumentException("count must be 1..9999999, not " + count);
        }
        Path articles = dir.resolve("articles");
        if (Files.isDirectory(articles)) {
            try (var entries = Files.list(articles)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(articles + " is not empty; delete it first");
                }
            }
        }
        Files.createDirectories(articles);
        Corpus corpus = new Corpus(count, seed, articles);
        try {
            IntStream.range(0, count).parallel().forEach(corpus::write);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writeConfig(dir.resolve("feeds.yml"), corpus, count, seed);
        int sources = 0;
        int tags = 0;
        for (int s = 0; s < SOURCES.length; s++) {
            sources += corpus.sourceUse.get(s) > 0 ? 1 : 0;
        }
        for (int t = 0; t < corpus.tags.length; t++) {
            tags += corpus.tagUse.get(t) > 0 ? 1 : 0;
        }
        return new Stats(count, sources, tags + sources, corpus.bytes.sum());
    }

    private static void writeConfig(Path file, Corpus corpus, int count, long seed) throws IOException {
        StringBuilder yaml = new StringBuilder(2048)
                .append("# Generated by io.posthorn.bench.CorpusGenerator: ").append(count)
                .append(" articles, seed ").append(seed).append(". Paths are relative to this file.\n")
                .append("site:\n  title: 财经新闻\n  id: bench.example.com\n  base_url: http://127.0.0.1:8080/\n")
                .append("sources:\n  - path: articles\n    name: 基准语料\n")
                .append("feeds:\n  entries: 50\n  summary_chars: 200\n")
                .append("attribution:\n");
        for (int s = 0; s < SOURCES.length; s++) {
            if (corpus.sourceUse.get(s) > 0) {
                yaml.append("  ").append(slug(s)).append(": ").append(name(s)).append('\n');
            }
        }
        Files.write(file, yaml.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String name(int source) {
        return SOURCES[source].substring(0, SOURCES[source].indexOf(' '));
    }

    private static String companyName(int company) {
        return COMPANIES[company].substring(0, COMPANIES[company].indexOf(' '));
    }

    private static String slug(int source) {
        return SOURCES[source].substring(SOURCES[source].indexOf(' ') + 1);
    }

    /** Cumulative weights {@code 1/rank^s}; {@link #sample} picks an index by them. */
    private static double[] zipf(int n, double s) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, s);
            cumulative[i] = sum;
        }
        return cumulative;
    }

    private static int sample(double[] cumulative, SplittableRandom random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, u);
        i = i >= 0 ? i + 1 : -i - 1;
        return Math.min(i, cumulative.length - 1);
    }

    /** Topical tag names, most frequent first: topics, companies, combinations, numbered series. */
    static String[] tagPool(int size) {
        Set<String> names = new LinkedHashSet<>(Arrays.asList(TOPICS));
        for (int c = 0; c < COMPANIES.length; c++) {
            names.add(companyName(c));
        }
        for (String suffix : TAG_SUFFIXES) {
            for (String topic : TOPICS) {
                names.add(topic + suffix);
            }
        }
        for (String suffix : COMPANY_SUFFIXES) {
            for (int c = 0; c < COMPANIES.length; c++) {
                names.add(companyName(c) + suffix);
            }
        }
        List<String> list = new ArrayList<>(names);
        for (int n = 1; list.size() < size; n++) {
            for (String series : SERIES) {
                list.add(series + n);
            }
        }
        return list.subList(0, size).toArray(String[]::new);
    }

    private static int utf8Length(CharSequence text, int from, int to) {
        int bytes = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    private static void pad(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    /** The shared, immutable tables of one run plus its thread-safe counters. */
    private static final class Corpus {
        final long seed;
        final Path articles;
        final String[] tags;
        final double[] tagWeights;
        final double[] sourceWeights = zipf(SOURCES.length, 1.0);
        final AtomicIntegerArray sourceUse = new AtomicIntegerArray(SOURCES.length);
        final AtomicIntegerArray tagUse;
        final LongAdder bytes = new LongAdder();
        final ConcurrentHashMap<Path, Boolean> folders = new ConcurrentHashMap<>();

        Corpus(int count, long seed, Path articles) {
            this.seed = seed;
            this.articles = articles;
            int poolSize = Math.max(50, (int) Math.round(3000 * Math.pow(count / 100_000.0, 0.6)));
            this.tags = tagPool(poolSize);
            this.tagWeights = zipf(poolSize, 1.1);
            this.tagUse = new AtomicIntegerArray(poolSize);
        }

        void write(int index) {
            long mixed = seed + (index + 1) * 0x9E3779B97F4A7C15L;
            mixed = (mixed ^ (mixed >>> 30)) * 0xBF58476D1CE4E5B9L;
            mixed = (mixed ^ (mixed >>> 27)) * 0x94D049BB133111EBL;
            Article article = new Article(this, index, new SplittableRandom(mixed ^ (mixed >>> 31)));
            byte[] data = article.render().getBytes(StandardCharsets.UTF_8);
            Path folder = articles.resolve(article.folder());
            folders.computeIfAbsent(folder, f -> {
                try {
                    Files.createDirectories(f);
                    return Boolean.TRUE;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try {
                Files.write(folder.resolve(article.fileName()), data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bytes.add(data.length);
        }
    }

    /** One article; every random draw comes from its own generator, in a fixed order. */
    private static final class Article {
        final Corpus corpus;
        final int index;
        final SplittableRandom random;
        final int source;
        final LocalDateTime date;
        final int[] companies;

        Article(Corpus corpus, int index, SplittableRandom random) {
            this.corpus = corpus;
            this.index = index;
            this.random = random;
            this.source = sample(corpus.sourceWeights, random);
            this.date = LocalDateTime.ofEpochSecond(FIRST + random.nextLong(LAST - FIRST + 1), 0, ZoneOffset.ofHours(8));
            double u = random.nextDouble();
            this.companies = new int[u < 0.35 ? 0 : u < 0.8 ? 1 : 2];
            for (int i = 0; i < companies.length; i++) {
                int company = random.nextInt(COMPANIES.length);
                companies[i] = i == 1 && company == companies[0] ? (company + 1) % COMPANIES.length : company;
            }
            corpus.sourceUse.incrementAndGet(source);
        }

        String folder() {
            return slug(source) + "/" + date.getYear() + "/" + (date.getMonthValue() < 10 ? "0" : "")
                    + date.getMonthValue();
        }

        String fileName() {
            StringBuilder name = new StringBuilder(24);
            appendDay(name, "-");
            name.append('-');
            pad(name, index + 1, 7);
            return name.append(".md").toString();
        }

        void appendDay(StringBuilder out, String separator) {
            out.append(date.getYear()).append(separator);
            pad(out, date.getMonthValue(), 2);
            out.append(separator);
            pad(out, date.getDayOfMonth(), 2);
        }

        String render() {
            StringBuilder out = new StringBuilder(10_000).append("---\nlayout: post\ntitle: \"");
            String title = title();
            for (int i = 0; i < title.length(); i++) {
                char c = title.charAt(i);
                out.append(c == '"' || c == '\\' ? "\\" : "").append(c);
            }
            out.append("\"\ndate: ");
            appendDay(out, "-");
            out.append(' ');
            pad(out, date.getHour(), 2);
            out.append(':');
            pad(out, date.getMinute(), 2);
            out.append(':');
            pad(out, date.getSecond(), 2);
            out.append(random.nextInt(100) < 3 ? "" : " +0800");
            out.append(random.nextInt(5) == 0 ? "\ncategories: [" + slug(source) + "]" : "\ncategories: " + slug(source));
            appendTags(out.append("\ntags: "));
            out.append("\n---\n");
            body(out);
            return out.toString();
        }

        private void appendTags(StringBuilder out) {
            int n = TAGS_PER_ARTICLE[random.nextInt(TAGS_PER_ARTICLE.length)];
            int[] chosen = new int[n];
            for (int i = 0; i < n; i++) {
                int tag;
                do {
                    tag = sample(corpus.tagWeights, random);
                } while (contains(chosen, i, tag));
                chosen[i] = tag;
                corpus.tagUse.incrementAndGet(tag);
            }
            boolean list = random.nextBoolean();
            out.append(list ? "[" : "").append(name(source)).append("新闻");
            for (int tag : chosen) {
                out.append(list ? ", " : " ").append(corpus.tags[tag]);
            }
            out.append(list ? "]" : "");
        }

        private static boolean contains(int[] values, int length, int value) {
            for (int i = 0; i < length; i++) {
                if (values[i] == value) {
                    return true;
                }
            }
            return false;
        }

        private String title() {
            StringBuilder title = new StringBuilder(64);
            if (random.nextInt(10) == 0) {
                title.append(pick(PREFIXES));
            }
            if (random.nextInt(100) < 3) {
                title.append('"').append(pick(TOPICS)).append("\"热度不减：");
            }
            String[] templates = companies.length == 0 ? TITLES_0 : companies.length == 1 ? TITLES_1 : TITLES_2;
            fill(title, pick(templates));
            if (random.nextInt(10) < 3) {
                fill(title.append(' '), pick(TITLE_TAILS));
            }
            if (random.nextInt(1000) < 3) {
                title.append("（A\\H股）");
            }
            return title.toString();
        }

        private void body(StringBuilder out) {
            int target = 1024 + random.nextInt(8192 - 1024 + 1);
            int bodyStart = out.length();
            out.append(HIDDEN);
            for (int i = 0; i < companies.length; i++) {
                chart(out.append(i == 0 ? "" : HIDDEN_SPACE), companies[i], i == 0 ? "" : "]");
            }
            StringBuilder tail = new StringBuilder(400).append("<p class=\"em_media\">（文章来源：").append(name(source))
                    .append("）</p>\n\n<http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW");
            appendDay(tail, "");
            pad(tail, random.nextInt(1000), 3);
            pad(tail, index + 1, 7);
            tail.append(">\n\n[返回").append(name(source)).append("新闻](//finews.withounder.com/category/")
                    .append(slug(source)).append(".html)｜[返回首页](//finews.withounder.com/)");
            int used = utf8Length(out, bodyStart, out.length()) + utf8Length(tail, 0, tail.length());
            boolean full = false;
            // used counts the body's bytes exactly: a paragraph's markup is charged with its first sentence
            for (int paragraph = 0; !full; paragraph++) {
                int start = out.length();
                String close = paragraph == 0 && random.nextBoolean() ? "<br /></p>" : "</p>";
                out.append(paragraph == 0 ? "<p>" : "\n <p>");
                int markup = utf8Length(out, start, out.length()) + close.length();
                int sentences = 2 + random.nextInt(4);
                int added = 0;
                for (; added < sentences; added++) {
                    int mark = out.length();
                    sentence(out);
                    int cost = utf8Length(out, mark, out.length()) + (added == 0 ? markup : 0);
                    if (used + cost > target && used >= 1024 && (paragraph > 0 || added > 0)) {
                        out.setLength(mark);
                        full = true;
                        break;
                    }
                    used += cost;
                }
                if (added == 0) {
                    out.setLength(start);
                } else {
                    out.append(close);
                }
            }
            out.append(tail);
        }

        private void chart(StringBuilder out, int company, String quirk) {
            String code = COMPANIES[company].substring(COMPANIES[company].indexOf(' ') + 1);
            String symbol = code.substring(0, code.indexOf('.'));
            String market = code.endsWith(".US") ? "105" : code.endsWith(".HK") ? "116" : code.endsWith(".SH") ? "1" : "0";
            String kind = code.endsWith(".US") ? "7" : code.endsWith(".HK") ? "3" : "1";
            String id = symbol + "|" + market + "|";
            out.append("<!-- EM_StockImg_Start --><p style=\"text-align:center;\"><a href=\"http://quote.eastmoney.com/unify/r/")
                    .append(market).append('.').append(symbol).append("\" data-code=\"").append(id).append(kind)
                    .append("\" data-code2=\"").append(id).append("1|\" class=\"EmImageRemark\" target=\"_blank\">")
                    .append("<img src=\"https://webquoteklinepic.eastmoney.com/GetPic.aspx?nid=").append(market).append('.')
                    .append(symbol).append("&imageType=k&token=28dfeb41d35cc81d84b4664d7c23c49f&at=1\" border=\"0\" alt=\"K图 ")
                    .append(symbol).append("_0").append(quirk).append("\" data-code=\"K ").append(id).append(kind)
                    .append("\" data-code2=\"K ").append(id).append("1|\" style=\"border:#d1d1d1 1px solid;\" width=\"578\"")
                    .append(" height=\"276\" /></a></p><!-- EM_StockImg_End -->");
        }

        private void sentence(StringBuilder out) {
            if (random.nextInt(20) == 0) {
                out.append(' ');
            }
            if (random.nextInt(10) < 3) {
                fill(out, pick(NUMERIC));
            } else {
                fill(out, pick(OPENERS));
                fill(out, "{S}");
                out.append(pick(VERBS));
                fill(out, pick(OBJECTS));
                if (random.nextBoolean()) {
                    out.append('，').append(pick(TAILS));
                }
            }
            out.append('。');
        }

        /** Appends {@code template} with its {@code {X}} placeholders filled by random values. */
        private void fill(StringBuilder out, String template) {
            int from = 0;
            for (int open = template.indexOf('{'); open >= 0; open = template.indexOf('{', from)) {
                out.append(template, from, open);
                int close = template.indexOf('}', open);
                switch (template.substring(open + 1, close)) {
                    case "A" -> out.append(COMPANIES[companies[0]].replace(" ", "(")).append(')');
                    case "B" -> out.append(COMPANIES[companies[1]].replace(" ", "(")).append(')');
                    case "S" -> out.append(companies.length > 0 && random.nextBoolean()
                            ? companyName(companies[random.nextInt(companies.length)]) : pick(INSTITUTIONS));
                    case "T" -> out.append(pick(TOPICS));
                    case "M" -> out.append(pick(METRICS));
                    case "U" -> out.append(random.nextInt(3) == 0 ? "下降" : "增长");
                    case "n" -> out.append(2 + random.nextInt(499));
                    case "p" -> {
                        int tenths = 1 + random.nextInt(999);
                        out.append(tenths / 10).append('.').append(tenths % 10);
                    }
                    case "d" -> out.append(random.nextInt(10)).append('.').append(random.nextInt(10)).append(1 + random.nextInt(9));
                    case "b" -> out.append(25 * (1 + random.nextInt(3)));
                    case "m" -> out.append(1 + random.nextInt(12));
                    case "dd" -> out.append(1 + random.nextInt(28));
                    default -> throw new IllegalStateException("unknown placeholder in " + template);
                }
                from = close + 1;
            }
            out.append(template, from, template.length());
        }

        private String pick(String[] choices) {
            return choices[random.nextInt(choices.length)];
        }
    }
}
