package io.gatehouse.faults;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link ManyInstancesStack} (two instances of every service, 8 JVMs and a broker) for every story class in the run
 * that declares a {@code ManyInstancesStack} parameter: started by the first, closed when the run ends. Its start is
 * about a minute on two loaded cores, so stories that can share it do; each keeps to its own businesses and logins.
 */
final class SharedManyInstances implements ParameterResolver {

    /** What the store closes at the end of the run. */
    record Started(ManyInstancesStack stack, Duration took) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            stack.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ManyInstancesStack.class || type == Started.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Started started = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Started.class, key -> start(), Started.class);
        return parameter.getParameter().getType() == Started.class ? started : started.stack();
    }

    private static Started start() {
        Instant begin = Instant.now();
        try {
            return new Started(new ManyInstancesStack(2), Duration.between(begin, Instant.now()));
        } catch (Exception e) {
            throw new IllegalStateException("the many-instances stack did not start", e);
        }
    }
}
