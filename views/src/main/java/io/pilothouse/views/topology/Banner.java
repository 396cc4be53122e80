package io.pilothouse.views.topology;

import io.pilothouse.views.Tone;

/**
 * One banner above the topology.
 *
 * @param kind    which condition
 * @param tone    how alarming it is
 * @param title   a few words, bold
 * @param message what it means and, where useful, what happens next
 */
public record Banner(BannerKind kind, Tone tone, String title, String message) {
}
