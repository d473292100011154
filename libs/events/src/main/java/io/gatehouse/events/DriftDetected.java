package io.gatehouse.events;

import java.util.List;

/** A managed role's actual grants differ from the desired ones: what is missing and what is extra. */
public record DriftDetected(String role, List<String> missing, List<String> extra) implements GatehouseEvent {

    @Override
    public String streamKey() {
        return role;
    }
}
