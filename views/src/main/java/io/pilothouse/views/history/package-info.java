/** A cluster's leader history as a vertical timeline: switchovers, failovers, timelines, members lost and joined. */
package io.pilothouse.views.history;
