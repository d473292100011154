package io.gatehouse.grant.domain;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** The desired-state facts the service keeps (its database; an in-memory map in benchmarks and unit tests). */
public interface Facts {

    /** A user Gatehouse has heard of (joined a business, a shared schema or got a direct grant). */
    boolean userKnown(String login);

    Set<String> businessesOf(String login);

    Set<SchemaRef> sharedSchemasOf(String login);

    Set<String> directGroupsOf(String login);

    /** A business with at least one member or one publication. */
    boolean businessKnown(String business);

    Set<String> groupsPublishedIn(String business);

    /** A table group declared by the platform team or holding at least one table. */
    boolean groupKnown(String group);

    Collection<TableRef> tablesOf(String group);

    boolean sharedSchemaKnown(SchemaRef schema);

    /** The warehouse the platform team set for the business, if any (not the configured default). */
    Optional<String> warehouseOf(String business);

    /** The warehouse the platform team set for the shared schema, if any. */
    Optional<String> warehouseOf(SchemaRef schema);
    /** A deleted shared schema the platform team asked to drop along with its role. */
    boolean schemaToDrop(SchemaRef schema);

    /** Table groups whose write role the platform team gave this user. */
    Set<String> writeGroupsOf(String login);

    /** Users the platform team named as writers of the group, by login. */
    Set<String> writersOf(String group);
}
