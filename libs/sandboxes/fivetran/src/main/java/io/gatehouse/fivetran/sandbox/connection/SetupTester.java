package io.gatehouse.fivetran.sandbox.connection;

import java.util.List;

/**
 * The sandbox's setup test: the source "accepts" exactly one configured credential. A pass connects the
 * connection; a failure leaves a never-connected connection {@code incomplete} and a connected one {@code broken}.
 */
public final class SetupTester {
    private final String acceptedCredential;

    public SetupTester(String acceptedCredential) {
        this.acceptedCredential = acceptedCredential;
    }

    /** Runs the tests and records their outcome on the connection; caller holds the store monitor. */
    public boolean run(Connection c, String credential) {
        boolean ok = acceptedCredential.equals(credential);
        c.setupTests = List.of(
                new Connection.SetupTest("Connecting to source", "PASSED", null),
                ok ? new Connection.SetupTest("Validate Login", "PASSED", null)
                   : new Connection.SetupTest("Validate Login", "FAILED", "Invalid login credentials"));
        if (ok) {
            c.setupState = "connected";
        } else if (c.connected()) {
            c.setupState = "broken";
        }
        return ok;
    }
}
