package io.gatehouse.connector.domain;

import static io.gatehouse.connector.domain.ConnectorState.ACTIVATING;
import static io.gatehouse.connector.domain.ConnectorState.ACTIVE;
import static io.gatehouse.connector.domain.ConnectorState.BROKEN;
import static io.gatehouse.connector.domain.ConnectorState.CARD_ISSUED;
import static io.gatehouse.connector.domain.ConnectorState.CREATED;
import static io.gatehouse.connector.domain.ConnectorState.FAILED;
import static io.gatehouse.connector.domain.ConnectorState.PENDING;
import static io.gatehouse.connector.domain.LifecycleFixture.CARD;
import static io.gatehouse.connector.domain.LifecycleFixture.CARD_EXPIRES;
import static io.gatehouse.connector.domain.LifecycleFixture.CARD_TTL;
import static io.gatehouse.connector.domain.LifecycleFixture.CONNECTION;
import static io.gatehouse.connector.domain.LifecycleFixture.LIFECYCLE;
import static io.gatehouse.connector.domain.LifecycleFixture.NOW;
import static io.gatehouse.connector.domain.LifecycleFixture.REQUEST;
import static io.gatehouse.connector.domain.LifecycleFixture.VERSION;
import static io.gatehouse.connector.domain.LifecycleFixture.assertRefused;
import static io.gatehouse.connector.domain.LifecycleFixture.claimOf;
import static io.gatehouse.connector.domain.LifecycleFixture.request;
import static io.gatehouse.connector.domain.LifecycleFixture.withVersion;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.events.ConnectCardIssued;
import io.gatehouse.events.ConnectorActivated;
import io.gatehouse.events.TableAdded;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Plain unit test of the lifecycle's table of successful worker results: a Connect Card issued, the connection
 * unpaused, the tables of a sync found; each against the state the worker claimed and the state found after the call.
 */
class ConnectorLifecycleResultsTest {

    private static final String NEW_CARD = "https://fivetran.test/card/2";
    private static final String OWNER_LINK = "https://gatehouse.test/connect-card/open?token=o1.req-1.1.mac";

    // ---- Connect Card issued (after create/adopt in PENDING, or for a reissue in CREATED) -----------------------

