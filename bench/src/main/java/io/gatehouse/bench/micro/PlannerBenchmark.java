package io.gatehouse.bench.micro;

import io.gatehouse.grant.domain.DesiredState;
import io.gatehouse.grant.domain.InMemoryFacts;
import io.gatehouse.grant.domain.InMemoryLedger;
import io.gatehouse.grant.domain.ManagedRole;
import io.gatehouse.grant.domain.Planner;
import io.gatehouse.grant.domain.Statement;
import io.gatehouse.grant.domain.TableRef;
import io.gatehouse.naming.RoleNames;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The grant planner on a large desired state held in memory: 1M tables in 10k table groups published in 1k
 * businesses, 100k users each in one business, every business role already applied. Planning one join
 * (UserJoinedBusiness of a user whose role does not exist yet) and re-planning one table group of 100 tables (a
 * TableAdded in an existing group: its whole role state diffed). The facts and the ledger are the planner tests'.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class PlannerBenchmark {

    static final int TABLES = 1_000_000;
    static final int GROUPS = 10_000;
    static final int BUSINESSES = 1_000;
    static final int USERS = 100_000;

    private Planner planner;
    private InMemoryLedger ledger;
    private int nextUser;
    private int nextGroup;

    @Setup(Level.Trial)
    public void desiredState() {
        InMemoryFacts facts = new InMemoryFacts();
        for (int t = 0; t < TABLES; t++) {
            int g = t % GROUPS;
            facts.table("g" + g, new TableRef("DB" + (g % 50), "S" + (g % 500), "T" + t), "b" + (g % BUSINESSES));
        }
        for (int u = 0; u < USERS; u++) {
            facts.join("u" + u, "b" + (u % BUSINESSES));
        }
        planner = new Planner(new DesiredState(facts, new RoleNames("GH_"), "SYSADMIN", false));
        ledger = new InMemoryLedger();
        for (int b = 0; b < BUSINESSES; b++) {
            ledger.record(planner.plan(List.of(new ManagedRole.Business("b" + b)), ledger::of));
        }
    }

    /** A new user joins a business: create the user role, grant it the business role, set the user's defaults. */
    @Benchmark
    public List<Statement> userJoinedBusiness() {
        nextUser = (nextUser + 1) % USERS;
        return planner.plan(List.of(new ManagedRole.User("u" + nextUser)), ledger::of);
    }

    /** A table group of 100 tables planned again against its applied state (none recorded: every grant planned). */
    @Benchmark
    public List<Statement> tableGroupReplan() {
        nextGroup = (nextGroup + 1) % GROUPS;
        return planner.plan(List.of(new ManagedRole.Group("g" + nextGroup)), ledger::of);
    }
}
