package io.gatehouse.webhook.service;

import io.gatehouse.webhook.config.ConnectCardConfig;
import io.gatehouse.webhook.domain.TokenBuckets;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The return page's rate limits, per instance: requests per client address (anything reaching the page), and
 * Fivetran calls per state (per onboarding request, however many links or tabs carry it). Also remembers, per
 * request and connection, that Fivetran no longer knows the connection, so that reloading a refused state does not
 * ask again; a reissued card binds another connection and is asked about.
 */
@ApplicationScoped
public class ReturnPageLimits {

    private final TokenBuckets addresses;
    private final TokenBuckets states;
    private final Set<String> gone;

    ReturnPageLimits(ConnectCardConfig config) {
        ConnectCardConfig.ReturnPage limits = config.returnPage();
        this.addresses = new TokenBuckets(limits.requestsPerAddress(), limits.window(), limits.trackedKeys());
        this.states = new TokenBuckets(limits.callsPerState(), limits.window(), limits.trackedKeys());
        int maxKeys = limits.trackedKeys();
        this.gone = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > maxKeys;
            }
        }));
    }

    /** Empty if a request from {@code address} may go ahead; otherwise how long until it may. */
    public Optional<Duration> request(String address) {
        return addresses.take(address == null ? "unknown" : address);
    }

    /** Empty if a Fivetran call for {@code requestId} may go ahead; otherwise how long until it may. */
    public Optional<Duration> fivetranCall(String requestId) {
        return states.take(requestId);
    }

    /** Notes that Fivetran answered 404 for the request's connection. */
    public void gone(String requestId, String connectionId) {
        gone.add(requestId + "/" + connectionId);
    }

    /** Whether Fivetran answered 404 for this request's connection (as far as remembered: the least recently asked are forgotten first). */
    public boolean knownGone(String requestId, String connectionId) {
        return gone.contains(requestId + "/" + connectionId);
    }
}
