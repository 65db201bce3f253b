package io.posthorn.testing;

import io.posthorn.config.Config;
import io.posthorn.server.Posthorn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** A real Posthorn on a free port over a real folder, with a real HTTP client. */
public final class RunningServer implements AutoCloseable {
    private final Posthorn posthorn;
    private final io.posthorn.index.LiveIndex.Load load;
    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningServer(Posthorn posthorn, io.posthorn.index.LiveIndex.Load load, InetSocketAddress address) {
        this.posthorn = posthorn;
        this.load = load;
        this.base = URI.create("http://127.0.0.1:" + address.getPort() + "/");
    }

    public static RunningServer start(Path configFile) {
        return start(configFile, java.time.Clock.systemUTC());
    }

    /** @param clock decides which article dates are in the future */
    public static RunningServer start(Path configFile, java.time.Clock clock) {
        Config config = TestSites.load(configFile);
        Posthorn posthorn = new Posthorn(config, clock);
        io.posthorn.index.LiveIndex.Load load = posthorn.index();
        posthorn.follow();
        return new RunningServer(posthorn, load, posthorn.start("127.0.0.1", 0));
    }

    /** What the start-up load read and skipped. */
    public io.posthorn.index.LiveIndex.Load load() {
        return load;
    }

    public Posthorn posthorn() {
        return posthorn;
    }

    /** The server's own address (links in output come from base_url, which may differ). */
    public URI uri(String rawPath) {
        return base.resolve(rawPath.startsWith("/") ? rawPath.substring(1) : rawPath);
    }

    public HttpResponse<byte[]> get(String rawPath, String... headers) {
        return send(HttpRequest.newBuilder(uri(rawPath)).GET(), headers);
    }

    public HttpResponse<byte[]> send(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(builder.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        posthorn.close();
    }
}
