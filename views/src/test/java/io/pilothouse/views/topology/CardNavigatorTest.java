package io.pilothouse.views.topology;

import javafx.geometry.Rectangle2D;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CardNavigatorTest {

    // leader on top, two replicas below, a cascading one under the right replica
    private final Map<String, Rectangle2D> cards = Map.of(
            "leader", new Rectangle2D(150, 0, 100, 50),
            "left", new Rectangle2D(0, 100, 100, 50),
            "right", new Rectangle2D(300, 100, 100, 50),
            "tallRight", new Rectangle2D(450, 100, 100, 120),
            "cascade", new Rectangle2D(300, 200, 100, 50));

    @Test
    void arrowsMoveToTheNearestCardThatWay() {
        assertThat(CardNavigator.next("leader", KeyCode.DOWN, cards)).isIn("left", "right");
        assertThat(CardNavigator.next("left", KeyCode.RIGHT, cards)).isEqualTo("right");
        assertThat(CardNavigator.next("right", KeyCode.DOWN, cards)).isEqualTo("cascade");
        assertThat(CardNavigator.next("cascade", KeyCode.UP, cards)).isEqualTo("right");
        assertThat(CardNavigator.next("right", KeyCode.LEFT, cards)).isEqualTo("left");
    }

    @Test
    void aTallerCardInTheSameRowIsNotBelow() {
        assertThat(CardNavigator.next("right", KeyCode.DOWN, cards)).isEqualTo("cascade");
        assertThat(CardNavigator.next("right", KeyCode.RIGHT, cards)).isEqualTo("tallRight");
    }

    @Test
    void staysPutAtTheEdge() {
        assertThat(CardNavigator.next("leader", KeyCode.UP, cards)).isNull();
        assertThat(CardNavigator.next("left", KeyCode.LEFT, cards)).isNull();
    }
}
