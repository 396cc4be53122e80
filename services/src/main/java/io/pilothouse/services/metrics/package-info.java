/**
 * Time series of replication lag: primitive ring buffers ({@link io.pilothouse.services.metrics.RingSeries}),
 * the sampler that fills them from PostgreSQL ({@link io.pilothouse.services.metrics.LagSampler}), the history
 * the UI reads ({@link io.pilothouse.services.metrics.LagHistory} through
 * {@link io.pilothouse.services.metrics.LagSeriesSource}) and pixel-width decimation
 * ({@link io.pilothouse.services.metrics.Decimator}). No JavaFX here.
 */
package io.pilothouse.services.metrics;
