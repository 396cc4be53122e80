package io.pilothouse.views.topology;

import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.views.Styles;
import io.pilothouse.views.format.RoleWords;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

import java.time.Instant;
import java.util.Objects;

/**
 * A member of the topology as a card: name, endpoint, role (colour and words), state, timeline, versions,
 * tag chips, and a stale badge when its data is not live. Focusable; style class {@link Styles#MEMBER_CARD}
 * with role pseudo-classes ({@code :leader}, {@code :sync}, {@code :replica}, …), {@code :stale},
 * {@code :unreachable} and {@code :selected}.
 */
public final class MemberCard extends Control {

    private final ObjectProperty<Member> member = new SimpleObjectProperty<>(this, "member");
    private final ObjectProperty<Instant> now = new SimpleObjectProperty<>(this, "now", Instant.EPOCH);
    private final BooleanProperty selected = new SimpleBooleanProperty(this, "selected");
    private final BooleanProperty alone = new SimpleBooleanProperty(this, "alone");

    /** @param initial the member shown first; never null */
    public MemberCard(Member initial) {
        Objects.requireNonNull(initial, "initial");
        getStyleClass().setAll(Styles.MEMBER_CARD);
        setFocusTraversable(true);
        setAccessibleRole(AccessibleRole.BUTTON);
        member.subscribe(this::updateState);
        alone.subscribe(a -> updateState(member.get()));
        selected.subscribe(s -> pseudoClassStateChanged(Styles.SELECTED, s));
        member.set(initial);
    }

    /** The member shown. */
    public ObjectProperty<Member> memberProperty() {
        return member;
    }

    public Member getMember() {
        return member.get();
    }

    public void setMember(Member m) {
        member.set(Objects.requireNonNull(m, "member"));
    }

    /** Current time, for the "last seen … ago" badge. */
    public ObjectProperty<Instant> nowProperty() {
        return now;
    }

    public void setNow(Instant t) {
        now.set(t);
    }

    /** Whether this member is its cluster's only one (a lone server no Patroni manages is called standalone). */
    public BooleanProperty aloneProperty() {
        return alone;
    }

    public void setAlone(boolean a) {
        alone.set(a);
    }

    /** Whether this member is the selected one (shown in the details pane). */
    public BooleanProperty selectedProperty() {
        return selected;
    }

    public boolean isSelected() {
        return selected.get();
    }

    public void setSelected(boolean s) {
        selected.set(s);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new MemberCardSkin(this);
    }

    private void updateState(Member m) {
        if (m == null) {
            return;
        }
        Styles.setRole(this, m.role());
        Styles.setFreshness(this, m.freshness());
        pseudoClassStateChanged(Styles.UNHEALTHY, !m.state().isHealthy());
        // Screen readers get the same facts as the eye: role and state in words.
        setAccessibleText(m.name() + ", " + RoleWords.label(m, alone.get() ? 1 : 2) + ", " + m.state().label()
                + (m.freshness() == Freshness.LIVE ? "" : ", data " + m.freshness().name().toLowerCase()));
    }
}
