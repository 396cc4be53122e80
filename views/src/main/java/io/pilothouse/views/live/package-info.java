/**
 * Bridges the live model to the FX thread: the feed is read once per frame and applied only when its version
 * changed, however many snapshots the I/O threads published in between.
 */
package io.pilothouse.views.live;
