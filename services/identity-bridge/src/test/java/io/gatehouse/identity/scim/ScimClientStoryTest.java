package io.gatehouse.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A SCIM client written elsewhere (Ping Identity's UnboundID SCIM 2 SDK) provisions people and a business group the
 * way an identity provider does; every step is checked on gatehouse.identity, event by event.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class ScimClientStoryTest {

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @TestHTTPResource("/scim/v2")
    URI base;

    @Test
    void aProviderProvisionsABusinessAndItsMembersComeAndGo() throws Exception {
        String m = Scim.marker();
        ScimService scim = Scim.client(base, Scim.token());

        ServiceProviderConfigResource config = scim.getServiceProviderConfig();
        assertThat(config.getPatch().isSupported()).isTrue();
        assertThat(config.getFilter().isSupported()).isTrue();
        assertThat(config.getEtag().isSupported()).isTrue();

        UserResource ada = scim.create("Users", person("ada" + m, "Ada", "Lovelace"));
        UserResource grace = scim.create("Users", person("grace" + m, "Grace", "Hopper"));
        assertThat(ada.getId()).isNotBlank();
        assertThat(ada.getMeta().getLocation().toString()).endsWith("/scim/v2/Users/" + ada.getId());
        assertThat(ada.getMeta().getVersion()).isNotBlank();

        // A group named with the business prefix is business "fin<m>"; its first member joins it.
        GroupResource finance = scim.create("Groups", new GroupResource().setDisplayName("biz-fin" + m)
                .setMembers(List.of(new Member().setValue(ada.getId()))));
        assertThat(IdentityTopic.await(kafka, ada.getId(), 1)).extracting(IdentityTopic::change)
                .containsExactly("joined fin" + m + " as ADA" + m.toUpperCase());

        // A group that is not a business stores its members and announces nothing.
        scim.create("Groups", new GroupResource().setDisplayName("book-club-" + m)
                .setMembers(List.of(new Member().setValue(grace.getId()))));

        ListResponse<UserResource> found = scim.searchRequest("Users")
                .filter(Filter.eq("userName", "grace" + m + "@example.com").toString())
                .invoke(UserResource.class);
        assertThat(found.getTotalResults()).isEqualTo(1);
        assertThat(found.getResources()).extracting(UserResource::getId).containsExactly(grace.getId());

        scim.modifyRequest("Groups", finance.getId())
                .addValues("members", new Member().setValue(grace.getId()))
                .invoke(GroupResource.class);
        assertThat(IdentityTopic.await(kafka, grace.getId(), 1)).extracting(IdentityTopic::change)
                .containsExactly("joined fin" + m + " as GRACE" + m.toUpperCase());

        // The same add again: she is a member already, nothing is published.
        scim.modifyRequest("Groups", finance.getId())
                .addValues("members", new Member().setValue(grace.getId()))
                .invoke(GroupResource.class);

        scim.modifyRequest("Groups", finance.getId())
                .removeValues("members[value eq \"" + ada.getId() + "\"]")
                .invoke(GroupResource.class);
        assertThat(IdentityTopic.await(kafka, ada.getId(), 2)).extracting(IdentityTopic::change)
                .containsExactly("joined fin" + m + " as ADA" + m.toUpperCase(), "left fin" + m + " as ADA" + m.toUpperCase());
        GroupResource after = scim.retrieve("Groups", finance.getId(), GroupResource.class);
        assertThat(after.getMembers()).extracting(Member::getValue).containsExactly(grace.getId());

        // Deactivated: she leaves every business, and stays a member of the group in SCIM.
        UserResource deactivated = scim.modifyRequest("Users", grace.getId())
                .replaceValue("active", false)
                .invoke(UserResource.class);
        assertThat(deactivated.getActive()).isFalse();
        assertThat(IdentityTopic.await(kafka, grace.getId(), 2)).extracting(IdentityTopic::change)
                .containsExactly("joined fin" + m + " as GRACE" + m.toUpperCase(), "left fin" + m + " as GRACE" + m.toUpperCase());

        List<JsonNode> all = IdentityTopic.settled(kafka, r -> r.key().equals(ada.getId()) || r.key().equals(grace.getId()));
        assertThat(all).hasSize(4);
        assertThat(all).allSatisfy(e -> assertThat(e.path("time").asText()).isNotBlank());
    }

    private static UserResource person(String login, String given, String family) {
        UserResource user = new UserResource().setUserName(login + "@example.com");
        user.setName(new Name().setGivenName(given).setFamilyName(family));
        user.setEmails(List.of(new Email().setValue(login + "@example.com").setType("work").setPrimary(true)));
        user.setActive(true);
        return user;
    }
}
