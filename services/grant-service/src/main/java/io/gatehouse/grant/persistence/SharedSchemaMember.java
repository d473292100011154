package io.gatehouse.grant.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A user who may create tables in a shared schema and read everyone's there. */
@Entity
@Table(name = "shared_schema_member")
@IdClass(SharedSchemaMember.Key.class)
public class SharedSchemaMember extends PanacheEntityBase {

    public record Key(String databaseName, String schemaName, String login) implements Serializable {
    }

    @Id
    @Column(name = "database_name")
    public String databaseName;
    @Id
    @Column(name = "schema_name")
    public String schemaName;
    @Id
    public String login;
}
