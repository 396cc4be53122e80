/**
 * The time machine: a slider under the cluster view that scrubs the whole main view (topology, lag on the cards,
 * alerts, banners) back to any second of the history store, "Live" to return, and arrow keys stepping by event.
 * It works at the feed level: {@link io.pilothouse.views.timemachine.ScrubbedEstateFeed},
 * {@link io.pilothouse.views.timemachine.ScrubbedAlertsFeed} and {@link io.pilothouse.views.timemachine.ScrubbedClock}
 * hand the main view the past instead of the present, so no other view needs to know.
 */
package io.pilothouse.views.timemachine;
