package io.gatehouse.fivetran.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The single JDK handler: applies scripted delays and the API latency, Basic auth on {@code /v1}, scripted failures,
 * then dispatches to the first route whose method and path regex match. Every answered request is recorded.
 */
public final class Router implements HttpHandler {

    @FunctionalInterface
    public interface Handler {
        void handle(ApiExchange exchange, Matcher path) throws IOException;
    }

    private record Route(String method, Pattern path, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();
    private final List<RecordedRequest> log = new CopyOnWriteArrayList<>();
    private final FaultInjector faults;
    private final BasicAuth auth;
    private final Clock clock;
    private volatile Duration apiLatency = Duration.ZERO;

    public Router(FaultInjector faults, BasicAuth auth, Clock clock) {
        this.faults = faults;
        this.auth = auth;
        this.clock = clock;
    }

    /** Registers a route; {@code {c}} in the regex stands for both {@code connections} and the older {@code connectors}. */
    public Router on(String method, String pathRegex, Handler handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex.replace("{c}", "(?:connections|connectors)")), handler));
        return this;
    }

    public List<RecordedRequest> log() { return List.copyOf(log); }

    /**
     * Holds every later {@code /v1} request this long before it is looked at, as a distant API answers: on the request's
     * own thread and outside any lock, so concurrent calls overlap as they would at Fivetran.
     */
    public void setApiLatency(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("API latency must not be negative: " + latency);
        }
        apiLatency = latency;
    }

    public Duration apiLatency() { return apiLatency; }

    public void clearLog() { log.clear(); }

    @Override
    public void handle(HttpExchange raw) throws IOException {
        ApiExchange exchange = new ApiExchange(raw, status -> log.add(new RecordedRequest(clock.instant(),
                raw.getRequestMethod(), raw.getRequestURI().getPath(), raw.getRequestURI().getRawQuery(), status,
                raw.getRequestHeaders().getFirst("Accept"))));
        try {
            dispatch(exchange);
        } catch (ApiError error) {
            exchange.respondError(error);
        } catch (RuntimeException bug) {
            exchange.respondError(new ApiError(500, "InternalServerError", "Sandbox failure: " + bug));
        } finally {
            raw.close();
        }
    }

    private void dispatch(ApiExchange exchange) throws IOException {
        String method = exchange.method();
        String path = exchange.path();
        Optional<Duration> delay = faults.takeDelay(method, path);
        if (delay.isPresent()) sleep(delay.get());
        boolean api = path.startsWith("/v1/");
        Duration latency = apiLatency;
        if (api && !latency.isZero()) sleep(latency);
        if (api && !auth.accepts(exchange.header("Authorization"))) {
            exchange.setHeader("WWW-Authenticate", "Basic realm=\"Fivetran API\"");
            throw new ApiError(401, "AuthFailed", "Missing or invalid API key and secret");
        }
        if (api && !acceptsJson(exchange.header("Accept"))) {
            throw new ApiError(406, "NotAcceptable", "Only application/json responses are available");
        }
        Optional<FaultInjector.Failure> failure = faults.takeFailure(method, path);
        if (failure.isPresent()) {
            respondFailure(exchange, failure.get());
            return;
        }
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher matcher = route.path.matcher(path);
            if (!matcher.matches()) continue;
            pathKnown = true;
            if (route.method.equals(method)) {
                route.handler.handle(exchange, matcher);
                return;
            }
        }
        throw pathKnown
                ? new ApiError(405, "MethodNotAllowed", "Method " + method + " is not allowed on " + path)
                : ApiError.notFound("NotFound", "No resource at " + path);
    }

    private static void respondFailure(ApiExchange exchange, FaultInjector.Failure failure) throws IOException {
        if (failure.retryAfterSeconds() != null) {
            exchange.setHeader("Retry-After", String.valueOf(failure.retryAfterSeconds()));
        }
        ApiError error = failure.status() == 429
                ? new ApiError(429, "TooManyRequests", "No more than 20 connectors can be created in one-minute time period")
                : new ApiError(failure.status(), failure.status() >= 500 ? "InternalServerError" : "BadRequest",
                        "Injected failure (HTTP " + failure.status() + ")");
        exchange.respondError(error);
    }

    private static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) return true;
        String lower = accept.toLowerCase();
        return lower.contains("application/json") || lower.contains("*/*") || lower.contains("application/*");
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
