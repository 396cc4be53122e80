package io.pilothouse.views.notify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DesktopNotificationsTest {

    @Test
    void longMessagesWrapAtWordsSoThePopUpStaysOnScreen() {
        String wrapped = DesktopNotifications.wrap("node2 → node1: node2 stopped in order and handed the leader "
                + "key to node1 within 0.1 s", 30);
        assertThat(wrapped.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(30));
        assertThat(wrapped.replace('\n', ' ')).isEqualTo("node2 → node1: node2 stopped in order and handed the "
                + "leader key to node1 within 0.1 s");
        assertThat(DesktopNotifications.wrap("short", 30)).isEqualTo("short");
    }
}
