/**
 * The Traffic tab of a cluster: every entry point with where reads and writes go now, HAProxy's servers, PgBouncer's
 * databases and pools, Pgpool-II's nodes, problems highlighted; HAProxy drain / maintenance / ready and PgBouncer
 * pause / resume / reconnect from the rows' context menus, each previewed and confirmed by typing the name of the
 * thing at risk.
 */
package io.pilothouse.views.traffic;
