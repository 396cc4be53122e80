/**
 * Replication lag graphs: {@link io.pilothouse.views.lag.LagChartView}, a chart-fx time-series chart of one
 * cluster's replicas fed from a {@link io.pilothouse.services.metrics.LagSeriesSource} once per frame.
 */
package io.pilothouse.views.lag;
