package io.gatehouse.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The event catalogue: each event's record, topic and CloudEvents type ({@code gatehouse.<Name>.v1}).
 * The one place that ties the three together; schemas live at {@link #schemaResource()}.
 */
public enum EventType {
    CONNECTOR_REQUESTED(ConnectorRequested.class, Topics.ONBOARDING),
    CONNECT_CARD_ISSUED(ConnectCardIssued.class, Topics.ONBOARDING),
    CONNECT_CARD_REQUESTED(ConnectCardRequested.class, Topics.ONBOARDING),
    SETUP_COMPLETED(SetupCompleted.class, Topics.ONBOARDING),
    CONNECTOR_ACTIVATED(ConnectorActivated.class, Topics.ONBOARDING),
    ONBOARDING_FAILED(OnboardingFailed.class, Topics.ONBOARDING),
    REACTIVATION_REQUESTED(ReactivationRequested.class, Topics.ONBOARDING),
    CONNECTOR_INTERRUPTED(ConnectorInterrupted.class, Topics.ONBOARDING),
    CONNECTOR_RECOVERED(ConnectorRecovered.class, Topics.ONBOARDING),
    SYNC_COMPLETED(SyncCompleted.class, Topics.FIVETRAN),
    CONNECTOR_BROKEN(ConnectorBroken.class, Topics.FIVETRAN),
    CONNECTOR_HEALTHY(ConnectorHealthy.class, Topics.FIVETRAN),
    USER_JOINED_BUSINESS(UserJoinedBusiness.class, Topics.IDENTITY),
    USER_LEFT_BUSINESS(UserLeftBusiness.class, Topics.IDENTITY),
    TABLE_ADDED(TableAdded.class, Topics.CATALOG),
    TABLE_REMOVED(TableRemoved.class, Topics.CATALOG),
    GRANTS_APPLIED(GrantsApplied.class, Topics.ACCESS),
    DRIFT_DETECTED(DriftDetected.class, Topics.ACCESS);

    private static final Map<String, EventType> BY_CE_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::recordType, Function.identity()));

    private final Class<? extends GatehouseEvent> recordType;
    private final String topic;

    EventType(Class<? extends GatehouseEvent> recordType, String topic) {
        this.recordType = recordType;
        this.topic = topic;
    }

    public Class<? extends GatehouseEvent> recordType() {
        return recordType;
    }

    public String topic() {
        return topic;
    }

    /** The event's name as the catalogue writes it, e.g. {@code UserJoinedBusiness}. */
    public String eventName() {
        return recordType.getSimpleName();
    }

    /** The CloudEvents {@code type}: {@code gatehouse.<Name>.v1}. An incompatible change gets a new version. */
    public String ceType() {
        return "gatehouse." + eventName() + ".v1";
    }

    /** Classpath location of the checked-in JSON Schema of the event's body. */
    public String schemaResource() {
        return "schemas/" + eventName() + ".v1.json";
    }

    public static Optional<EventType> ofCeType(String ceType) {
        return Optional.ofNullable(ceType).map(BY_CE_TYPE::get);
    }

    public static EventType of(Class<?> recordType) {
        EventType type = BY_CLASS.get(recordType);
        if (type == null) {
            throw new IllegalArgumentException("not an event of the catalogue: " + recordType.getName());
        }
        return type;
    }
}
