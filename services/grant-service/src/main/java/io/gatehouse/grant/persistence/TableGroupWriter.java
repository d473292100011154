package io.gatehouse.grant.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A user the platform team named as a writer of a table group: their user role holds the group's write role. */
@Entity
@Table(name = "table_group_writer")
@IdClass(TableGroupWriter.Key.class)
public class TableGroupWriter extends PanacheEntityBase {

    public record Key(String tableGroup, String login) implements Serializable {
    }

    @Id
    @Column(name = "table_group")
    public String tableGroup;
    @Id
    public String login;
}
