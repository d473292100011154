package io.gatehouse.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/** A batch of {@code POST /identity-events} already taken, by the caller and the caller's own batch id. */
@Entity
@Table(name = "identity_batch")
public class IdentityBatch extends PanacheEntityBase {

    @EmbeddedId
    public Key key;
    public String fingerprint;
    public int events;
    @Column(name = "accepted_at")
    public Instant acceptedAt;

    public static Optional<IdentityBatch> of(String caller, String batchId) {
        return findByIdOptional(new Key(caller, batchId));
    }

    @Embeddable
    public static class Key implements Serializable {
        public String caller;
        @Column(name = "batch_id")
        public String batchId;

        public Key() {
        }

        public Key(String caller, String batchId) {
            this.caller = caller;
            this.batchId = batchId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.caller.equals(caller) && k.batchId.equals(batchId);
        }

        @Override
        public int hashCode() {
            return caller.hashCode() * 31 + batchId.hashCode();
        }
    }
}
