package io.gatehouse.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running system for every story class of this module: the first class that needs it starts it, JUnit stops it
 * after the last (an AutoCloseable in the root store). Starting it takes a minute and a half on 2 cores; the stories
 * use names of their own, so they share it without stepping on each other.
 */
final class SharedSystem implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedSystem.class);
    private static volatile SystemUnderTest system;

    @Override
    public void beforeAll(ExtensionContext context) {
        system = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(SystemUnderTest.class, type -> start(), SystemUnderTest.class);
    }

    static SystemUnderTest system() {
        if (system == null) {
            throw new IllegalStateException("@ExtendWith(SharedSystem.class) is missing");
        }
        return system;
    }

    private static SystemUnderTest start() {
        try {
            return new SystemUnderTest();
        } catch (Exception e) {
            throw new IllegalStateException("the system under test did not start", e);
        }
    }
}
