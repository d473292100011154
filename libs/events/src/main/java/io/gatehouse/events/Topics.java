package io.gatehouse.events;

import java.util.List;

/** Kafka topic names of the event backbone. One topic per stream whose order matters. */
public final class Topics {

    /** Onboarding story of one request; key: request id. */
    public static final String ONBOARDING = "gatehouse.onboarding";
    /** Normalised Fivetran webhooks; key: Fivetran connection id. */
    public static final String FIVETRAN = "gatehouse.fivetran";
    /** HR and identity facts; key: user id. */
    public static final String IDENTITY = "gatehouse.identity";
    /** Platform tables appearing and leaving; key: {@code DB.SCHEMA.TABLE}. */
    public static final String CATALOG = "gatehouse.catalog";
    /** What the grant-service did or found; key: role name. */
    public static final String ACCESS = "gatehouse.access";

    public static final List<String> ALL = List.of(ONBOARDING, FIVETRAN, IDENTITY, CATALOG, ACCESS);

    private static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic of a topic: the original record plus reason headers, for operators. */
    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
