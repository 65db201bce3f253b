package io.posthorn;

import io.posthorn.config.Config;
import io.posthorn.config.ConfigException;
import io.posthorn.config.ConfigLoader;
import io.posthorn.index.LiveIndex;
import io.posthorn.server.Posthorn;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line: {@code posthorn [serve] [--config FILE] [--host HOST] [--port N]}.
 * Exit codes: 0 clean shutdown, 2 bad arguments or configuration (one line on stderr).
 */
@Command(name = "posthorn", mixinStandardHelpOptions = true, version = "Posthorn 0.1",
        description = "Serves Atom feeds of Jekyll-style article folders.",
        subcommands = {Main.Serve.class, Main.Check.class, Main.Fetch.class, Main.Export.class})
public final class Main implements Callable<Integer> {
    /** The configuration file, an option of every command. */
    static final class ConfigFile {
        @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default: ${DEFAULT-VALUE})")
        Path config = Path.of("feeds.yml");

        /** The configuration, or null after its one-line error on stderr. */
        Config load() {
            return configOrNull(config);
        }
    }

    /** Options of the server. */
    static final class ServeOptions {
        @CommandLine.Mixin
        ConfigFile file = new ConfigFile();

        @Option(names = "--host", description = "address to listen on (default: ${DEFAULT-VALUE})")
        String host = "127.0.0.1";

        @Option(names = "--port", description = "port; 0 takes a free one (default: ${DEFAULT-VALUE})")
        int port = 8080;

        @Option(names = "--export", paramLabel = "DIR",
                description = "also keep DIR a static export of every document (as the export command), in step as articles change")
        Path export;
    }

    @CommandLine.Mixin
    ServeOptions options = new ServeOptions();

    @Override
    public Integer call() throws Exception {
        return serve(options);
    }

    /** {@code serve}: the default command. */
    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Index the folders and serve feeds.")
    static final class Serve implements Callable<Integer> {
        @CommandLine.Mixin
        ServeOptions options = new ServeOptions();

        @Override
        public Integer call() throws Exception {
            return serve(options);
        }
    }

    /** {@code check}: read the configuration and every article without serving; non-zero when anything was skipped. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Read feeds.yml and every article without serving; print each problem and a summary. "
                    + "Exit 0 when every article was read, 1 when any was skipped, 2 for a bad configuration.")
    static final class Check implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigFile file = new ConfigFile();

        @Override
        public Integer call() {
            Config loaded = file.load();
            if (loaded == null) {
                return 2;
            }
            var load = new io.posthorn.index.LiveIndex(loaded, new io.posthorn.article.ArticleReader(loaded)).load();
            var out = System.out;
            for (var skip : load.skipped()) {
                out.println((skip.ignored() ? "ignored " : "skipped ") + skip);
            }
            for (var warning : load.warnings()) {
                out.println("warning " + warning);
            }
            out.printf("%d articles read, %d skipped, %d ignored, %d warnings, %d unattributed, in %d ms%n",
                    load.snapshot().size(), load.broken(), load.skipped().size() - load.broken(), load.warnings().size(),
                    load.unattributed(), load.millis());
            return load.broken() > 0 ? 1 : 0;
        }
    }

    /** {@code export}: write every document as static files, and exit. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write every feed, page and embed as static files (with .gz and manifest.json) into DIR.")
    static final class Export implements Callable<Integer> {
        @CommandLine.Parameters(index = "0", paramLabel = "DIR", description = "the folder to write (created if missing)")
        java.nio.file.Path dir;

        @CommandLine.Mixin
        ConfigFile file = new ConfigFile();

        @Override
        public Integer call() throws Exception {
            Config loaded = file.load();
            if (loaded == null) {
                return 2;
            }
            if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
                System.err.println("posthorn: " + dir + " is not a folder");
                return 2;
            }
            io.posthorn.server.Export.Result r = io.posthorn.server.Export.run(loaded, dir);
            System.out.println("exported " + r.documents() + " documents into " + dir + " in " + r.millis() + " ms: "
                    + r.written() + " written, " + r.unchanged() + " unchanged, " + r.deleted() + " deleted"
                    + (r.failed() == 0 ? "" : ", " + r.failed() + " failed (the exported copies kept)"));
            return r.failed() == 0 ? 0 : 1;
        }
    }

    /** {@code fetch}: poll every upstream feed once, write what is new or changed, and exit. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Poll every upstream feed once (but one inside its Retry-After or stopped by 410), write "
                    + "what is new or changed as article files, print one line per upstream. "
                    + "Exit 0 when all were fetched or unchanged, 1 when any failed, 2 for a bad configuration.")
    static final class Fetch implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigFile file = new ConfigFile();

        @Override
        public Integer call() throws InterruptedException {
            Config loaded = file.load();
            if (loaded == null) {
                return 2;
            }
            try (io.posthorn.upstream.Upstreams upstreams = io.posthorn.server.Posthorn.upstreams(loaded)) {
                if (upstreams.isEmpty()) {
                    System.out.println("no upstream feeds in " + file.config + " (a source with url:)");
                    return 0;
                }
                long start = System.nanoTime();
                var reports = upstreams.pollOnce();
                long millis = (System.nanoTime() - start) / 1_000_000;
                java.time.Instant now = java.time.Instant.now();
                int failed = 0;
                int notModified = 0;
                int added = 0;
                int updated = 0;
                for (var r : reports) {
                    System.out.println(r.line(now));
                    failed += r.failed() ? 1 : 0;
                    notModified += r.result().equals("304") ? 1 : 0;
                    added += r.added();
                    updated += r.updated();
                }
                // the summary goes to the log (stderr), so that stdout stays one line per upstream
                org.slf4j.LoggerFactory.getLogger(Main.class).info(
                        "fetched {} upstreams in {} ms: {} changed, {} not modified, {} failed; {} new, {} updated entries",
                        reports.size(), millis, reports.size() - failed - notModified, notModified, failed, added, updated);
                return failed > 0 ? 1 : 0;
            }
        }
    }

    /** The configuration at {@code file}, or null after printing the one-line reason it is bad. */
    private static Config configOrNull(Path file) {
        try {
            return ConfigLoader.load(file);
        } catch (ConfigException e) {
            System.err.println("posthorn: " + e.getMessage());
            return null;
        }
    }

    static int serve(ServeOptions options) throws InterruptedException {
        if (options.port < 0 || options.port > 65535) {
            System.err.println("posthorn: --port must be between 0 and 65535, got " + options.port);
            return 2;
        }
        if (options.export != null && java.nio.file.Files.exists(options.export)
                && !java.nio.file.Files.isDirectory(options.export)) {
            System.err.println("posthorn: --export " + options.export + " is not a folder");
            return 2;
        }
        Config config = options.file.load();
        if (config == null) {
            return 2;
        }
        Posthorn posthorn = new Posthorn(config);
        // the folders are read while the server starts (it answers 503 until they are); the
        // listening line comes once both are done
        FutureTask<LiveIndex.Load> indexing = new FutureTask<>(posthorn::index);
        new Thread(indexing, "posthorn-load").start();
        InetSocketAddress address;
        try {
            address = posthorn.start(options.host, options.port);
        } catch (RuntimeException e) {
            System.err.println("posthorn: cannot listen on " + options.host + ":" + options.port + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            return 2;
        }
        try {
            indexing.get();
        } catch (ExecutionException e) {
            System.err.println("posthorn: cannot read the article folders: " + e.getCause());
            posthorn.close();
            return 1;
        }
        String shownHost = address.getAddress().isAnyLocalAddress() ? options.host : address.getHostString();
        if (shownHost.contains(":")) {
            shownHost = "[" + shownHost + "]";
        }
        if (options.export != null) {
            // the export asks this server for its documents, over loopback when it listens on every address
            String local = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : shownHost;
            try {
                posthorn.exportTo(options.export, java.net.URI.create("http://" + local + ":" + address.getPort()));
            } catch (java.io.IOException e) {
                System.err.println("posthorn: cannot export into " + options.export + ": " + e.getMessage());
                posthorn.close();
                return 2;
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            posthorn.close();
            stopped.countDown();
            // SIGTERM/SIGINT is the normal way to stop a server: report it as a clean exit (0), not 143
            Runtime.getRuntime().halt(0);
        }, "posthorn-shutdown"));
        System.out.println("Posthorn listening on http://" + shownHost + ":" + address.getPort() + "/");
        System.out.flush();
        posthorn.follow();
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
