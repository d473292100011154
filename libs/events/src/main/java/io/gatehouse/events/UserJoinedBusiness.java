package io.gatehouse.events;

/** HR or identity: a user became a member of a business. {@code login} is the Snowflake login name. */
public record UserJoinedBusiness(String userId, String login, String business) implements GatehouseEvent {

    @Override
    public String streamKey() {
        return userId;
    }
}
