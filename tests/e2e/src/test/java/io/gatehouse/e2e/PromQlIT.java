package io.gatehouse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The metric names {@link PromQl} reads out of the expressions the dashboards and alerts use (no system needed). */
class PromQlIT {

    @Test
    void aBareSelectorIsItsMetric() {
        assertThat(PromQl.metricNames("gatehouse_outbox_pending")).containsExactly("gatehouse_outbox_pending");
    }

    @Test
    void functionsAggregationsGroupingAndLabelsAreNotMetrics() {
        assertThat(PromQl.metricNames("sum by (consumer, outcome) (rate(gatehouse_events_consumed_total{outcome=\"dead_lettered\","
                + " consumer=~\"grant.*\"}[5m])) > 0")).containsExactly("gatehouse_events_consumed_total");
        assertThat(PromQl.metricNames("histogram_quantile(0.95, sum without (instance) (rate(x_seconds_bucket[$__rate_interval])))"))
                .containsExactly("x_seconds_bucket");
        assertThat(PromQl.metricNames("max by(job)(a) / on(job) group_left(status) count(b offset 1h) * 100"))
                .containsExactly("a", "b");
    }

    @Test
    void bothSidesOfSetOperatorsAndOffsetsAreRead() {
        assertThat(PromQl.metricNames("""
                (sum by (source) (increase(feed_total[24h])) == 0)
                and on (source)
                (sum by (source) (increase(feed_total[7d] offset 24h)) > 0)
                or other_total unless last_total offset 15m""")).containsExactly("feed_total", "other_total", "last_total");
    }

    @Test
    void stringsAndGrafanaVariablesHoldNoMetric() {
        assertThat(PromQl.metricNames("label_replace(up{job=\"$job\"}, \"svc\", \"$1\", \"job\", \"(.*)\") == bool 0"))
                .containsExactly("up");
        assertThat(PromQl.metricNames("sum(rate(m_total{instance=~\"${instance:regex}\"}[$__interval])) or vector(0)"))
                .containsExactly("m_total");
    }

    @Test
    void scrapeKnowsHistogramPartsByTheirFamily() {
        MetricsScrape scrape = new MetricsScrape().add("""
                # TYPE t_seconds histogram
                t_seconds_count{outcome="ok"} 1
                # TYPE c counter
                c_total 3
                # TYPE g gauge
                g{state="a"} 0
                """);
        assertThat(scrape.has("t_seconds_bucket")).isTrue();
        assertThat(scrape.has("t_seconds_sum")).isTrue();
        assertThat(scrape.has("c_total")).isTrue();
        assertThat(scrape.has("g")).isTrue();
        assertThat(scrape.has("g_bucket")).as("a gauge has no buckets").isFalse();
        assertThat(scrape.has("c_seconds_total")).isFalse();
    }
}
