package io.gatehouse.grant.service;

import io.gatehouse.errors.InvalidInputException;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.events.TableAdded;
import io.gatehouse.events.TableRemoved;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.events.UserLeftBusiness;
import io.gatehouse.grant.domain.ChangeableFacts;
import io.gatehouse.grant.domain.ManagedRole;
import io.gatehouse.grant.domain.TableRef;
import io.gatehouse.naming.RoleNames;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What each consumed event changes in the facts and which roles it touches: the one statement of these rules, run by
 * the consumers on the database and by the plan preview on an in-memory overlay. Role names come through
 * {@code names} (the consumers register them, a preview only checks them). Membership changes are ordered by their
 * event time per (user, business), so a late or replayed one changes nothing and is reported to {@code stale}.
 */
final class EventChanges {

    /** Told of a membership event older than the pair's last applied change (the change at {@code later}). */
    interface StaleEvents {
        void ignored(GatehouseEvent event, String login, String business, Instant at, Instant later);
    }

    private final ChangeableFacts facts;
    private final Function<ManagedRole, String> names;
    private final StaleEvents stale;

    EventChanges(ChangeableFacts facts, Function<ManagedRole, String> names, StaleEvents stale) {
        this.facts = facts;
        this.names = names;
        this.stale = stale;
    }

    /** The change of any event the grant-service consumes; {@code at} is the event's time. */
    DesiredChanges.Change of(GatehouseEvent e, Instant at) {
        if (e instanceof UserJoinedBusiness j) {
            return userJoined(j, at);
        } else if (e instanceof UserLeftBusiness l) {
            return userLeft(l, at);
        } else if (e instanceof TableAdded a) {
            return tableAdded(a);
        } else if (e instanceof TableRemoved r) {
            return tableRemoved(r);
        }
        throw new InvalidInputException("the grant-service does not consume " + e.eventType().eventName(), List.of());
    }

    DesiredChanges.Change userJoined(UserJoinedBusiness e, Instant at) {
        String login = RoleNames.login(e.login());
        String userRole = names.apply(new ManagedRole.User(login));
        names.apply(new ManagedRole.Business(e.business()));
        if (!changeMembership(e, login, e.business(), true, at)) {
            return new DesiredChanges.Change(e.userId(), login, Set.of());
        }
        facts.knowUser(login, e.userId());
        return new DesiredChanges.Change(e.userId(), login, Set.of(userRole));
    }

    DesiredChanges.Change userLeft(UserLeftBusiness e, Instant at) {
        String login = RoleNames.login(e.login());
        String userRole = names.apply(new ManagedRole.User(login));
        if (!changeMembership(e, login, e.business(), false, at)) {
            return new DesiredChanges.Change(e.userId(), login, Set.of());
        }
        return new DesiredChanges.Change(e.userId(), login, Set.of(userRole));
    }

    /** Applies the membership change; false when a later change of the pair is already applied (a stale event). */
    private boolean changeMembership(GatehouseEvent e, String login, String business, boolean member, Instant at) {
        Optional<Instant> later = facts.changeMembership(login, business, member, at);
        later.ifPresent(l -> stale.ignored(e, login, business, at, l));
        return later.isEmpty();
    }

    DesiredChanges.Change tableAdded(TableAdded e) {
        TableRef table = new TableRef(e.database(), e.schema(), e.table());
        Set<String> roles = new LinkedHashSet<>();
        roles.add(names.apply(new ManagedRole.Group(e.tableGroup())));
        List<String> businesses = e.businesses() == null ? List.of() : e.businesses();
        for (String b : businesses) {
            roles.add(names.apply(new ManagedRole.Business(b)));
        }
        facts.declareGroup(e.tableGroup());
        writeRole(e.tableGroup()).ifPresent(roles::add);
        facts.putTable(table, e.tableGroup()).ifPresent(old -> {
            roles.add(names.apply(new ManagedRole.Group(old)));
            writeRole(old).ifPresent(roles::add);
        });
        businesses.forEach(b -> facts.publish(e.tableGroup(), b));
        return new DesiredChanges.Change(table.qualified(), null, roles);
    }

    DesiredChanges.Change tableRemoved(TableRemoved e) {
        TableRef table = new TableRef(e.database(), e.schema(), e.table());
        Set<String> roles = new LinkedHashSet<>();
        facts.removeTable(table).ifPresent(group -> {
            roles.add(names.apply(new ManagedRole.Group(group)));
            writeRole(group).ifPresent(roles::add);
        });
        return new DesiredChanges.Change(table.qualified(), null, roles);
    }

    /** The group's write role, when the group has writers (only then does the role exist). */
    private Optional<String> writeRole(String group) {
        return facts.writersOf(group).isEmpty() ? Optional.empty()
                : Optional.of(names.apply(new ManagedRole.GroupWrite(group)));
    }
}
