package io.pilothouse.views.activity;

/**
 * Opens the app's activity window on a node: what the main window's "Activity" button and a member card's menu
 * call. The app provides it ({@code MainView.openActivityProperty()}).
 */
@FunctionalInterface
public interface ActivityOpener {

    /** Opens the window on member {@code member} of {@code source}/{@code scope}; all null for the first node. */
    void open(String source, String scope, String member);
}
