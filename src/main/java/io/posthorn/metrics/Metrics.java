package io.posthorn.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Everything {@code /metrics} shows: requests by route and status, feed cache hits, misses and
 * evictions, articles indexed and skipped, render time, and the JVM's memory, GC and threads.
 * One instance per server, surviving configuration reloads (gauges read suppliers). Thread-safe.
 */
public final class Metrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Long, Counter> requests = new ConcurrentHashMap<>();
    private final Timer render;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final java.util.List<Object> held = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        gc.bindTo(registry);
        render = Timer.builder("posthorn.render").description("Time to render one feed or embed document (cache miss)")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /** Counts one answered request; {@code route} is one of a few fixed names, never a raw path. */
    public void request(String route, int status) {
        long key = ((long) route.hashCode() << 16) ^ status;
        requests.computeIfAbsent(key, k -> Counter.builder("posthorn.http.requests")
                .description("HTTP requests answered, by route and status")
                .tag("route", route).tag("status", Integer.toString(status)).register(registry)).increment();
    }

    /**
     * Counts one upstream poll: by upstream (a configured source, so a bounded set) and result
     * ({@code 200}, {@code 304}, a status, or an error kind), with its bytes, time and entries written.
     */
    public void polled(String upstream, String result, long bytes, long millis, int added, int updated) {
        Counter.builder("posthorn.upstream.fetches").description("Upstream polls, by upstream and result")
                .tag("upstream", upstream).tag("result", result).register(registry).increment();
        Counter.builder("posthorn.upstream.bytes").description("Bytes received from upstreams (on the wire)")
                .tag("upstream", upstream).register(registry).increment(bytes);
        Timer.builder("posthorn.upstream.fetch").description("Time of one upstream poll")
                .tag("upstream", upstream).register(registry).record(millis, TimeUnit.MILLISECONDS);
        Counter.builder("posthorn.upstream.entries.written").description("Upstream entries written as article files")
                .tag("upstream", upstream).tag("kind", "new").register(registry).increment(added);
        Counter.builder("posthorn.upstream.entries.written").description("Upstream entries written as article files")
                .tag("upstream", upstream).tag("kind", "updated").register(registry).increment(updated);
    }

    /** Counts one WebSub verification of intent: {@code verified} or {@code failed}. */
    /** One periodic rescan of the folders: what it cost its thread. */
    public void rescanned(String kind, long cpuNanos, long allocatedBytes) {
        Counter.builder("posthorn.rescans").description("Periodic rescans, by kind (folders: by folder time; files: every file)")
                .tag("kind", kind).register(registry).increment();
        Counter.builder("posthorn.rescan.cpu").baseUnit("seconds").description("CPU time of periodic rescans")
                .tag("kind", kind).register(registry).increment(cpuNanos / 1e9);
        Counter.builder("posthorn.rescan.allocated").baseUnit("bytes").description("Memory allocated by periodic rescans")
                .tag("kind", kind).register(registry).increment(allocatedBytes);
    }

    public void webSubVerification(String result) {
        Counter.builder("posthorn.websub.verifications").description("WebSub verifications of intent, by result")
                .tag("result", result).register(registry).increment();
    }

    /**
     * Counts one WebSub delivery or ping attempt by result ({@code delivered}, {@code retried},
     * {@code gone}, {@code gave_up}, {@code dropped}, {@code pinged}); a delivered one's time from
     * the change to the subscriber's answer.
     */
    public void webSubDelivery(String result, long nanos) {
        Counter.builder("posthorn.websub.deliveries").description("WebSub content deliveries and hub pings, by result")
                .tag("result", result).register(registry).increment();
        if (result.equals("delivered")) {
            Timer.builder("posthorn.websub.delivery.latency")
                    .description("From a feed's change to its subscriber's 2xx").publishPercentiles(0.5, 0.95, 0.99)
                    .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    public void rendered(long nanos) {
        render.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A value read when scraped (articles indexed, cache size…). */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value, v -> v.get().doubleValue()).description(description).strongReference(true)
                .register(registry);
    }

    /** A monotonic count read when scraped (cache hits, evictions, skips…). */
    public void counter(String name, String description, Supplier<Number> value, String... tags) {
        held.add(value); // Micrometer keeps only a weak reference to a counter's source
        FunctionCounter.builder(name, value, v -> v.get().doubleValue()).description(description).tags(tags)
                .register(registry);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
