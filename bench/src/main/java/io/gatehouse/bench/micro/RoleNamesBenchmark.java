package io.gatehouse.bench.micro;

import io.gatehouse.naming.InvalidNameException;
import io.gatehouse.naming.RoleNames;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The role-name rule (libs/naming {@code RoleNames}) on typical sources, and on a source whose name would pass
 * Snowflake's 255 characters: the rule refuses it (there is no shortening by a hash), so that case times the refusal.
 * The sources are fields, not constants, so the JIT cannot fold the work away.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class RoleNamesBenchmark {

    private final RoleNames names = new RoleNames("GH_");
    private String login = "ada.lovelace@example.com";
    private String business = "finance-emea";
    private String group = "sales.orders 2026";
    private String longGroup = "sales_".repeat(50);

    @Benchmark
    public String user() {
        return names.user(login);
    }

    @Benchmark
    public String business() {
        return names.business(business);
    }

    @Benchmark
    public String tableGroup() {
        return names.tableGroup(group);
    }

    /** 300 characters: the name would be 306, refused with an InvalidNameException (its message built). */
    @Benchmark
    public String tableGroupTooLong() {
        try {
            return names.tableGroup(longGroup);
        } catch (InvalidNameException e) {
            return e.getMessage();
        }
    }
}
