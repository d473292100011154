package io.gatehouse.snowflake.sandbox.wire;

import io.gatehouse.snowflake.sandbox.engine.Result;
import io.gatehouse.snowflake.sandbox.engine.Session;
import io.gatehouse.snowflake.sandbox.login.LoginProof;
import java.util.List;

/** What the protocol layer needs from the sandbox: logins and statements. Errors are SqlExceptions. */
public interface Backend {

    /** Opens a session or throws a SqlException carrying a login error code (390100, 390144, ...). */
    Session login(String token, long id, String loginName, LoginProof proof, String role, String database,
                  String schema, String warehouse);

    Result execute(Session session, String sql, List<String> bindings);
}
