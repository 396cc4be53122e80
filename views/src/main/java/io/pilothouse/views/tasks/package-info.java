/**
 * The UI's one way of doing background work: a view model asks its actions port, which answers on a background
 * thread, and {@link io.pilothouse.views.tasks.Tasks} hands the answer to the injected {@code fx} executor (the FX
 * thread in the app, the calling thread in tests), with causes unwrapped and stale answers dropped.
 */
package io.pilothouse.views.tasks;
