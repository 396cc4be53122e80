/**
 * Pilothouse themes: small stylesheets (colour tokens, a Modena bridge, general rules, one file per control)
 * layered over AtlantaFX's Primer user-agent stylesheets, and {@link io.pilothouse.styles.Theme}, which applies
 * them to a scene.
 */
package io.pilothouse.styles;
