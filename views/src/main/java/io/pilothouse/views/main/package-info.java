/**
 * The main window: header, workspace tree, topology, member details and status bar, and the view model that
 * brings the live feed to the FX thread once per frame.
 */
package io.pilothouse.views.main;
