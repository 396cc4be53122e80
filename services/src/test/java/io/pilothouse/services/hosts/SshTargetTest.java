package io.pilothouse.services.hosts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SshTargetTest {

    @Test
    void readsUserHostAndPort() {
        assertThat(SshTarget.parse("postgres@db3.example.com:2222"))
                .isEqualTo(new SshTarget("postgres", "db3.example.com", 2222));
        assertThat(SshTarget.parse("postgres@db3").port()).isEqualTo(22);
        assertThat(SshTarget.parse("admin@[::1]:2200")).isEqualTo(new SshTarget("admin", "::1", 2200));
        assertThat(SshTarget.parse("admin@[fe80::1]").toString()).isEqualTo("admin@[fe80::1]:22");
        assertThat(SshTarget.parse("u@10.0.0.5:22").knownHostsName()).isEqualTo("10.0.0.5");
        assertThat(SshTarget.parse("u@10.0.0.5:2022").knownHostsName()).isEqualTo("[10.0.0.5]:2022");
    }

    @Test
    void refusesDestinationsThatCouldBeReadAsOptionsOrShellText() {
        assertThatThrownBy(() -> SshTarget.parse("db3")).hasMessageContaining("names no user");
        assertThatThrownBy(() -> SshTarget.parse("")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> SshTarget.parse("-oProxyCommand=x@db3")).hasMessageContaining("is not a user name");
        assertThatThrownBy(() -> SshTarget.parse("pg@-oProxyCommand=sh")).hasMessageContaining("not a host name");
        assertThatThrownBy(() -> SshTarget.parse("pg@db3;rm -rf /")).hasMessageContaining("not a host name");
        assertThatThrownBy(() -> SshTarget.parse("pg@$(id)")).hasMessageContaining("not a host name");
        assertThatThrownBy(() -> SshTarget.parse("pg@db3:99999")).hasMessageContaining("not between 1 and 65535");
        assertThatThrownBy(() -> SshTarget.parse("pg@db3:ssh")).hasMessageContaining("no port number");
        assertThatThrownBy(() -> SshTarget.parse("pg@fe80::1")).hasMessageContaining("put it in brackets");
        assertThatThrownBy(() -> SshTarget.parse("pg@[::1")).hasMessageContaining("without closing");
        assertThatThrownBy(() -> SshTarget.parse("p\u001b[2Jg@db3")).hasMessageContaining("p?[2Jg")
                .hasMessageNotContaining("\u001b");
    }
}
