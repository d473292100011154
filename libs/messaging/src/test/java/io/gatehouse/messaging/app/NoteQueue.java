package io.gatehouse.messaging.app;

import io.gatehouse.messaging.metrics.StatusGauges;
import io.gatehouse.messaging.metrics.WorkQueues;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A test service's work queue, registered the way grant-service registers its apply jobs; tests set its figures. */
@Startup
@ApplicationScoped
public class NoteQueue {

    public enum Status { OPEN, PARKED }

    private final StatusGauges<Status> gauges;

    NoteQueue(WorkQueues queues) {
        this.gauges = queues.register("test.notes", new StatusGauges.Names("gatehouse.test.notes", "Notes in this status",
                "gatehouse.test.notes.oldest.age", "Seconds since the oldest note in this status was written"),
                "status", Status.class, List.of(Status.values()));
    }

    public void refresh(List<StatusGauges.Row<Status>> rows) {
        gauges.refresh(rows);
    }
}
