package io.gatehouse.grant.persistence;

import io.gatehouse.grant.domain.TableRef;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A landed table and the one group it belongs to. */
@Entity
@Table(name = "catalog_table")
@IdClass(CatalogTable.Key.class)
public class CatalogTable extends PanacheEntityBase {

    public record Key(String databaseName, String schemaName, String tableName) implements Serializable {

        public static Key of(TableRef table) {
            return new Key(table.database(), table.schema(), table.table());
        }
    }

    @Id
    @Column(name = "database_name")
    public String databaseName;
    @Id
    @Column(name = "schema_name")
    public String schemaName;
    @Id
    @Column(name = "table_name")
    public String tableName;
    @Column(name = "table_group")
    public String tableGroup;

    static CatalogTable of(TableRef table, String group) {
        CatalogTable row = new CatalogTable();
        row.databaseName = table.database();
        row.schemaName = table.schema();
        row.tableName = table.table();
        row.tableGroup = group;
        return row;
    }
}
