package io.pilothouse.views.slots;

/**
 * Style-class names of the slots view (controls/slots.css). Kept beside the view rather than in the shared
 * {@code Styles} so parallel work on other views does not collide; rows use the shared tone pseudo-classes.
 */
public final class SlotStyles {

    public static final String SLOTS = "ph-slots";
    public static final String TITLE = "ph-slots-title";
    public static final String NODE = "ph-slots-node";
    public static final String NODE_HEADER = "ph-slots-node-header";
    public static final String NODE_NAME = "ph-slots-node-name";
    public static final String TABLE = "ph-slots-table";
    public static final String ARCHIVER = "ph-slots-archiver";
    public static final String NUMERIC = "ph-numeric";

    private SlotStyles() {
    }
}
