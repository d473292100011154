package io.gatehouse.connector.it;

import io.gatehouse.connector.service.FivetranCallHooks;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Test alternative: for an armed request, the service "crashes" right after Fivetran created its connection. */
@Alternative
@Priority(1)
@ApplicationScoped
public class CrashAfterCreate extends FivetranCallHooks {

    private static final Set<String> ARMED = ConcurrentHashMap.newKeySet();

    static void arm(String requestId) {
        ARMED.add(requestId);
    }

    static boolean fired(String requestId) {
        return !ARMED.contains(requestId);
    }

    @Override
    public void afterConnectionCreated(String requestId, String connectionId) {
        if (ARMED.remove(requestId)) {
            throw new IllegalStateException("injected crash after creating " + connectionId + ", before the commit");
        }
    }
}
