/** Pure text formatting for the views: byte sizes, durations, lag and source status. No JavaFX. */
package io.pilothouse.views.format;
