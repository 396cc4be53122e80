/**
 * The NOC wall: every cluster of the estate as a tile, worst first, paged and rotating when they do not fit, with a
 * summary strip of counts per state. Read-only by construction (no action, no dialog); the services refuse every
 * mutation of a wall session as well.
 */
package io.pilothouse.views.wall;
