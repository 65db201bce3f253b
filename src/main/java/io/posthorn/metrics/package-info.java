/**
 * Metrics: counters, gauges and timers in Prometheus text format for {@code /metrics}. The only
 * package that sees Micrometer; other stages report through {@link io.posthorn.metrics.Metrics}
 * with plain Java types.
 */
package io.posthorn.metrics;
