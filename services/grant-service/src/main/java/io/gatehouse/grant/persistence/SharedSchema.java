package io.gatehouse.grant.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A managed-access schema the platform team declared shared. */
@Entity
@Table(name = "shared_schema")
@IdClass(SharedSchema.Key.class)
public class SharedSchema extends PanacheEntityBase {

    public record Key(String databaseName, String schemaName) implements Serializable {
    }

    @Id
    @Column(name = "database_name")
    public String databaseName;
    @Id
    @Column(name = "schema_name")
    public String schemaName;
    /** Its members' warehouse (USAGE granted to the schema's role); null: none. */
    public String warehouse;
}
