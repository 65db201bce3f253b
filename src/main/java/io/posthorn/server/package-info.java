/**
 * Server assembly and lifecycle: wires the pipeline stages for one configuration, holds the
 * current index snapshot, and starts and stops Undertow (with graceful shutdown and the
 * connection and request limits). The command line lives in {@link io.posthorn.Main}.
 */
package io.posthorn.server;
