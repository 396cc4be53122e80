package io.pilothouse.services.switchover;

/**
 * One line of the verification report.
 *
 * @param id      stable identifier ({@code leader}, {@code timeline}, {@code old_leader}, {@code replicas},
 *                {@code cascade}, {@code sync}, {@code write_endpoint}, {@code writes})
 * @param title   what was checked
 * @param verdict pass, warn or fail
 * @param detail  what was found
 */
public record VerificationItem(String id, String title, Verdict verdict, String detail) {
}
