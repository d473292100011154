package io.gatehouse.grant.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A deleted shared schema to be dropped with its role, as the platform team asked. */
@Entity
@Table(name = "schema_drop")
@IdClass(SchemaDrop.Key.class)
public class SchemaDrop extends PanacheEntityBase {

    public record Key(String databaseName, String schemaName) implements Serializable {
    }

    @Id
    @Column(name = "database_name")
    public String databaseName;
    @Id
    @Column(name = "schema_name")
    public String schemaName;
}
