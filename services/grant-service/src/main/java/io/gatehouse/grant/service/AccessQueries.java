package io.gatehouse.grant.service;

import io.gatehouse.grant.domain.SchemaRef;
import io.gatehouse.grant.domain.TableRef;
import io.gatehouse.grant.persistence.FactStore;
import io.gatehouse.naming.RoleNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Who can read what, and why: the path from the user role down to the table, from the desired state. */
@ApplicationScoped
public class AccessQueries {

    /** A table the user can read and the roles it is reached through, user role first. */
    public record Path(String table, String tableGroup, List<String> via) {
    }

    public record UserAccess(String login, String userRole, List<String> roles, List<String> tableGroups,
                             List<String> sharedSchemas, List<Path> tables) {
    }

    public record Reader(String login, String userRole, List<String> via) {
    }

    private final FactStore facts;
    private final GrantModel model;

    AccessQueries(FactStore facts, GrantModel model) {
        this.facts = facts;
        this.model = model;
    }

    @Transactional
    public Optional<UserAccess> user(String rawLogin) {
        String login = RoleNames.login(rawLogin);
        if (!facts.userKnown(login)) {
            return Optional.empty();
        }
        RoleNames names = model.names();
        String userRole = names.user(login);
        List<String> roles = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<Path> tables = new ArrayList<>();
        for (String business : facts.businessesOf(login)) {
            String biz = names.business(business);
            roles.add(biz);
            for (String group : facts.groupsPublishedIn(business)) {
                groups.add(group);
                roles.add(names.tableGroup(group));
                for (TableRef t : facts.tablesOf(group)) {
                    tables.add(new Path(t.qualified(), group, List.of(userRole, biz, names.tableGroup(group))));
                }
            }
        }
        for (String group : facts.directGroupsOf(login)) {
            groups.add(group);
            roles.add(names.tableGroup(group));
            for (TableRef t : facts.tablesOf(group)) {
                tables.add(new Path(t.qualified(), group, List.of(userRole, names.tableGroup(group))));
            }
        }
        for (String group : facts.writeGroupsOf(login)) {
            String write = names.tableGroupWrite(group);
            groups.add(group);
            roles.add(write);
            roles.add(names.tableGroup(group));
            for (TableRef t : facts.tablesOf(group)) {
                tables.add(new Path(t.qualified(), group, List.of(userRole, write, names.tableGroup(group))));
            }
        }
        List<String> shared = new ArrayList<>();
        for (SchemaRef s : facts.sharedSchemasOf(login)) {
            shared.add(s.qualified());
            roles.add(names.sharedSchema(s.database(), s.schema()));
        }
        return Optional.of(new UserAccess(login, userRole, roles.stream().distinct().toList(),
                groups.stream().distinct().toList(), shared, tables));
    }

    @Transactional
    public List<Reader> readers(TableRef table) {
        RoleNames names = model.names();
        List<Reader> readers = new ArrayList<>();
        facts.groupOf(table).ifPresent(group -> {
            String tg = names.tableGroup(group);
            for (String business : facts.businessesPublishing(group)) {
                for (String login : facts.membersOfBusiness(business)) {
                    readers.add(new Reader(login, names.user(login), List.of(names.user(login), names.business(business), tg)));
                }
            }
            for (String login : facts.directHoldersOf(group)) {
                readers.add(new Reader(login, names.user(login), List.of(names.user(login), tg)));
            }
            String write = names.tableGroupWrite(group);
            for (String login : facts.writersOf(group)) {
                readers.add(new Reader(login, names.user(login), List.of(names.user(login), write, tg)));
            }
        });
        SchemaRef schema = new SchemaRef(table.database(), table.schema());
        if (facts.sharedSchemaKnown(schema)) {
            String ss = names.sharedSchema(schema.database(), schema.schema());
            for (String login : facts.membersOf(schema)) {
                readers.add(new Reader(login, names.user(login), List.of(names.user(login), ss)));
            }
        }
        return readers;
    }
}
