package io.gatehouse.events;

/** HR or identity: a user is no longer a member of a business. */
public record UserLeftBusiness(String userId, String login, String business) implements GatehouseEvent {

    @Override
    public String streamKey() {
        return userId;
    }
}
