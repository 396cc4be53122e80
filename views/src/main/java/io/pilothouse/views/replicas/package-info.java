/** The "Add a replica…" wizard's state (pages, preview, progress, report), without controls. */
package io.pilothouse.views.replicas;