    @Test
    void cardIssuedPendingToCardIssuedPublishesConnectCardIssued() {
        RequestProgress pending = request(PENDING);
        Transition t = LIFECYCLE.cardIssued(pending, claimOf(pending), "conn-new", NEW_CARD, OWNER_LINK, NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, CARD_ISSUED, "conn-new", NEW_CARD,
                NOW.plus(CARD_TTL), false, 0, null, null, VERSION));
        assertThat(t.publish())
                .containsExactly(new ConnectCardIssued(REQUEST, "conn-new", NEW_CARD, NOW.plus(CARD_TTL), OWNER_LINK));
    }

    @Test
    void cardIssuedCreatedToCardIssuedPublishesConnectCardIssued() {
        RequestProgress created = request(CREATED);
        Transition t = LIFECYCLE.cardIssued(created, claimOf(created), CONNECTION, NEW_CARD, OWNER_LINK, NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, CARD_ISSUED, CONNECTION, NEW_CARD,
                NOW.plus(CARD_TTL), false, 0, null, null, VERSION));
        assertThat(t.publish())
                .containsExactly(new ConnectCardIssued(REQUEST, CONNECTION, NEW_CARD, NOW.plus(CARD_TTL), OWNER_LINK));
    }

    /** SetupCompleted arrived while the worker created the connection: no card, but the connection is ours. */
    @Test
    void cardIssuedRefusedWhenActivatingSinceTheClaimButRecordsTheConnection() {
        RequestProgress claimed = request(PENDING);
        RequestProgress activating = new RequestProgress(REQUEST, ACTIVATING, null, null, null, false, 0, null, NOW,
                VERSION + 1);
        Transition t = LIFECYCLE.cardIssued(activating, claimOf(claimed), "conn-new", NEW_CARD, null, NOW);

        assertThat(t.accepted()).isFalse();
        assertThat(t.refusal()).contains("claimed in PENDING (version 7), now ACTIVATING (version 8)");
        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVATING, "conn-new", null, null, false, 0, null,
                NOW, VERSION + 1));
        assertThat(t.publish()).isEmpty();
    }

    @Test
    void cardIssuedRefusedWhenFailedSinceTheClaim() {
        RequestProgress claimed = request(CREATED);
        RequestProgress failed = request(FAILED);
        assertRefused(LIFECYCLE.cardIssued(failed, claimOf(claimed), CONNECTION, NEW_CARD, null, NOW), failed,
                "claimed in CREATED (version 7), now FAILED (version 7)");
    }

    /** Only a claim in PENDING or CREATED has a card to issue. */
    @ParameterizedTest
    @EnumSource(value = ConnectorState.class, names = {"CARD_ISSUED", "ACTIVATING", "ACTIVE", "BROKEN", "FAILED"})
    void cardIssuedRefusedWhenClaimedInAStateWithoutCardWork(ConnectorState state) {
        RequestProgress current = request(state);
        assertRefused(LIFECYCLE.cardIssued(current, claimOf(current), CONNECTION, NEW_CARD, null, NOW), current,
                "claimed in " + state + " (version 7), now " + state + " (version 7)");
    }

    // ---- connection unpaused ------------------------------------------------------------------------------------

    @Test
    void activatedActivatingToActivePublishesConnectorActivated() {
        Transition t = LIFECYCLE.activated(request(ACTIVATING), NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVE, CONNECTION, CARD, CARD_EXPIRES, false, 0,
                null, null, VERSION));
        assertThat(t.publish()).containsExactly(new ConnectorActivated(REQUEST, CONNECTION));
    }

    /** A sync that arrived during the activation leaves the tables due at once. */
    @Test
    void activatedActivatingWithTablesDueToActiveDueNowPublishesConnectorActivated() {
        Transition t = LIFECYCLE.activated(request(ACTIVATING).withTablesDue(true), NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVE, CONNECTION, CARD, CARD_EXPIRES, true, 0,
                null, NOW, VERSION));
        assertThat(t.publish()).containsExactly(new ConnectorActivated(REQUEST, CONNECTION));
    }

    @Test
    void activatedRefusedWhenPending() {
        assertRefused(LIFECYCLE.activated(request(PENDING), NOW), request(PENDING), "PENDING");
    }

    @Test
    void activatedRefusedWhenCreated() {
        assertRefused(LIFECYCLE.activated(request(CREATED), NOW), request(CREATED), "CREATED");
    }

    @Test
    void activatedRefusedWhenCardIssued() {
        assertRefused(LIFECYCLE.activated(request(CARD_ISSUED), NOW), request(CARD_ISSUED), "CARD_ISSUED");
    }

    @Test
    void activatedRefusedWhenActive() {
        assertRefused(LIFECYCLE.activated(request(ACTIVE), NOW), request(ACTIVE), "ACTIVE");
    }

    @Test
    void activatedRefusedWhenBroken() {
        assertRefused(LIFECYCLE.activated(request(BROKEN), NOW), request(BROKEN), "BROKEN");
    }

    /** ConnectorBroken failed the request while the worker unpaused it. */
    @Test
    void activatedRefusedWhenFailed() {
        assertRefused(LIFECYCLE.activated(request(FAILED), NOW), request(FAILED), "FAILED");
    }

    // ---- tables of a sync found ---------------------------------------------------------------------------------

    @Test
    void tablesFoundActiveStaysActivePublishesTableAddedPerNewTable() {
        Set<String> announced = new HashSet<>(Set.of(table("ORDERS").streamKey()));
        RequestProgress claimed = request(ACTIVE).withTablesDue(true);
        Transition t = LIFECYCLE.tablesFound(claimed, claimOf(claimed),
                List.of(table("CUSTOMERS"), table("ORDERS"), table("INVOICES")),
                added -> announced.add(added.streamKey()), NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVE, CONNECTION, CARD, CARD_EXPIRES, false, 0,
                null, null, VERSION));
        assertThat(t.publish()).containsExactly(table("CUSTOMERS"), table("INVOICES"));
        assertThat(announced).hasSize(3);
    }

    @Test
    void tablesFoundActiveWithNothingNewStaysActivePublishesNothing() {
        RequestProgress claimed = request(ACTIVE).withTablesDue(true);
        Transition t = LIFECYCLE.tablesFound(claimed, claimOf(claimed), List.of(table("ORDERS")), added -> false, NOW);

        assertThat(t.accepted()).isTrue();
        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVE, CONNECTION, CARD, CARD_EXPIRES, false, 0,
                null, null, VERSION));
        assertThat(t.publish()).isEmpty();
    }

    /**
     * The tables are not guarded by state: a request that ConnectorBroken failed while its schema config was read
     * still announces what landed (and its last error is cleared with the finished work), as it always has.
     */
    @Test
    void tablesFoundFailedStaysFailedStillPublishesTableAdded() {
        RequestProgress failed = new RequestProgress(REQUEST, FAILED, CONNECTION, CARD, CARD_EXPIRES, false, 0,
                "Invalid login credentials", null, VERSION + 1);
        Transition t = LIFECYCLE.tablesFound(failed, claimOf(request(ACTIVE)), List.of(table("ORDERS")), added -> true,
                NOW);

        assertThat(t.accepted()).isTrue();
        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, FAILED, CONNECTION, CARD, CARD_EXPIRES, false, 0,
                null, null, VERSION + 1));
        assertThat(t.publish()).containsExactly(table("ORDERS"));
    }

    /**
     * A successful sync was recorded while the worker read the schema: what it landed may be missing from this read,
     * so the tables stay due, at once, and the schema is read again.
     */
    @Test
    void tablesFoundActiveAfterASyncSinceTheClaimStaysActiveWithTablesDueNow() {
        RequestProgress claimed = request(ACTIVE).withTablesDue(true);
        RequestProgress syncedSince = withVersion(claimed, VERSION + 1);
        Transition t = LIFECYCLE.tablesFound(syncedSince, claimOf(claimed), List.of(table("ORDERS")), added -> true,
                NOW);

        assertThat(t.accepted()).isTrue();
        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, ACTIVE, CONNECTION, CARD, CARD_EXPIRES, true, 0,
                null, NOW, VERSION + 1));
        assertThat(t.publish()).containsExactly(table("ORDERS"));
    }

    /** The connection broke while the schema was read: what was read is announced, the rest waits for the recovery. */
    @Test
    void tablesFoundBrokenSinceTheClaimStaysBrokenWithTablesDueAndNothingScheduled() {
        RequestProgress claimed = request(ACTIVE).withTablesDue(true);
        RequestProgress broken = new RequestProgress(REQUEST, BROKEN, CONNECTION, CARD, CARD_EXPIRES, true, 1,
                "connection_failure: Invalid login credentials", null, VERSION + 1);
        Transition t = LIFECYCLE.tablesFound(broken, claimOf(claimed), List.of(table("ORDERS")), added -> true, NOW);

        assertThat(t.next()).isEqualTo(new RequestProgress(REQUEST, BROKEN, CONNECTION, CARD, CARD_EXPIRES, true, 0,
                null, null, VERSION + 1));
        assertThat(t.publish()).containsExactly(table("ORDERS"));
    }

    private static TableAdded table(String name) {
        return new TableAdded("RAW", "SRC_DBO", name, "sales_core", List.of("finance"), CONNECTION, REQUEST);
    }
}
