/** The details pane: every known fact about the selected member, grouped, with lag from both Patroni and SQL. */
package io.pilothouse.views.details;
