/** The in-doubt (prepared transaction) console: global transactions, their advice, and resolving them. */
package io.pilothouse.views.indoubt;
