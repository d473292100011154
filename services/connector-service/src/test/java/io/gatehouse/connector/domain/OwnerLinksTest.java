package io.gatehouse.connector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Plain unit test of the owner link's URL: configured or derived from the return URL, the token url-encoded. */
class OwnerLinksTest {

    @Test
    void derivedFromTheReturnUrlByReplacingItsLastSegment() {
        OwnerLinks links = OwnerLinks.of(Optional.empty(), "https://gatehouse.example.com/connect-card/return");

        assertThat(links.openUrl()).isEqualTo("https://gatehouse.example.com/connect-card/open");
        assertThat(links.link("o1.abc.1.x_y-z")).isEqualTo(
                "https://gatehouse.example.com/connect-card/open?token=o1.abc.1.x_y-z");
    }

    @Test
    void derivedKeepingTheReturnUrlsQuery() {
        OwnerLinks links = OwnerLinks.of(Optional.empty(), "https://gh.example.com/connect-card/return/?tenant=a");

        assertThat(links.link("t")).isEqualTo("https://gh.example.com/connect-card/open?tenant=a&token=t");
    }

    @Test
    void aConfiguredOpenUrlWinsAndTheTokenIsUrlEncoded() {
        OwnerLinks links = OwnerLinks.of(Optional.of("https://owners.example.com/open"),
                "https://gatehouse.example.com/connect-card/return");

        assertThat(links.link("a+b/c=")).isEqualTo("https://owners.example.com/open?token=a%2Bb%2Fc%3D");
    }

    @Test
    void aReturnUrlNotEndingInReturnNeedsTheOpenUrlConfigured() {
        assertThatThrownBy(() -> OwnerLinks.of(Optional.empty(), "https://gatehouse.example.com/connect-card/back"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gatehouse.connector.open-url");
    }
}
