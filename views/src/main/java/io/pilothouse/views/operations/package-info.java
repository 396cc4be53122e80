/** Controls shared by cluster operations: confirm-by-typing-the-name, configuration diffs. Pure JavaFX, no I/O. */
package io.pilothouse.views.operations;
