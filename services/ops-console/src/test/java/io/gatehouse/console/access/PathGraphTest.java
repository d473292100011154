package io.gatehouse.console.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathGraphTest {

    @Test
    void eachRoleIsOneNodeInItsColumnAndEachHopOneEdge() {
        PathGraph graph = PathGraph.of(List.of(
                new PathGraph.Hop(List.of("GH_USER_ADA", "GH_BIZ_FINANCE", "GH_TG_ERP"), "RAW.ERP.CUSTOMERS"),
                new PathGraph.Hop(List.of("GH_USER_ADA", "GH_BIZ_FINANCE", "GH_TG_ERP"), "RAW.ERP.ORDERS"),
                new PathGraph.Hop(List.of("GH_USER_ADA", "GH_TG_LEDGER"), "RAW.LEDGER.ACCOUNTS")));

        assertThat(graph.nodes()).extracting(PathGraph.Node::id).containsExactly(
                "user:GH_USER_ADA", "through:GH_BIZ_FINANCE", "table-group:GH_TG_ERP", "table-group:GH_TG_LEDGER",
                "table:RAW.ERP.CUSTOMERS", "table:RAW.ERP.ORDERS", "table:RAW.LEDGER.ACCOUNTS");
        // user->biz, biz->erp, erp->customers, erp->orders, user->ledger (direct: skips the middle column), ledger->accounts
        assertThat(graph.edges()).hasSize(6);
        PathGraph.Node user = graph.nodes().get(0);
        PathGraph.Node ledger = graph.nodes().get(3);
        assertThat(graph.edges()).contains(new PathGraph.Edge(user.x() + PathGraph.NODE_WIDTH,
                user.y() + PathGraph.NODE_HEIGHT / 2, ledger.x(), ledger.y() + PathGraph.NODE_HEIGHT / 2));
        assertThat(graph.height()).isGreaterThanOrEqualTo(ledger.y() + PathGraph.NODE_HEIGHT);
    }
}
